/**
 * Normalization that undoes the spellings fraudsters use to slip past keyword filters, while
 * remembering where every normalized character came from so a match can be highlighted in the
 * original text.
 *
 * Three passes over typed arrays (each linear):
 *  1. fold each code point (NFKC, case, diacritics, look-alikes from Cyrillic, Greek, Cherokee,
 *     small capitals, 🅣 ⒯ letters, regional indicators that spell words rather than flags,
 *     traditional -> simplified, invisible chars dropped); every result is a fixed point of folding;
 *  2. undo leetspeak inside Latin words (s@lary, h1ring, m0nth, te1egram, g00d, TeIegram) and
 *     letter-O zeros in numbers ($35OO), leaving numbers with units (1st, 9am, 24h) alone;
 *  3. drop separators planted inside words (高 薪, 缅-北, 💰高💰薪, Teleg-ram, M y a w a d d y,
 *     T-3-l-e-g-r-a-m, U.S.D.T; not 1-2-3 or U.S.) and fold runs of white space into one space.
 * Pass 3 can join pieces into new leetspeak (T 3 l e g r a m) and pass 2 can then make a
 * separator planted, so the two repeat on the joined tokens until nothing changes: normalizing
 * normalized text changes nothing (tests/unit/engine/normalize-obfuscation.test.ts checks this
 * on generated strings).
 * Evasion *words* (V信 for WeChat, 菠菜 for 博彩, pinyin) are not rewritten here: they are listed
 * as variants in the rule pack, so the popup can show which spelling was used.
 */
import * as chars from './char-class';
import * as fold from './fold-char';

// Local bindings: the hot loops below call these per character.
const { charClass, classTable, LETTER, DIGIT, HAN, SPACE, CLAUSE, WEAK } = chars;
const { foldBmpUnit, foldCodePoint, bmpSingle, NOT_SINGLE, regionalIndicatorRun } = fold;

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

/** 1 for the ASCII characters leetspeak uses for letters: 0 1 3 4 5 7 @ $ ! |. */
const LEET_CHAR = new Uint8Array(128);
for (const ch of '013457@$!|') LEET_CHAR[ch.charCodeAt(0)] = 1;
const isLatinLetter = (c: number) => c >= 97 && c <= 122;
const isLowerAscii = isLatinLetter;

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
      let c = unit >= 65 && unit <= 90 ? unit + 32 : unit;
      // A capital I inside a lower-case word is an l in disguise when l fits better (TeIegram).
      if (unit === 73 && isLatinLetter(previous) && i > 0 && isLowerAscii(input.charCodeAt(i - 1)) && isLowerAscii(input.charCodeAt(i + 1)) && oneAsL(previous, input.charCodeAt(i + 1))) c = 108;
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
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldCodePoint(cp);
    if (cp >= 0x1f1e6 && cp <= 0x1f1ff) {
      // Regional indicators: a run that spells a word rather than flags (🇹🇪🇱🇪) is letters;
      // flags stay symbols. The run is judged as a whole, as it will be when normalized again.
      const run = regionalIndicatorRun(input, i);
      const spells = run > 0;
      const to = i + 2 * Math.abs(run);
      if (n + (to - i) > capacity) {
        ensureCapacity(n + (to - i) + (length - i) + 16);
        [out, outStart, outEnd, outClass] = [codes, starts, ends, classes];
      }
      for (let k = i; k < to; k += 2) {
        if (spells) {
          const c = 97 + input.codePointAt(k)! - 0x1f1e6;
          out[n] = c;
          outClass[n] = LETTER;
          outStart[n] = k;
          outEnd[n] = k + 2;
          n++;
          if (LEET_CHAR[previous] === 1) leet = true;
          previous = c;
        } else {
          for (let u = 0; u < 2; u++, n++) {
            out[n] = input.charCodeAt(k + u);
            outClass[n] = WEAK;
            outStart[n] = k;
            outEnd[n] = k + 2;
          }
          previous = 0;
        }
      }
      i = to;
      continue;
    }
    if (n + folded.length + (length - i) > capacity) {
      ensureCapacity(n + folded.length + (length - i) + 16);
      [out, outStart, outEnd, outClass] = [codes, starts, ends, classes];
    }
    // A rare Chinese character (CJK extensions B and later, outside the BMP) is Chinese, not a
    // symbol that could be a planted separator: 缅𠀀北 is not 缅北.
    const astralHan = folded.length === 2 && isAstralHan(folded.codePointAt(0)!);
    for (let k = 0; k < folded.length; k++) {
      const c = folded.charCodeAt(k);
      out[n] = c;
      outClass[n] = astralHan ? HAN : charClass(c);
      outStart[n] = i;
      outEnd[n] = i + width;
      n++;
      // Letters from symbols (🅣, ⓣ) can be leetspeak too: the same check as above.
      if (c < 0x80) {
        if (!leet && ((LEET_CHAR[c] === 1 && isLatinLetter(previous)) || (isLatinLetter(c) && LEET_CHAR[previous] === 1))) leet = true;
        previous = c;
      } else {
        previous = 0;
      }
    }
    i += width;
  }
  leetCandidate = leet;
  return n;
}

