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
import * as chars from './char-class';
import * as fold from './fold-char';

// Local bindings: the hot loops below call these per character.
const { charClass, classTable, LETTER, DIGIT, HAN, SPACE, WEAK } = chars;
const { foldBmpUnit, foldCodePoint, bmpSingle, NOT_SINGLE } = fold;

/**
 * A normalized segment in the normalizer's scratch buffers (valid until the next call): the
 * scanner reads the code units directly and builds strings only for the short pieces it needs.
 */
export interface NormalizedView {
  codes: Uint16Array;
  length: number;
  start: Int32Array;
  end: Int32Array;
  classes: Uint8Array;
}

export interface NormalizedText {
  text: string;
  /** For each normalized character, the index of the first original UTF-16 unit it came from. */
  start: Int32Array;
  /** For each normalized character, the index just past the last original unit it came from. */
  end: Int32Array;
  /** For each normalized character, its character class (see char-class.ts). */
  classes: Uint8Array;
}

/** 1 for the ASCII characters leetspeak uses for letters: 0 1 3 4 5 7 @ $ !. */
const LEET_CHAR = new Uint8Array(128);
for (const ch of '013457@$!') LEET_CHAR[ch.charCodeAt(0)] = 1;
const isLatinLetter = (c: number) => c >= 97 && c <= 122;

/**
 * Scratch buffers reused by every call (the engine is synchronous, so one set is enough): the
 * per-segment work then allocates only the result.
 */
let capacity = 0;
let codes = new Uint16Array(0);
let starts = new Int32Array(0);
let ends = new Int32Array(0);
let classes = new Uint8Array(0);
let joinSpace = new Uint8Array(0);

function ensureCapacity(size: number): void {
  if (size <= capacity) return;
  const next = Math.max(size, capacity * 2, 1024);
  const grown = { codes: new Uint16Array(next), starts: new Int32Array(next), ends: new Int32Array(next) };
  grown.codes.set(codes);
  grown.starts.set(starts);
  grown.ends.set(ends);
  ({ codes, starts, ends } = grown);
  const grownClasses = new Uint8Array(next);
  grownClasses.set(classes);
  classes = grownClasses;
  joinSpace = new Uint8Array(next);
  capacity = next;
}

/** Set by the fold pass when a leet character touches a Latin letter, so pass 2 has work. */
let leetCandidate = false;

