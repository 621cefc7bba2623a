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

// Letters of other scripts that look like Latin ones, used to dodge Latin keyword filters:
// Cyrillic, Greek, Armenian, Cherokee (capitals and the small forms that are their lower case),
// Lisu, Latin small capitals and other Latin look-alikes that NFKC leaves alone.
const HOMOGLYPHS: Record<string, string> = {
  А: 'a', В: 'b', Е: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', Х: 'x', У: 'y',
  І: 'i', Ј: 'j', Ѕ: 's', а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j',
  ѕ: 's', һ: 'h', ԁ: 'd', ԝ: 'w', ӏ: 'l', к: 'k', м: 'm', т: 't', в: 'b', н: 'h', ь: 'b',
  Ү: 'y', ү: 'y', Һ: 'h', Ԁ: 'd', Ԍ: 'g', ԍ: 'g', Ԛ: 'q', ԛ: 'q', Ԝ: 'w', Ӏ: 'i', ѵ: 'v', Ѵ: 'v',
  ѡ: 'w', п: 'n', г: 'r', ё: 'e', Ё: 'e', ї: 'i', Ї: 'i', ӓ: 'a', Ӓ: 'a', ӧ: 'o', Ӧ: 'o',
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't',
  Υ: 'y', Χ: 'x', α: 'a', ο: 'o', ι: 'i', κ: 'k', ν: 'v', ρ: 'p', τ: 't', υ: 'u',
  ε: 'e', η: 'n', ω: 'w', χ: 'x', γ: 'y', ς: 'c', ϲ: 'c', Ϲ: 'c', ϳ: 'j', Ϳ: 'j', ί: 'i', ό: 'o',
  ύ: 'u', έ: 'e', ή: 'n', ά: 'a', ώ: 'w', ϊ: 'i', ϋ: 'u',
  // Armenian
  օ: 'o', ս: 'u', հ: 'h', ո: 'n', զ: 'q', ց: 'g', ա: 'w', ի: 'h', Տ: 's', Օ: 'o', Ս: 'u',
  // Cherokee capitals and their lower-case forms (toLowerCase maps Ꭺ to ꭺ)
  Ꭺ: 'a', ꭺ: 'a', Ᏼ: 'b', ꮟ: 'b', Ꮯ: 'c', ꮯ: 'c', Ꭰ: 'd', ꭰ: 'd', Ꭼ: 'e', ꭼ: 'e', Ꮐ: 'g', ꮐ: 'g',
  Ꮋ: 'h', ꮋ: 'h', Ꭵ: 'i', ꭵ: 'i', Ꭻ: 'j', ꭻ: 'j', Ꮶ: 'k', ꮶ: 'k', Ꮮ: 'l', ꮮ: 'l', Ꮇ: 'm', ꮇ: 'm',
  Ꮲ: 'p', ꮲ: 'p', Ꮢ: 'r', ꮢ: 'r', Ꮪ: 's', ꮪ: 's', Ꭲ: 't', ꭲ: 't', Ꮩ: 'v', ꮩ: 'v', Ꮃ: 'w', ꮃ: 'w',
  Ꮤ: 'w', ꮤ: 'w', Ꮓ: 'z', ꮓ: 'z', Ꮟ: 'b',
  // Lisu
  ꓮ: 'a', ꓐ: 'b', ꓚ: 'c', ꓓ: 'd', ꓰ: 'e', ꓝ: 'f', ꓖ: 'g', ꓧ: 'h', ꓲ: 'i', ꓙ: 'j', ꓗ: 'k', ꓡ: 'l',
  ꓟ: 'm', ꓠ: 'n', ꓑ: 'p', ꓣ: 'r', ꓢ: 's', ꓔ: 't', ꓴ: 'u', ꓦ: 'v', ꓪ: 'w', ꓫ: 'x', ꓬ: 'y', ꓜ: 'z',
  // Latin small capitals and other Latin look-alikes
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l',
  ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
  ɑ: 'a', ɡ: 'g', ı: 'i', ȷ: 'j', ɩ: 'i', ǀ: 'l', ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd',
  ħ: 'h', Ħ: 'h', ŧ: 't', Ŧ: 't', ƀ: 'b', ɨ: 'i', ʋ: 'u', ɵ: 'o', ꞯ: 'q', ǫ: 'q',
};

/**
 * Letters drawn as symbols that NFKC leaves alone: negative circled 🅐 and negative squared 🅰
 * capitals, and parenthesized ⒜ 🄐 (NFKC would make those "(a)", three characters).
 */
function symbolLetter(cp: number): string | undefined {
  if (cp >= 0x1f150 && cp <= 0x1f169) return String.fromCharCode(97 + cp - 0x1f150);
  if (cp >= 0x1f170 && cp <= 0x1f189) return String.fromCharCode(97 + cp - 0x1f170);
  if (cp >= 0x249c && cp <= 0x24b5) return String.fromCharCode(97 + cp - 0x249c);
  if (cp >= 0x1f110 && cp <= 0x1f129) return String.fromCharCode(97 + cp - 0x1f110);
  return undefined;
}