/** CJK Unified Ideographs extensions B to H (U+20000–U+323AF). */
const isAstralHan = (cp: number) => cp >= 0x20000 && cp <= 0x323af;

const LEET_LETTER: Record<number, number> = {
  48: 111, // 0 -> o
  49: 105, // 1 -> i (or l, see oneAsL)
  51: 101, // 3 -> e
  52: 97, // 4 -> a
  53: 115, // 5 -> s
  55: 116, // 7 -> t
  64: 97, // @ -> a
  36: 115, // $ -> s
  33: 105, // ! -> i
  124: 108, // | -> l
};
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;
const isLeetToken = (c: number) => isLatinLetter(c) || isAsciiDigit(c) || c === 64 || c === 36 || c === 33 || c === 124;
const isVowel = (c: number) => c === 97 || c === 101 || c === 105 || c === 111 || c === 117;

/**
 * Whether a 1 (or a capital I inside a lower-case word) between these letters stands for l
 * rather than i: between two vowels (te1egram, sa1ary) or next to an i (on1ine, mi1k).
 */
export const oneAsL = (previous: number, next: number) =>
  (isVowel(previous) && isVowel(next)) || previous === 105 || next === 105;

/** Units and ordinals written after one digit: "1st", "3rd", "9am", "5km", "7days" are numbers. */
const NUMBER_SUFFIXES = new Set([
  'st', 'nd', 'rd', 'th', 'am', 'pm', 'km', 'kg', 'mm', 'cm', 'ml', 'mg', 'mb', 'gb', 'tb', 'kb',
  'hr', 'hrs', 'yr', 'yrs', 'min', 'mins', 'sec', 'day', 'days', 'pcs', 'lbs', 'ft', 'mo', 'wk', 'wks',
]);

function isNumberWithSuffix(from: number, to: number): boolean {
  if (to - from > 5 || !isAsciiDigit(codes[from]!)) return false;
  let suffix = '';
  for (let i = from + 1; i < to; i++) {
    if (!isLatinLetter(codes[i]!)) return false;
    suffix += String.fromCharCode(codes[i]!);
  }
  return NUMBER_SUFFIXES.has(suffix);
}

const setLetter = (i: number, letter: number) => {
  codes[i] = letter;
  classes[i] = LETTER;
};

/**
 * Undo leetspeak in one token [from, to) of ASCII letters, digits and @ $ ! |; returns whether
 * anything changed. Digits first, then symbols, so that decoding the result again changes nothing.
 */
