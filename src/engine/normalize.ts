/**
 * Normalization that undoes the spellings fraudsters use to slip past keyword filters, while
 * remembering where every normalized character came from so a match can be highlighted in the
 * original text.
 *
 * Three passes over typed arrays (each linear):
 *  1. fold each code point (NFKC, case, look-alikes, traditional -> simplified, invisible chars dropped);
 *  2. undo leetspeak inside Latin words (s@lary, h1ring, m0nth) and letter-O zeros in numbers ($35OO);
 *  3. drop separators planted inside words (高 薪, 缅-北, 💰高💰薪, Teleg-ram, M y a w a d d y)
 *     and fold runs of white space into one space.
 * Evasion *words* (V信 for WeChat, 菠菜 for 博彩, pinyin) are not rewritten here: they are listed
 * as variants in the rule pack, so the popup can show which spelling was used.
 */
import { CharClass, charClass } from './char-class';
import { foldCodePoint } from './fold-char';

export interface NormalizedText {
  text: string;
  /** For each normalized character, the index of the first original UTF-16 unit it came from. */
  start: Int32Array;
  /** For each normalized character, the index just past the last original unit it came from. */
  end: Int32Array;
}

class CodeBuffer {
  codes: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }
  push(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow();
    const i = this.length++;
    this.codes[i] = code;
    this.start[i] = start;
    this.end[i] = end;
  }
  private grow(): void {
    const size = this.codes.length * 2 + 16;
    const codes = new Uint16Array(size);
    codes.set(this.codes);
    const start = new Int32Array(size);
    start.set(this.start);
    const end = new Int32Array(size);
    end.set(this.end);
    this.codes = codes;
    this.start = start;
    this.end = end;
  }
}

