/**
 * Properties of the engine on generated page text: scanning never throws, every finding points at
 * the very text it reports (inside the input, never splitting a surrogate pair), reports are the
 * same however often and after whatever else the engine scanned (it reuses scratch buffers and
 * caches), normalizing is idempotent with in-order offsets, and scan time stays linear on text
 * built from anchors. The text mixes arbitrary Unicode (lone surrogate halves included),
 * combining marks, right-to-left scripts, emoji sequences, invisible characters and separators
 * planted inside words, Chinese, long lines, and lure vocabulary, so that findings do occur.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, normalize, scan, segmentText, type ScanResult } from '../../../src/engine';
import { coreRuleSet, loadCorePack } from '../../helpers/core';

const ruleSet = coreRuleSet();
const SEED = 20_240_611;

// ---- Arbitraries --------------------------------------------------------------------------

const LURE_VOCABULARY = [
  'Myawaddy', 'myawady', 'Sihanoukville', 'Cambodia', 'Myanmar', 'KK park', '缅北', '柬埔寨', '妙瓦底', '金三角',
  'telegram', 'Telegram', 'WhatsApp', 'V信', '飞机', 'USDT', 'usdt', 'passport', 'keep your passport', '护照',
  '高薪', '月薪3万', '$3000 a month', '3000 USD per month', 'salary', '包吃包住', '包机票', 'no experience', '无经验',
  'deposit', 'withdraw', 'withdrawal fee', 'sign the contract on arrival', 'guaranteed return', '保本', '日化5%',
  '首充送', '菠菜', 'wrong number', '加错人', 'we never ask for a fee', '不收取任何费用', 'police warn', '诈骗',
];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\ufeff'];
const SEPARATORS = ['-', '.', '_', '*', ' ', '  ', '·'];
const BIDI_CONTROLS = ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const EMOJI = ['👨‍👩‍👧‍👦', '🏳️‍🌈', '👩🏽‍💻', '🧑‍🤝‍🧑', '❤️‍🔥', '🇲🇲', '🇹🇪🇱🇪', '💰', '🔥🔥', '✈️', '1️⃣'];
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];
const PUNCTUATION = [' ', ' ', '\n', '\n\n', '\t', '\r\n', ', ', '. ', '。', '，', '！', '?', ': ', '(', ')', '"', '\u3000'];

const codePointIn = (from: number, to: number) => fc.integer({ min: from, max: to }).map((cp) => String.fromCodePoint(cp));

/** A lure word with invisible characters and separators planted at random places inside it. */
const plantedWord = fc
  .tuple(fc.constantFrom(...LURE_VOCABULARY), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE, ...SEPARATORS)), { minLength: 1, maxLength: 6 }))
  .map(([word, plants]) => {
    let out = word;
    for (const [at, planted] of plants) {
      const k = at % (out.length + 1);
      out = out.slice(0, k) + planted + out.slice(k);
    }
    return out;
  });

/** A word spelled out with one separator (M-y-a-w-a-d-d-y, 高 薪, U.S.D.T). */
const spelledOut = fc
  .tuple(fc.constantFrom(...LURE_VOCABULARY), fc.constantFrom(...SEPARATORS, ...INVISIBLE))
  .map(([word, separator]) => [...word].join(separator));

const withCombiningMarks = fc
  .tuple(fc.constantFrom('a', 'e', 'o', 'S', '高', 'ا', 'ש', 'passport', 'telegram'), fc.array(codePointIn(0x300, 0x36f), { minLength: 1, maxLength: 8 }))
  .map(([base, marks]) => base + marks.join(''));

const arabic = fc.string({ unit: codePointIn(0x600, 0x6ff), minLength: 1, maxLength: 16 });
const hebrew = fc.string({ unit: codePointIn(0x591, 0x5f4), minLength: 1, maxLength: 16 });
const chinese = fc.string({ unit: codePointIn(0x4e00, 0x9fff), minLength: 1, maxLength: 16 });
const invisibleRun = fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 24 }).map((run) => run.join(''));
const digits = fc.oneof(fc.integer().map(String), fc.integer({ min: 0, max: 99_999 }).map((n) => `$${n}`), fc.constantFrom('1-2-3', '2023.08.25', '+66 81 234 5678', '3w', '24h', '1st', '$35OO'));

