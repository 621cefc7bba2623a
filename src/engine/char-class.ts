/**
 * Character classes the normalizer and matcher reason about, computed once per UTF-16 code unit
 * and cached in a table: the hot loops then cost one array read per character.
 */
export const enum CharClass {
  Unknown = 0,
  /** Letters of alphabetic scripts (Latin, Greek, Cyrillic, ...). */
  Letter = 1,
  Digit = 2,
  /** Chinese characters. */
  Han = 3,
  Space = 4,
  /** Sentence and clause punctuation: separators that end a phrase. */
  Clause = 5,
  /** Everything else (symbols, emoji, dashes, dots, brackets): what fraudsters put inside words. */
  Weak = 6,
}

const table = new Uint8Array(0x10000);
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const SPACE = /\s/u;
// NFKC turns full-width ，！？；： into their ASCII forms, so both spellings are listed. The full
// stop is not here: inside a word (缅.北, t.me) it is a planted separator, and the normalizer
// only drops separators that sit between two letters.
const CLAUSE = new Set([...',;:!?。，、；：！？\n\r()[]{}<>（）【】「」『』《》"“”']);

function classify(code: number): CharClass {
  if (code >= 0xd800 && code <= 0xdfff) return CharClass.Weak; // astral: emoji, flags
  const ch = String.fromCharCode(code);
  if (CLAUSE.has(ch)) return CharClass.Clause;
  if (SPACE.test(ch)) return CharClass.Space;
  if (HAN.test(ch)) return CharClass.Han;
  if (DIGIT.test(ch)) return CharClass.Digit;
  if (LETTER.test(ch)) return CharClass.Letter;
  return CharClass.Weak;
}

export function charClass(code: number): CharClass {
  let cls = table[code]!;
  if (cls === CharClass.Unknown) {
    cls = classify(code);
    table[code] = cls;
  }
  return cls;
}

/** Letters and digits: the characters that make up a Latin-script word token. */
export function isWordChar(code: number): boolean {
  const cls = charClass(code);
  return cls === CharClass.Letter || cls === CharClass.Digit;
}