/** Pass 1: fold every code point and classify the result; returns the number of units written. */
function foldPass(input: string): number {
  const length = input.length;
  ensureCapacity(length + 16);
  // Local references: module-level bindings are slower to reach in a loop this hot.
  let out = codes;
  let outStart = starts;
  let outEnd = ends;
  let outClass = classes;
  let n = 0;
  let previous = 0;
  let leet = false;
  for (let i = 0; i < length; ) {
    const unit = input.charCodeAt(i);
    if (unit < 0x80) {
      // ASCII needs only lower-casing, and never grows.
      const c = unit >= 65 && unit <= 90 ? unit + 32 : unit;
      out[n] = c;
      outClass[n] = classTable[c]!;
      outStart[n] = i;
      outEnd[n] = i + 1;
      if (!leet && ((LEET_CHAR[c] === 1 && isLatinLetter(previous)) || (isLatinLetter(c) && LEET_CHAR[previous] === 1))) leet = true;
      previous = c;
      n++;
      i++;
      continue;
    }
    if (unit < 0xd800 || unit > 0xdfff) {
      // Most other BMP characters fold to one unit; the table is filled on first sight.
      let single = bmpSingle[unit]!;
      if (single === 0) single = foldBmpUnit(unit);
      if (single >= 0 && single !== NOT_SINGLE) {
        out[n] = single;
        outClass[n] = classTable[single] || charClass(single);
        outStart[n] = i;
        outEnd[n] = i + 1;
        // Full-width letters and symbols fold to ASCII and can be leetspeak too (Ｓ＠lary).
        if (single < 0x80) {
          if (!leet && ((LEET_CHAR[single] === 1 && isLatinLetter(previous)) || (isLatinLetter(single) && LEET_CHAR[previous] === 1))) leet = true;
          previous = single;
        } else {
          previous = 0;
        }
        n++;
        i++;
        continue;
      }
    }
    previous = 0;
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldCodePoint(cp);
    if (n + folded.length + (length - i) > capacity) {
      ensureCapacity(n + folded.length + (length - i) + 16);
      [out, outStart, outEnd, outClass] = [codes, starts, ends, classes];
    }
    for (let k = 0; k < folded.length; k++) {
      const c = folded.charCodeAt(k);
      out[n] = c;
      outClass[n] = charClass(c);
      outStart[n] = i;
      outEnd[n] = i + width;
      n++;
    }
    i += width;
  }
  leetCandidate = leet;
  return n;
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
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const isLeetToken = (c: number) => isLatinLetter(c) || isAsciiDigit(c) || c === 64 || c === 36 || c === 33;

/** Undo leetspeak in one token [from, to) of ASCII letters, digits and @ $ !. */
function decodeLeetToken(from: number, to: number): void {
  let letters = 0;
  let digits = 0;
  for (let i = from; i < to; i++) {
    if (isLatinLetter(codes[i]!)) letters++;
    else if (isAsciiDigit(codes[i]!)) digits++;
  }
  if (letters === 0) return;
  // A number written with letter O for zero ($35OO): digits first, then only o's.
  if (digits > 0 && isAsciiDigit(codes[from]!) && letters === countOf(codes, from, to, 111)) {
    for (let i = from; i < to; i++) {
      if (codes[i] === 111) {
        codes[i] = 48;
        classes[i] = DIGIT;
      }
    }
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
      if (prevLetter && nextLetter) {
        codes[i] = letter;
        classes[i] = LETTER;
      }
      continue;
    }
    // A digit is a letter only when it stands alone among letters: "usd3500", "3w", "24h" stay numbers.
    const prevDigit = i > from && isAsciiDigit(codes[i - 1]!);
    const nextDigit = i + 1 < to && isAsciiDigit(codes[i + 1]!);
    if (prevDigit || nextDigit || !(prevLetter || nextLetter)) continue;
    if (letters >= 2 || (prevLetter && to - from === 2)) {
      codes[i] = letter;
      classes[i] = LETTER;
    }
  }
}

function countOf(codes: Uint16Array, from: number, to: number, code: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (codes[i] === code) n++;
  return n;
}

function leetPass(length: number): void {
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
    if (j - from >= 2) decodeLeetToken(from, j);
    i = j;
  }
}

const MAX_PLANTED_SEPARATOR = 8;

const isWordClass = (cls: number) => cls === LETTER || cls === DIGIT || cls === HAN;

const isWordAt = (i: number, length: number) => i >= 0 && i < length && isWordClass(classes[i]!);
/** A word character standing alone between non-word characters. */
const isSingleAt = (i: number, length: number) => isWordAt(i, length) && !isWordAt(i - 1, length) && !isWordAt(i + 1, length);

/**
 * Marks the spaces of single characters spelled out with spaces ("m y a w a d d y", "3 0 0") for
 * joining; returns false, quickly, when there are none (the usual case).
 */
function markSpelledOut(length: number): boolean {
  let found = false;
  for (let i = 1; i + 1 < length; i++) {
    if (codes[i] !== 32 || !isSingleAt(i - 1, length) || !isSingleAt(i + 1, length)) continue;
    // A run of at least three singles: "a b c" (two spaces in a row of singles).
    const before = codes[i - 2] === 32 && isSingleAt(i - 3, length);
    const after = codes[i + 2] === 32 && isSingleAt(i + 3, length);
    if (!before && !after) continue;
    if (!found) joinSpace.fill(0, 0, length);
    found = true;
    joinSpace[i] = 1;
  }
  return found;
}