/** One piece of page text. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...LURE_VOCABULARY) },
  { weight: 3, arbitrary: plantedWord },
  { weight: 2, arbitrary: spelledOut },
  { weight: 4, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  { weight: 1, arbitrary: withCombiningMarks },
  { weight: 1, arbitrary: arabic },
  { weight: 1, arbitrary: hebrew },
  { weight: 1, arbitrary: fc.constantFrom(...BIDI_CONTROLS) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 2, arbitrary: chinese },
  { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) },
  { weight: 1, arbitrary: invisibleRun },
  { weight: 1, arbitrary: digits },
);

/** A page: a few dozen pieces, lines and all. */
const page = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

/** One long line: a few pieces repeated, without line breaks (one segment of up to 20,000 units). */
const longLine = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.integer({ min: 50, max: 1500 }))
  .map(([pieces, times]) => pieces.join(' ').replace(/[\n\r]/g, ' ').repeat(times).slice(0, 20_000));

const pageText = fc.oneof({ weight: 9, arbitrary: page }, { weight: 1, arbitrary: longLine });

const RUNS = { seed: SEED, numRuns: 150 } as const;

// ---- Helpers ------------------------------------------------------------------------------

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
/** Whether offset `at` falls between the two halves of a surrogate pair. */
const splitsPair = (text: string, at: number) => at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));

/** What is wrong with a report's offsets for this input, or [] when nothing is. */
function offsetProblems(text: string, report: ScanResult): string[] {
  const problems: string[] = [];
  const segments = segmentText(text);
  let previousStart = -1;
  report.findings.forEach((f, k) => {
    const where = `finding ${k} (${f.rule} ${JSON.stringify(f.text)} ${f.start}-${f.end})`;
    if (!(Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.start < f.end && f.end <= text.length)) problems.push(`${where}: outside the input`);
    if (f.text !== text.slice(f.start, f.end)) problems.push(`${where}: text is not input.slice(start, end) = ${JSON.stringify(text.slice(f.start, f.end))}`);
    if (splitsPair(text, f.start) || splitsPair(text, f.end)) problems.push(`${where}: splits a surrogate pair`);
    if (f.start < previousStart) problems.push(`${where}: out of order`);
    previousStart = f.start;
    const segment = segments[f.segment];
    if (!segment || f.start < segment.start || f.end > segment.start + segment.text.length) problems.push(`${where}: not inside its segment ${f.segment}`);
  });
  for (const d of report.decisive) if (!report.findings.includes(d)) problems.push(`decisive ${d.rule} ${d.start}-${d.end} is not among the findings`);
  if (report.window && !(report.window.start >= 0 && report.window.start < report.window.end && report.window.end <= text.length)) {
    problems.push(`window ${report.window.start}-${report.window.end} outside the input`);
  }
  if (report.scanned.segments !== segments.length) problems.push(`scanned ${report.scanned.segments} segments, not ${segments.length}`);
  return problems;
}

// ---- Properties ---------------------------------------------------------------------------

