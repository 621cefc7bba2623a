/**
 * Character classes the normalizer and matcher reason about, computed once per UTF-16 code unit
 * and cached in a table: the hot loops then cost one array read per character. Plain numeric
 * constants (not an enum object) so that hot loops can read them as local constants.
 */
export type CharClass = 0 | 1 | 2 | 3 | 4 | 5 | 6;
const UNKNOWN = 0;
/** Letters of alphabetic scripts (Latin, Greek, Cyrillic, ...). */
export const LETTER = 1;
export const DIGIT = 2;
/** Chinese characters. */
export const HAN = 3;
export const SPACE = 4;
/** Sentence and clause punctuation: separators that end a phrase. */
export const CLAUSE = 5;
/** Everything else (symbols, emoji, dashes, dots): what fraudsters put inside words. */
export const WEAK = 6;

/** Exported for hot loops, which read it directly (0 = not yet classified: call charClass). */
export const classTable = new Uint8Array(0x10000);
const HAN_PATTERN = /\p{Script=Han}/u;
const LETTER_PATTERN = /\p{L}/u;
const DIGIT_PATTERN = /\p{Nd}/u;
const SPACE_PATTERN = /\s/u;
// NFKC turns full-width ，！？；： into their ASCII forms, so both spellings are listed. The full
// stop is not here: inside a word (缅.北, t.me) it is a planted separator, and the normalizer
// only drops separators that sit between two letters.
const CLAUSE_CHARS = new Set([...',;:!?。，、；：！？\n\r()[]{}<>（）【】「」『』《》"“”']);

function classify(code: number): CharClass {
  if (code >= 0xd800 && code <= 0xdfff) return WEAK; // astral: emoji, flags
  const ch = String.fromCharCode(code);
  if (CLAUSE_CHARS.has(ch)) return CLAUSE;
  if (SPACE_PATTERN.test(ch)) return SPACE;
  if (HAN_PATTERN.test(ch)) return HAN;
  if (DIGIT_PATTERN.test(ch)) return DIGIT;
  if (LETTER_PATTERN.test(ch)) return LETTER;
  return WEAK;
}

export function charClass(code: number): CharClass {
  let cls = classTable[code]! as CharClass;
  if (cls === UNKNOWN) {
    cls = classify(code);
    classTable[code] = cls;
  }
  return cls;
}

/** Letters and digits: the characters that make up a Latin-script word token. */
export function isWordChar(code: number): boolean {
  const cls = charClass(code);
  return cls === LETTER || cls === DIGIT;
}

// ASCII is classified up front so the normalizer's ASCII path can read the table directly.
for (let code = 0; code < 0x80; code++) charClass(code);