/** Pass 3: drop separators planted inside words, fold white space; returns the new length. */
function collapsePass(length: number): number {
  const spelledOut = markSpelledOut(length);
  // Local references: module-level bindings are slower to reach in a loop this hot.
  const out = codes;
  const outStart = starts;
  const outEnd = ends;
  const outClass = classes;
  const joined = joinSpace;
  /** Moves unit `from` to the write position `to` (compaction: to <= from). */
  const move = (to: number, from: number, code: number, cls: number) => {
    out[to] = code;
    outStart[to] = outStart[from]!;
    outEnd[to] = outEnd[from]!;
    outClass[to] = cls;
  };
  let w = 0;
  let r = 0;
  while (r < length) {
    const cls = outClass[r]!;
    if (cls !== SPACE && cls !== WEAK) {
      // Nothing dropped yet means nothing to move.
      if (w !== r) move(w, r, out[r]!, cls);
      w++;
      r++;
      continue;
    }
    // The commonest separator by far: one plain space between two words that are not Chinese.
    // It stays as it is unless it joins letters spelled out one by one.
    if (
      out[r] === 32 &&
      r > 0 &&
      r + 1 < length &&
      outClass[r + 1] !== SPACE &&
      outClass[r + 1] !== WEAK &&
      outClass[r + 1] !== HAN &&
      outClass[w - 1] !== HAN &&
      outClass[w - 1] !== SPACE &&
      !(spelledOut && joined[r] === 1)
    ) {
      if (w !== r) move(w, r, 32, SPACE);
      w++;
      r++;
      continue;
    }
    // A run of separators [r, q): decide whether it was planted inside a word.
    let q = r;
    let runHasSpace = false;
    while (q < length) {
      const c = outClass[q]!;
      if (c === SPACE) runHasSpace = true;
      else if (c !== WEAK) break;
      q++;
    }
    const left = w > 0 ? outClass[w - 1]! : SPACE;
    const right = q < length ? outClass[q]! : SPACE;
    // A lone Latin letter next to Chinese is part of an evasion word: "加 V 信", "V 信".
    const loneLetterRight = right === LETTER && (q + 1 >= length || !isWordClass(outClass[q + 1]!));
    const loneLetterLeft = left === LETTER && (w < 2 || !isWordClass(outClass[w - 2]!));
    const planted =
      q - r <= MAX_PLANTED_SEPARATOR &&
      ((left === HAN && right === HAN) ||
        (left === LETTER && right === LETTER && !runHasSpace) ||
        (left === HAN && loneLetterRight) ||
        (loneLetterLeft && right === HAN) ||
        (spelledOut && q - r === 1 && joined[r] === 1));
    if (!planted) {
      for (let k = r; k < q; k++) {
        const isSpace = outClass[k] === SPACE;
        // Keep meaningful symbols ($ % / +) but fold each white-space run into one space.
        if (isSpace && w > 0 && out[w - 1] === 32) continue;
        move(w, k, isSpace ? 32 : out[k]!, outClass[k]!);
        w++;
      }
    }
    r = q;
  }
  return w;
}

/** The normalized text between two offsets of a view. */
export function sliceOf(view: NormalizedView, from: number, to: number): string {
  // Short pieces are cheaper to build directly than through TextDecoder.
  if (to - from <= 2048) return String.fromCharCode.apply(null, view.codes.subarray(from, to) as unknown as number[]);
  return utf16.decode(view.codes.subarray(from, to));
}
const utf16 = new TextDecoder('utf-16le');

/**
 * Normalizes into the shared scratch buffers, for the scanner: the arrays are the buffers
 * themselves (read only below length) and the next call overwrites them. This saves building a
 * string and four arrays per segment, which matters on large pages.
 */
const view: NormalizedView = { codes, length: 0, start: starts, end: ends, classes };

export function normalizeTransient(input: string): NormalizedView {
  const folded = foldPass(input);
  if (leetCandidate) leetPass(folded);
  view.length = collapsePass(folded);
  // The buffers may have grown: point the view at the current ones.
  view.codes = codes;
  view.start = starts;
  view.end = ends;
  view.classes = classes;
  return view;
}

export function normalize(input: string): NormalizedText {
  const view = normalizeTransient(input);
  const { length } = view;
  return { text: sliceOf(view, 0, length), start: starts.slice(0, length), end: ends.slice(0, length), classes: classes.slice(0, length) };
}

/** Normalizes a rule term exactly as page text is normalized, so the two always agree. */
export function normalizeTerm(term: string): string {
  return normalize(term).text.trim();
}