function decodeLeetToken(from: number, to: number): boolean {
  let letters = 0;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const c = codes[i]!;
    if (isLatinLetter(c)) letters++;
    else if (isAsciiDigit(c)) digits++;
  }
  if (letters === 0 || letters === to - from) return false;
  let changed = false;
  // A number written with letter O for zero ($35OO): digits first, then only o's.
  if (digits > 0 && isAsciiDigit(codes[from]!) && letters === countOf(codes, from, to, 111)) {
    for (let i = from; i < to; i++) {
      if (codes[i] === 111) {
        codes[i] = 48;
        classes[i] = DIGIT;
        changed = true;
      }
    }
    return changed;
  }
  if (digits > 0 && !isNumberWithSuffix(from, to)) {
    for (let i = from; i < to; i++) {
      const c = codes[i]!;
      if (!isAsciiDigit(c)) continue;
      const letter = LEET_LETTER[c];
      if (letter === undefined) continue;
      const prevLetter = i > from && isLatinLetter(codes[i - 1]!);
      const prevDigit = i > from && isAsciiDigit(codes[i - 1]!);
      const nextDigit = i + 1 < to && isAsciiDigit(codes[i + 1]!);
      // A doubled digit inside a word stands for a doubled letter: g00d, vi11e, mi11ion.
      if (!prevDigit && nextDigit && prevLetter && codes[i + 1] === c && i + 2 < to && isLatinLetter(codes[i + 2]!)) {
        const doubled = c === 49 ? 108 : letter;
        setLetter(i, doubled);
        setLetter(i + 1, doubled);
        changed = true;
        i++;
        continue;
      }
      // A digit is a letter only when it stands alone among letters: "usd3500", "3w", "24h" stay numbers.
      const nextLetter = i + 1 < to && isLatinLetter(codes[i + 1]!);
      if (prevDigit || nextDigit || !(prevLetter || nextLetter)) continue;
      if (letters >= 2 || (prevLetter && to - from === 2)) {
        setLetter(i, c === 49 && prevLetter && nextLetter && oneAsL(codes[i - 1]!, codes[i + 1]!) ? 108 : letter);
        changed = true;
      }
    }
  }
  if (letters + digits === to - from) return changed;
  for (let i = from + 1; i + 1 < to; i++) {
    const c = codes[i]!;
    if (isAsciiDigit(c) || isLatinLetter(c)) continue;
    // @ $ ! stand for letters only inside a word: keep "@handle", "$300", "hiring!"; | only
    // inside a longer word (te|egram), not between letters spelled out one by one (T|e|l).
    if (!isLatinLetter(codes[i - 1]!) || !isLatinLetter(codes[i + 1]!)) continue;
    if (c === 124 && !(i - 2 >= from && isLatinLetter(codes[i - 2]!)) && !(i + 2 < to && isLatinLetter(codes[i + 2]!))) continue;
    setLetter(i, LEET_LETTER[c]!);
    changed = true;
  }
  return changed;
}

function countOf(codes: Uint16Array, from: number, to: number, code: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (codes[i] === code) n++;
  return n;
}

/** Decodes the token [i, j), less a leading @ or $ (a handle or a currency sign, not part of the word). */
function decodeToken(i: number, j: number): boolean {
  let from = i;
  while (from < j && (codes[from] === 64 || codes[from] === 36)) from++;
  return j - from >= 2 && decodeLeetToken(from, j);
}

