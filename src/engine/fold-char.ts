/**
 * Folds one code point into the form rules are written in: look-alike letters to Latin,
 * NFKC (full-width letters and digits, compatibility forms), lower case, and traditional
 * Chinese to simplified.
 *
 * Chinese conversion uses OpenCC's own character tables (via opencc-js) one character at a
 * time rather than its phrase converter: a one-to-one mapping keeps every normalized offset
 * pointing at the original character, which the highlighting needs, and costs one table read.
 */
import tsCharacters from 'opencc-js/dict/TSCharacters';
import twVariantsRev from 'opencc-js/dict/TWVariantsRev';
import hkVariantsRev from 'opencc-js/dict/HKVariantsRev';

/** Characters that render as nothing and are used to split keywords invisibly. */
export function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space/joiners, direction marks
    (cp >= 0x2060 && cp <= 0x2064) || // word joiner, invisible operators
    cp === 0xfeff || cp === 0x00ad || cp === 0x180e || cp === 0x034f ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors (emoji presentation)
    (cp >= 0x202a && cp <= 0x202e) || // bidi embedding controls
    (cp >= 0xe0000 && cp <= 0xe007f) // tag characters
  );
}

// Cyrillic and Greek letters that look like Latin ones; used to dodge Latin keyword filters.
const HOMOGLYPHS: Record<string, string> = {
  А: 'a', В: 'b', Е: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', Х: 'x', У: 'y',
  І: 'i', Ј: 'j', Ѕ: 's', а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j',
  ѕ: 's', һ: 'h', ԁ: 'd', ԝ: 'w', ӏ: 'l', к: 'k', м: 'm', т: 't', в: 'b', н: 'h', ь: 'b',
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't',
  Υ: 'y', Χ: 'x', α: 'a', ο: 'o', ι: 'i', κ: 'k', ν: 'v', ρ: 'p', τ: 't', υ: 'u',
};

function parseOpenccTable(table: string, into: Map<string, string>): void {
  for (const entry of table.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && [...from].length === 1 && [...to].length === 1 && !into.has(from)) into.set(from, to);
  }
}

let toSimplified: Map<string, string> | undefined;
function simplifiedOf(ch: string): string {
  if (!toSimplified) {
    toSimplified = new Map();
    // Regional variants first (e.g. 峯 -> 峰), then traditional -> simplified.
    const variants = new Map<string, string>();
    parseOpenccTable(twVariantsRev, variants);
    parseOpenccTable(hkVariantsRev, variants);
    const ts = new Map<string, string>();
    parseOpenccTable(tsCharacters, ts);
    for (const [from, to] of variants) toSimplified.set(from, ts.get(to) ?? to);
    for (const [from, to] of ts) if (!toSimplified.has(from)) toSimplified.set(from, to);
  }
  return toSimplified.get(ch) ?? ch;
}

function computeFold(cp: number): string {
  if (isInvisible(cp)) return '';
  const raw = String.fromCodePoint(cp);
  const folded = (HOMOGLYPHS[raw] ?? raw).normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of folded) out += HOMOGLYPHS[ch] ?? simplifiedOf(ch);
  return out;
}

/**
 * Fast path for the BMP: the folded form as one UTF-16 unit, or NOT_SINGLE when it is empty or
 * longer (then see bmpStrings). 0 means not computed yet. A typed array keeps the hot loop at one
 * read per character.
 */
export const NOT_SINGLE = 0xffff;
/** Exported for the normalizer's hot loop, which reads it directly (0 = call foldBmpUnit). */
export const bmpSingle = new Uint16Array(0x10000);
const bmpStrings = new Map<number, string>();
const astralCache = new Map<number, string>();

/** The folded BMP unit as a single code unit, or -1 when it folds to nothing or to several units. */
export function foldBmpUnit(unit: number): number {
  let single = bmpSingle[unit]!;
  if (single === 0) {
    const folded = computeFold(unit);
    single = folded.length === 1 && folded.charCodeAt(0) !== NOT_SINGLE && folded.charCodeAt(0) !== 0 ? folded.charCodeAt(0) : NOT_SINGLE;
    if (single === NOT_SINGLE) bmpStrings.set(unit, folded);
    bmpSingle[unit] = single;
  }
  return single === NOT_SINGLE ? -1 : single;
}

/** The folded form of one code point (possibly empty, possibly several characters). */
export function foldCodePoint(cp: number): string {
  if (cp < 0x10000) {
    const single = foldBmpUnit(cp);
    return single >= 0 ? String.fromCharCode(single) : bmpStrings.get(cp)!;
  }
  let folded = astralCache.get(cp);
  if (folded === undefined) astralCache.set(cp, (folded = computeFold(cp)));
  return folded;
}