function foldPass(input: string): CodeBuffer {
  const out = new CodeBuffer(input.length + 16);
  for (let i = 0; i < input.length; ) {
    const unit = input.charCodeAt(i);
    if (unit < 0x80) {
      // ASCII fast path: only upper case needs folding.
      out.push(unit >= 65 && unit <= 90 ? unit + 32 : unit, i, i + 1);
      i++;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldCodePoint(cp);
    for (let k = 0; k < folded.length; k++) out.push(folded.charCodeAt(k), i, i + width);
    i += width;
  }
  return out;
}

const LEET_LETTER: Record<number, number> = {
  48: 111, // 0 -> o
  49: 105, // 1 -> i
  51: 101, // 3 -> e
  52: 97, // 4 -> a
  53: 115, // 5 -> s
  55: 116, // 7 -> t
  64: 97, // @ -> a
  36: 115, // $ -> s
  33: 105, // ! -> i
};
const isLatinLetter = (c: number) => c >= 97 && c <= 122;
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const isLeetToken = (c: number) => isLatinLetter(c) || isAsciiDigit(c) || c === 64 || c === 36 || c === 33;

/** Undo leetspeak in one token [from, to) of ASCII letters, digits and @ $ !. */
function decodeLeetToken(codes: Uint16Array, from: number, to: number): void {
  let letters = 0;
  let digits = 0;
  for (let i = from; i < to; i++) {
    if (isLatinLetter(codes[i]!)) letters++;
    else if (isAsciiDigit(codes[i]!)) digits++;
  }
  if (letters === 0) return;
  // A number written with letter O for zero ($35OO): digits first, then only o's.
  if (digits > 0 && isAsciiDigit(codes[from]!) && letters === countOf(codes, from, to, 111)) {
    for (let i = from; i < to; i++) if (codes[i] === 111) codes[i] = 48;
    return;
  }
  for (let i = from; i < to; i++) {
    const c = codes[i]!;
    const letter = LEET_LETTER[c];
    if (letter === undefined) continue;
    const prevLetter = i > from && isLatinLetter(codes[i - 1]!);
    const nextLetter = i + 1 < to && isLatinLetter(codes[i + 1]!);
    if (!isAsciiDigit(c)) {
      // @ $ ! stand for letters only inside a word: keep "@handle", "$300", "hiring!".
      if (prevLetter && nextLetter) codes[i] = letter;
      continue;
    }
    // A digit is a letter only when it stands alone among letters: "usd3500", "3w", "24h" stay numbers.
    const prevDigit = i > from && isAsciiDigit(codes[i - 1]!);
    const nextDigit = i + 1 < to && isAsciiDigit(codes[i + 1]!);
    if (prevDigit || nextDigit || !(prevLetter || nextLetter)) continue;
    if (letters >= 2 || (prevLetter && to - from === 2)) codes[i] = letter;
  }
}

function countOf(codes: Uint16Array, from: number, to: number, code: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (codes[i] === code) n++;
  return n;
}

function leetPass(buf: CodeBuffer): void {
  const { codes, length } = buf;
  let i = 0;
  while (i < length) {
    if (!isLeetToken(codes[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < length && isLeetToken(codes[j]!)) j++;
    // A leading @ or $ is a handle or a currency sign, not part of the word.
    let from = i;
    while (from < j && (codes[from] === 64 || codes[from] === 36)) from++;
    if (j - from >= 2) decodeLeetToken(codes, from, j);
    i = j;
  }
}

const MAX_PLANTED_SEPARATOR = 8;

const isWordClass = (cls: CharClass) => cls === CharClass.Letter || cls === CharClass.Digit || cls === CharClass.Han;

/** Marks single characters spelled out with spaces ("m y a w a d d y", "3 0 0", "加 V 信") for joining. */
function spelledOutSpaces(codes: Uint16Array, length: number): Uint8Array {
  const join = new Uint8Array(length);
  const single = (i: number) => {
    if (!isWordClass(charClass(codes[i]!))) return false;
    const before = i === 0 ? CharClass.Space : charClass(codes[i - 1]!);
    const after = i + 1 >= length ? CharClass.Space : charClass(codes[i + 1]!);
    return !isWordClass(before) && !isWordClass(after);
  };
  let i = 0;
  while (i < length) {
    if (!single(i)) {
      i++;
      continue;
    }
    let j = i;
    let count = 1;
    while (j + 2 < length && codes[j + 1] === 32 && single(j + 2)) {
      j += 2;
      count++;
    }
    if (count >= 3) for (let k = i + 1; k < j; k += 2) join[k] = 1;
    i = j + 1;
  }
  return join;
}

function collapsePass(buf: CodeBuffer): number {
  const { codes, start, end, length } = buf;
  const joinSpace = spelledOutSpaces(codes, length);
  let w = 0;
  let r = 0;
  while (r < length) {
    const cls = charClass(codes[r]!);
    if (cls !== CharClass.Space && cls !== CharClass.Weak) {
      codes[w] = codes[r]!;
      start[w] = start[r]!;
      end[w] = end[r]!;
      w++;
      r++;
      continue;
    }
    // A run of separators [r, q): decide whether it was planted inside a word.
    let q = r;
    let hasSpace = false;
    while (q < length) {
      const c = charClass(codes[q]!);
      if (c === CharClass.Space) hasSpace = true;
      else if (c !== CharClass.Weak) break;
      q++;
    }
    const left = w > 0 ? charClass(codes[w - 1]!) : CharClass.Space;
    const right = q < length ? charClass(codes[q]!) : CharClass.Space;
    // A lone Latin letter next to Chinese is part of an evasion word: "加 V 信", "V 信".
    const loneLetterRight = right === CharClass.Letter && (q + 1 >= length || !isWordClass(charClass(codes[q + 1]!)));
    const loneLetterLeft = left === CharClass.Letter && (w < 2 || !isWordClass(charClass(codes[w - 2]!)));
    const planted =
      q - r <= MAX_PLANTED_SEPARATOR &&
      ((left === CharClass.Han && right === CharClass.Han) ||
        (left === CharClass.Letter && right === CharClass.Letter && !hasSpace) ||
        (left === CharClass.Han && loneLetterRight) ||
        (loneLetterLeft && right === CharClass.Han) ||
        (q - r === 1 && joinSpace[r] === 1));
    if (!planted) {
      for (let k = r; k < q; k++) {
        const isSpace = charClass(codes[k]!) === CharClass.Space;
        // Keep meaningful symbols ($ % / +) but fold each white-space run into one space.
        if (isSpace && w > 0 && codes[w - 1] === 32) continue;
        codes[w] = isSpace ? 32 : codes[k]!;
        start[w] = start[k]!;
        end[w] = end[k]!;
        w++;
      }
    }
    r = q;
  }
  return w;
}

const utf16 = new TextDecoder('utf-16le');

export function normalize(input: string): NormalizedText {
  const buf = foldPass(input);
  leetPass(buf);
  const length = collapsePass(buf);
  return {
    text: utf16.decode(buf.codes.subarray(0, length)),
    start: buf.start.subarray(0, length),
    end: buf.end.subarray(0, length),
  };
}

/** Normalizes a rule term exactly as page text is normalized, so the two always agree. */
export function normalizeTerm(term: string): string {
  return normalize(term).text.trim();
}