/** Latin letters with diacritics (é, ñ, ů, ạ): the base letter is what a keyword filter compares. */
const isAccentedLatin = (cp: number) => (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x1e00 && cp <= 0x1eff);
const MARKS = /\p{M}/gu;
const ASCII_LETTER = /[a-z]/;
const ASCII_DIGIT = /[0-9]/;

function parseOpenccTable(table: string, into: Map<string, string>): void {
  for (const entry of table.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && [...from].length === 1 && [...to].length === 1 && !into.has(from)) into.set(from, to);
  }
}

let toSimplified: Map<string, string> | undefined;
function simplifiedOf(ch: string): string {
  if (!toSimplified) {
    const map = new Map<string, string>();
    // Regional variants first (e.g. 峯 -> 峰), then traditional -> simplified.
    const variants = new Map<string, string>();
    parseOpenccTable(twVariantsRev, variants);
    parseOpenccTable(hkVariantsRev, variants);
    const ts = new Map<string, string>();
    parseOpenccTable(tsCharacters, ts);
    // A character that is itself simplified output stays as it is: TWVariantsRev maps 么 to 幺,
    // which would turn the simplified 什么 into 什幺.
    const simplified = new Set(ts.values());
    for (const [from, to] of variants) if (!simplified.has(from) || ts.has(from)) map.set(from, ts.get(to) ?? to);
    for (const [from, to] of ts) if (!map.has(from)) map.set(from, to);
    // Follow chains (薴 -> 苧 -> 苎) so that every result is a fixed point.
    for (const [from, to] of map) {
      let end = to;
      for (let step = 0; step < 4 && map.has(end) && map.get(end) !== end; step++) end = map.get(end)!;
      map.set(from, end);
    }
    toSimplified = map;
  }
  return toSimplified.get(ch) ?? ch;
}

/** One folding step for one code point (see computeFold). */
function foldOnce(cp: number): string {
  if (isInvisible(cp)) return '';
  const raw = String.fromCodePoint(cp);
  const symbol = symbolLetter(cp);
  if (symbol !== undefined) return symbol;
  const look = HOMOGLYPHS[raw];
  if (look !== undefined) return look;
  let folded = raw.normalize('NFKC');
  // Units with exponents (㎣ -> mm3) would then read as leetspeak (mme): keep the symbol.
  if (folded.length > 1 && ASCII_DIGIT.test(folded) && ASCII_LETTER.test(folded.toLowerCase())) folded = raw;
  folded = folded.toLowerCase();
  if (isAccentedLatin(cp)) {
    const bare = folded.normalize('NFD').replace(MARKS, '');
    if (bare.length > 0) folded = bare;
  }
  let out = '';
  for (const ch of folded) out += HOMOGLYPHS[ch] ?? symbolLetter(ch.codePointAt(0)!) ?? simplifiedOf(ch);
  return out;
}

/**
 * The folded form of one code point, folded again until nothing changes: folding folded text
 * must change nothing (the normalizer is idempotent).
 */
function computeFold(cp: number): string {
  let folded = foldOnce(cp);
  for (let round = 0; round < 4; round++) {
    let again = '';
    for (const ch of folded) {
      const code = ch.codePointAt(0)!;
      again += code < 0x80 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch) : foldOnce(code);
    }
    if (again === folded) break;
    folded = again;
  }
  return folded;
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

/** Regions that have a flag emoji: ISO 3166-1 alpha-2 and the few extra flag codes. */
const FLAG_REGIONS = new Set(
  (
    'ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz ' +
    'ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo fr ' +
    'ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ' +
    'ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt ' +
    'mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw ' +
    'sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug ' +
    'um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw ac cp dg ea eu ic ta un xk'
  ).split(' '),
);

/**
 * The run of regional indicator symbols (🇦..🇿, two UTF-16 units each) starting at `from`: its
 * length in symbols, positive when it spells letters (🇹🇪🇱🇪: an odd count, or a pair that is no
 * flag) and negative when it is flags (🇲🇲, 🇹🇭🇲🇲).
 */
export function regionalIndicatorRun(input: string, from: number): number {
  let letters = '';
  for (let i = from; i < input.length; i += 2) {
    const cp = input.codePointAt(i)!;
    if (cp < 0x1f1e6 || cp > 0x1f1ff) break;
    letters += String.fromCharCode(97 + cp - 0x1f1e6);
  }
  if (letters.length % 2 === 1) return letters.length;
  for (let k = 0; k < letters.length; k += 2) if (!FLAG_REGIONS.has(letters.slice(k, k + 2))) return letters.length;
  return -letters.length;
}