/** Pass 2: undo leetspeak in every token. */
function leetPass(length: number): void {
  let i = 0;
  while (i < length) {
    if (!isLeetToken(codes[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < length && isLeetToken(codes[j]!)) j++;
    decodeToken(i, j);
    i = j;
  }
}

/**
 * Positions where pass 3 joined two tokens by dropping a separator between them (T-3-l-e-g-r-a-m,
 * 4A+D): the joined token can be leetspeak that its pieces were not.
 */
let joins = new Int32Array(64);
let joinCount = 0;

/**
 * Undoes leetspeak in the tokens pass 3 joined; returns whether a change touches a separator, so
 * that pass 3 must run again (a digit that became a letter next to a dash: x-4ad -> x-aad).
 */
function leetJoined(length: number): boolean {
  let again = false;
  let done = 0;
  for (let k = 0; k < joinCount; k++) {
    const at = joins[k]!;
    if (at < done) continue;
    let i = at;
    while (i > 0 && isLeetToken(codes[i - 1]!)) i--;
    let j = at;
    while (j < length && isLeetToken(codes[j]!)) j++;
    done = j;
    if (!decodeToken(i, j)) continue;
    const before = i > 0 ? classes[i - 1]! : HAN;
    const after = j < length ? classes[j]! : HAN;
    if (before === SPACE || before === WEAK || after === SPACE || after === WEAK) again = true;
  }
  return again;
}

const MAX_PLANTED_SEPARATOR = 8;

const isWordClass = (cls: number) => cls === LETTER || cls === DIGIT || cls === HAN;

const isWordAt = (i: number, length: number) => i >= 0 && i < length && isWordClass(classes[i]!);
/** A word character standing alone between non-word characters. */
const isSingleAt = (i: number, length: number) => isWordAt(i, length) && !isWordAt(i - 1, length) && !isWordAt(i + 1, length);

/** In joinSpace: the full stops of an abbreviation, which stay. */
const ABBREVIATION = 2;

/**
 * Two letters with a full stop after each (U.S., a.m., i.e., e.g.) starting at `at`: an
 * abbreviation, not a word spelled out, when it stands between white space or clause punctuation
 * (not next to Chinese, which a lone letter would join: 高 U.S.).
 */
function isAbbreviation(at: number, length: number, found: boolean): boolean {
  if (codes[at + 3] !== 46) return false;
  let before = at - 1;
  if (before >= 0 && classes[before] === SPACE) {
    while (before > 0 && classes[before - 1] === SPACE) before--;
    // White space that joins letters spelled out (x y U.S.) or a lone letter to Chinese.
    if ((found && joinSpace[before] === 1) || (before > 0 && classes[before - 1] === HAN)) return false;
  } else if (before >= 0 && classes[before] !== CLAUSE) {
    return false;
  }
  let after = at + 4;
  if (after < length && classes[after] === SPACE) {
    while (after + 1 < length && classes[after + 1] === SPACE) after++;
    if (after + 1 < length && classes[after + 1] === HAN) return false;
  } else if (after < length && classes[after] !== CLAUSE) {
    return false;
  }
  return true;
}

/**
 * For each UTF-16 unit: 2 for white space, 1 for the one-character separators used to spell a
 * word out (T-3-l-e, U.S.D.T, w_h_a_t, g·u·a·r·d), 0 for the rest. One read per character.
 */
const SEPARATOR_KIND = new Uint8Array(0x10000);
for (const ch of '-._/\\*~+|\u00b7\u2010\u2013\u2014\u2022\u2027\u2219\u22c5\u30fb') SEPARATOR_KIND[ch.charCodeAt(0)] = 1;
for (const ch of ' \t\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000') {
  if (charClass(ch.charCodeAt(0)) === SPACE) SEPARATOR_KIND[ch.charCodeAt(0)] = 2;
}

/**
 * Marks, for joining, the separators of characters spelled out one by one: with white space
 * ("m y a w a d d y", "3 0 0"), or with one and the same character between letters that may
 * include leetspeak digits ("T-3-l-e-g-r-a-m", "C.4.m.b.0.d.i.a"; "1-2-3", "2023.08.25" and
 * "a-1-b" stay). A run needs at least three characters ("U.S." stays). Returns false, quickly,
 * when there are none (the usual case).
 */
function markSpelledOut(length: number): boolean {
  let found = false;
  const units = codes;
  const kinds = SEPARATOR_KIND;
  for (let i = 1; i + 1 < length; i++) {
    const separator = units[i]!;
    const kind = kinds[separator]!;
    if (kind === 0 || !isSingleAt(i - 1, length)) continue;
    const isSpace = kind === 2;
    let next = i + 1;
    if (isSpace) while (next < length && classes[next] === SPACE) next++;
    if (!isSingleAt(next, length)) continue;
    // A pair: extend it to the whole run of singles with the same kind of separator.
    let count = 2;
    let last = next;
    for (;;) {
      let k = last + 1;
      if (k >= length) break;
      if (isSpace) {
        if (classes[k] !== SPACE) break;
        while (k < length && classes[k] === SPACE) k++;
      } else {
        if (codes[k] !== separator) break;
        k++;
      }
      if (!isSingleAt(k, length)) break;
      count++;
      last = k;
    }
    let letters = 0;
    let digits = 0;
    for (let k = i - 1; k <= last; k++) {
      if (classes[k] === LETTER) letters++;
      else if (classes[k] === DIGIT) digits++;
    }
    if (count >= 3 && (isSpace || (letters >= 3 && digits * 2 <= letters))) {
      if (!found) joinSpace.fill(0, 0, length);
      found = true;
      for (let k = i; k < last; k++) if (!isWordClass(classes[k]!) && isWordClass(classes[k - 1]!)) joinSpace[k] = 1;
    } else if (count === 2 && separator === 46 && letters === 2 && isAbbreviation(i - 1, length, found)) {
      if (!found) joinSpace.fill(0, 0, length);
      found = true;
      joinSpace[i] = ABBREVIATION;
      joinSpace[i + 2] = ABBREVIATION;
    }
    i = last;
  }
  return found;
}

/** Pass 3: drop separators planted inside words, fold white space; returns the new length. */
function collapsePass(length: number): number {
  joinCount = 0;
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
    // The run's length as it would be kept (each stretch of white space folded into one space):
    // measured this way, normalizing the result again takes the same decision (idempotence).
    let keptLength = 0;
    let inSpace = false;
    while (q < length) {
      const c = outClass[q]!;
      if (c === SPACE) {
        if (!inSpace) keptLength++;
        inSpace = true;
        runHasSpace = true;
      } else if (c === WEAK) {
        keptLength++;
        inSpace = false;
      } else break;
      q++;
    }
    const left = w > 0 ? outClass[w - 1]! : SPACE;
    const right = q < length ? outClass[q]! : SPACE;
    // A lone Latin letter next to Chinese is part of an evasion word: "加 V 信", "V 信".
    const loneLetterRight = right === LETTER && (q + 1 >= length || !isWordClass(outClass[q + 1]!));
    const loneLetterLeft = left === LETTER && (w < 2 || !isWordClass(outClass[w - 2]!));
    const planted =
      (spelledOut && joined[r] === 1) ||
      (!(spelledOut && joined[r] === ABBREVIATION) &&
      (keptLength <= MAX_PLANTED_SEPARATOR &&
        ((left === HAN && right === HAN) ||
          (left === LETTER && right === LETTER && !runHasSpace) ||
          (left === HAN && loneLetterRight) ||
          (loneLetterLeft && right === HAN))));
    if (planted) {
      // Two pieces of one Latin token joined: pass 2 looks at the joined token again.
      if (w > 0 && q < length && isLeetToken(out[w - 1]!) && isLeetToken(out[q]!)) {
        if (joinCount === joins.length) {
          const grown = new Int32Array(joins.length * 2);
          grown.set(joins);
          joins = grown;
        }
        joins[joinCount++] = w;
      }
    } else {
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
  let length = collapsePass(folded);
  // Joining pieces can make leetspeak (T 3 l e g r a m -> t3legram), and undoing it can make a
  // separator planted (x-4A+D -> x-4ad -> x-aad): repeat until nothing changes, so that the
  // result is a fixed point (normalizing it again changes nothing). Rarely more than one round.
  for (let round = 0; joinCount > 0 && round < 8; round++) {
    if (!leetJoined(length)) break;
    length = collapsePass(length);
  }
  view.length = length;
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