describe('scanning generated page text', () => {
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        scan(text, ruleSet);
      }),
      RUNS,
    );
  });

  it('highlights exactly the text each finding reports, inside the input', () => {
    let withFindings = 0;
    fc.assert(
      fc.property(pageText, (text) => {
        const report = scan(text, ruleSet);
        if (report.findings.length > 0) withFindings++;
        expect(offsetProblems(text, report), JSON.stringify(text)).toEqual([]);
      }),
      RUNS,
    );
    // The generator is only worth something if the engine finds things in what it makes.
    expect(withFindings).toBeGreaterThan(RUNS.numRuns / 2);
  });

  it('gives the same report for the same text, whatever was scanned before', () => {
    // A second rule set, so that its caches (fuzzy results by word) have a different history.
    const other = compileRuleSet([loadCorePack()]);
    const big = `${'Myawaddy 高薪 passport '.repeat(100)}\n${'\u200b护照-'.repeat(500)}`;
    fc.assert(
      fc.property(pageText, pageText, (text, between) => {
        const first = scan(text, ruleSet);
        scan(between, ruleSet);
        expect(scan(text, ruleSet)).toEqual(first);
        // Scratch buffers grown by a large text, then the same text again.
        scan(big, ruleSet);
        expect(scan(text, ruleSet)).toEqual(first);
        expect(scan(text, other)).toEqual(first);
      }),
      { ...RUNS, numRuns: 40 },
    );
  }, 20_000);
});

describe('normalizing generated text', () => {
  it('changes nothing the second time', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        const once = normalize(text).text;
        expect(normalize(once).text, JSON.stringify(text)).toBe(once);
      }),
      RUNS,
    );
  });

  it('maps every normalized character to a non-empty, in-order span of the input', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        const { text: out, start, end, classes } = normalize(text);
        expect(start.length).toBe(out.length);
        expect(end.length).toBe(out.length);
        expect(classes.length).toBe(out.length);
        const bad: string[] = [];
        for (let k = 0; k < out.length && bad.length < 3; k++) {
          const s = start[k]!;
          const e = end[k]!;
          if (!(s >= 0 && s < e && e <= text.length)) bad.push(`char ${k}: span ${s}-${e} outside the input`);
          if (k > 0 && (s < start[k - 1]! || e < end[k - 1]!)) bad.push(`char ${k}: span ${s}-${e} before ${start[k - 1]}-${end[k - 1]}`);
          if (splitsPair(text, s) || splitsPair(text, e)) bad.push(`char ${k}: span ${s}-${e} splits a surrogate pair`);
        }
        expect(bad, JSON.stringify(text)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('gives the same result after normalizing other text in between', () => {
    fc.assert(
      fc.property(pageText, pageText, (text, between) => {
        const first = normalize(text);
        normalize(between);
        normalize('高-薪 x'.repeat(4000));
        expect(normalize(text)).toEqual(first);
      }),
      { ...RUNS, numRuns: 60 },
    );
  });
});

describe('scan time on hostile text', () => {
  /** Best of three runs, in milliseconds. */
  const time = (text: string) => {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      scan(text, ruleSet);
      best = Math.min(best, performance.now() - started);
    }
    return best;
  };
  const ofLength = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

  it.each([
    ['anchors, digits and separators on one line', 'sign 护照 deposit 3000 s-i-g-n sign护照deposit1-2.3_4*5 withdraw 高-薪 '],
    ['Chinese anchors packed together', '护照月薪先垫到了'],
    ['anchors with invisible characters planted in them, one line each', 'si\u200bgn 护\u200d照 dep\ufeffosit 0w 1k\nsign the contract\n$3000 a month\n'],
  ])('stays linear for %s (10 KB against 100 KB)', (_name, unit) => {
    const small = ofLength(unit, 10_000);
    const large = ofLength(unit, 100_000);
    scan(small, ruleSet); // warm up: the first scans compile the hot loops
    const ratio = time(large) / Math.max(time(small), 0.5);
    // Linear is about 10; a quadratic step would make it about 100.
    expect(ratio).toBeLessThan(30);
  });
});

// Bugs the properties above found with more runs, each reduced to one input.
describe('found by the properties', () => {
  it('normalizing twice changes nothing when more than 8 separators stand between two Chinese characters', () => {
    // The run used to be measured before its white space was folded: too long to be planted the
    // first time, folded to one space, then short enough to be dropped the second time.
    const once = normalize('高         薪').text;
    expect(normalize(once).text).toBe(once);
    expect(normalize('缅  -   *  北').text).toBe(normalize('缅 - * 北').text);
  });
});
