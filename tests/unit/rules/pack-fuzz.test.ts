/**
 * Rule packs come from others (a pack author's file, an admin's download), so whatever a pack
 * says, loading it must end in one of two ways: accepted, and then compiling it and scanning text
 * with it works; or refused, with messages that name the file and the JSON path of each problem.
 * Never an exception, never a hang. Checked on the core pack mutated at random (fields deleted or
 * given the wrong type, huge strings, empty arrays, patterns from a small grammar of awkward
 * regular expressions, random Unicode terms, duplicate ids), on random values, and, for parsePack,
 * on random text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, scan } from '../../../src/engine';
import { LinearRegex } from '../../../src/engine/linear-regex';
import { parsePack, validatePack } from '../../../src/rules/validate';
import { loadCorePack } from '../../helpers/core';

const ORIGIN = 'fuzz.json';
const SEED = 4_242;
const RUNS = { seed: SEED, numRuns: 150 } as const;

/**
 * The core pack with a small wording model: the 4,000 fitted weights would make every run
 * validate and compile for tens of milliseconds, and they are all alike.
 */
const base = (() => {
  const pack = structuredClone(loadCorePack()) as unknown as Record<string, any>;
  pack.wording.weights = Object.fromEntries(Object.entries(pack.wording.weights).slice(0, 40));
  return pack;
})();
const RULE_COUNT = (base.rules as unknown[]).length;

// ---- What mutations write -----------------------------------------------------------------

/** Pieces of regular expressions: valid, invalid, refused (back-references, far lookarounds), slow for backtracking. */
const REGEX_ATOMS = [
  'a', 'aa', 'fee', '护照', 'x', '.', '\\d', '\\w', '\\s', '\\b', '\\B', '^', '$', '[^,。]', '[a-z]', '[\\s\\S]',
  '\\p{Script=Han}', '\\p{L}', '\\p{Foo}', '😀', '\\u{1F600}', '\u200b', '(a|aa)+$', '(a+)+$', '(', ')', '[', ']',
  '{', '}', '\\', '|', '?', '*', '+', '\\1', '\\k<n>', '(?<n>a)', '(?=.*x)', '(?=x)', '(?!no )', '(?<=pay )',
  '(?<!no )', '(?:)', '(?i:a)', '{2,1}', 'x{0,1000}',
];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '*?', '{0,3}', '{2}', '{1,}', '{0,200}'];
const regexSource = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.tuple(fc.constantFrom(...REGEX_ATOMS), fc.constantFrom(...QUANTIFIERS)), { minLength: 1, maxLength: 6 }).map((parts) => parts.map(([atom, q]) => atom + q).join('')) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...REGEX_ATOMS), { minLength: 1, maxLength: 4 }).map((parts) => `(?:${parts.join('|')})${['', '+', '{0,3}'][parts.length % 3]}`) },
  { weight: 2, arbitrary: fc.constantFrom('(a|aa)+$', '(', '\\1', '(?=.*x)', '', 'x'.repeat(1001), '(?:a{0,200}){0,200}', 'sign\\w*[^.;!?]{0,40}(?:on|upon) arrival') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

const LURE_TERMS = ['Myawaddy', '缅北', 'telegram', '高薪', 'passport', 'USDT', '$3000 a month', '护照', 'deposit', 'fee', 'sign'];
/** Terms as a pack author (or a fuzzer) might write them: random Unicode, invisible, prefixes, huge. */
const term = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...LURE_TERMS) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('*', 'a*', '高*', '\u200b', '\u200b\u200d', '-', ' x ', '\ud800', '🇹🇪🇱🇪', 'x'.repeat(100_000)) },
);
const termGroup = fc.oneof(
  { weight: 3, arbitrary: term },
  { weight: 1, arbitrary: fc.record({ canonical: term, variants: fc.array(term, { maxLength: 4 }) }) },
);

/** Values of the wrong type, or of the right type and wrong content. */
const wrongValue = fc.oneof(
  fc.constantFrom(null, undefined, 0, -1, 1.5, 11, 1e308, Number.NaN, Infinity, true, false, [], {}, '', ' ', '\u200b', 'x'.repeat(200_000)),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
  regexSource,
);

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'empty-array'; at: number }
  | { kind: 'pattern'; rule: number; regex: string; anchors: string[] }
  | { kind: 'term'; rule: number; group: unknown }
  | { kind: 'fuzzy'; rule: number }
  | { kind: 'duplicate-rule-id'; rule: number; other: number }
  | { kind: 'duplicate-source-id'; source: number; other: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: wrongValue }),
  fc.record({ kind: fc.constant('empty-array' as const), at: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pattern' as const), rule: fc.nat(), regex: regexSource, anchors: fc.array(term, { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('term' as const), rule: fc.nat(), group: termGroup }) },
  fc.record({ kind: fc.constant('fuzzy' as const), rule: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-rule-id' as const), rule: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-source-id' as const), source: fc.nat(), other: fc.nat() }),
);

// ---- Applying mutations -------------------------------------------------------------------

type Path = (string | number)[];

/** Every path in a JSON value, the root first. */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...path, index], out));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out);
  return out;
}

const parentOf = (root: any, path: Path) => path.slice(0, -1).reduce((node, key) => node[key], root);

function apply(pack: Record<string, any>, m: Mutation): Record<string, any> {
  // A mutation that replaced the whole pack by something else leaves nothing more to mutate.
  if (pack === null || typeof pack !== 'object') return pack;
  const rules: any[] = Array.isArray(pack.rules) ? pack.rules : [];
  const sources: any[] = Array.isArray(pack.sources) ? pack.sources : [];
  const ruleAt = (n: number) => (rules.length > 0 && rules[n % rules.length] && typeof rules[n % rules.length] === 'object' ? rules[n % rules.length] : null);
  switch (m.kind) {
    case 'delete':
    case 'set':
    case 'empty-array': {
      const paths = pathsOf(pack);
      const path = paths[m.at % paths.length]!;
      // Copies: fast-check reuses generated values while shrinking, and later mutations change the pack.
      const value = m.kind === 'set' ? structuredClone(m.value) : [];
      if (path.length === 0) return m.kind === 'delete' ? pack : (value as Record<string, any>);
      const parent = parentOf(pack, path);
      const key = path[path.length - 1]!;
      if (m.kind === 'delete') {
        if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
        else delete parent[key];
      } else {
        parent[key] = value;
      }
      return pack;
    }
    case 'pattern': {
      const rule = ruleAt(m.rule);
      if (rule && Array.isArray(rule.patterns)) rule.patterns.push({ regex: m.regex, anchors: [...m.anchors], canonical: 'fuzzed pattern' });
      return pack;
    }
    case 'term': {
      const rule = ruleAt(m.rule);
      if (rule && Array.isArray(rule.terms)) rule.terms.push(structuredClone(m.group));
      return pack;
    }
    case 'fuzzy': {
      const rule = ruleAt(m.rule);
      if (rule) rule.fuzzy = true;
      return pack;
    }
    case 'duplicate-rule-id': {
      const rule = ruleAt(m.rule);
      const other = ruleAt(m.other);
      if (rule && other) rule.id = other.id;
      return pack;
    }
    case 'duplicate-source-id': {
      if (sources.length > 0) sources[m.source % sources.length].id = sources[m.other % sources.length]?.id;
      return pack;
    }
  }
}

/** The core pack cut down to a few of its rules (so that each run compiles quickly), then mutated. */
const mutatedPack = fc
  .tuple(fc.uniqueArray(fc.nat({ max: RULE_COUNT - 1 }), { minLength: 1, maxLength: 4 }), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([keep, mutations]) => {
    let pack: Record<string, any> = structuredClone({ ...base, rules: keep.map((index) => base.rules[index]) });
    for (const m of mutations) pack = apply(pack, m);
    return pack;
  });

/** A one-rule pack whose rule has nothing but this pattern. */
function packWithPattern(regex: string, anchors: string[]): Record<string, any> {
  const pack: Record<string, any> = structuredClone({ ...base, rules: [base.rules[0]] });
  Object.assign(pack.rules[0], { terms: [], patterns: [{ regex, anchors, canonical: 'fuzzed pattern' }], fuzzy: false, negatable: false });
  return pack;
}

/** Text for the accepted packs to scan: the lure vocabulary, what the grammar's patterns match, and ordinary text. */
const SAMPLE = [
  'Work in Myawaddy, 高薪 $3000 a month, contact on telegram, pay the fee in USDT, we keep your passport. 缅北 护照 deposit',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!',
  'sign sign sign signsignsign the contract upon arrival; no fee, pay fee, x xx 😀 \u200b 🇹🇪🇱🇪',
  'The weather is fine today and the meeting moved to 3 pm.',
].join('\n');

/** What is wrong with a refusal's messages, or [] when nothing is. */
function badErrors(errors: unknown): string[] {
  if (!Array.isArray(errors) || errors.length === 0) return [`no errors: ${JSON.stringify(errors)}`];
  return errors.filter((error) => typeof error !== 'string' || !/^fuzz\.json: \$.*: \S/s.test(error)).map((error) => `does not name a JSON path and a problem: ${JSON.stringify(error)}`);
}

/** Validates, and when accepted compiles and scans: returns what went wrong, or []. */
function loadAndScan(data: unknown): string[] {
  const result = validatePack(data, ORIGIN);
  if (!result.ok) return badErrors(result.errors);
  const ruleSet = compileRuleSet([result.pack]);
  const report = scan(SAMPLE, ruleSet);
  return report.findings.filter((f) => !(f.start >= 0 && f.start < f.end && f.end <= SAMPLE.length && f.text === SAMPLE.slice(f.start, f.end))).map((f) => `finding ${f.rule} ${f.start}-${f.end} ${JSON.stringify(f.text)} is not the sample's text there`);
}

// ---- Properties ---------------------------------------------------------------------------

describe('loading a mutated core pack', () => {
  it('either accepts it, and then compiles and scans with it, or names the JSON path of every problem', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutatedPack, (pack) => {
        const problems = loadAndScan(pack);
        if (problems.length === 0 && validatePack(pack, ORIGIN).ok) accepted++;
        expect(problems).toEqual([]);
      }),
      RUNS,
    );
    // Both ways out must be exercised: refusals alone would never reach the compiler.
    expect(accepted).toBeGreaterThan(RUNS.numRuns / 10);
    expect(accepted).toBeLessThan(RUNS.numRuns);
  }, 30_000);

  it('accepts only patterns JavaScript itself accepts, and scans with each of them', () => {
    let accepted = 0;
    fc.assert(
      fc.property(regexSource, fc.array(term, { minLength: 1, maxLength: 3 }), (regex, anchors) => {
        const pack: Record<string, any> = structuredClone({ ...base, rules: [base.rules[0]] });
        pack.rules[0].patterns.push({ regex, anchors, canonical: 'fuzzed pattern' });
        const result = validatePack(pack, ORIGIN);
        if (!result.ok) {
          expect(badErrors(result.errors)).toEqual([]);
          return;
        }
        accepted++;
        // Modifier groups such as (?i:a) are ES2025, which this Node does not know yet.
        if (!/\(\?[ims]*-?[ims]*:/.test(regex)) expect(() => new RegExp(regex, 'gu'), regex).not.toThrow();
        expect(loadAndScan(pack)).toEqual([]);
      }),
      RUNS,
    );
    expect(accepted).toBeGreaterThan(10);
  }, 30_000);

  it('finds an accepted pattern wherever it matches', () => {
    const text = 'please pay the fee now';
    let checked = 0;
    fc.assert(
      fc.property(regexSource, (inner) => {
        // Whatever the generated part says, this pattern matches "fee" in the text.
        const regex = `fee(?:${inner})?`;
        const pack = packWithPattern(regex, ['fee']);
        const result = validatePack(pack, ORIGIN);
        if (!result.ok) return;
        checked++;
        const found = scan(text, compileRuleSet([result.pack])).findings.some((f) => f.rule === pack.rules[0].id && f.text.startsWith('fee'));
        expect(found, regex).toBe(true);
      }),
      RUNS,
    );
    expect(checked).toBeGreaterThan(10);
  }, 30_000);

  it('refuses duplicate rule and source ids, naming where the duplicate is', () => {
    fc.assert(
      fc.property(fc.nat({ max: RULE_COUNT - 1 }), fc.nat({ max: RULE_COUNT - 1 }), (a, b) => {
        fc.pre(a !== b);
        const pack: Record<string, any> = structuredClone({ ...base, rules: [base.rules[a], base.rules[b]] });
        pack.rules[1].id = pack.rules[0].id;
        pack.sources.push({ ...pack.sources[0] });
        const result = validatePack(pack, ORIGIN);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.errors).toContainEqual(expect.stringMatching(/^fuzz\.json: \$\.rules\[1\]\.id: duplicate rule id/));
        expect(result.errors).toContainEqual(expect.stringMatching(new RegExp(`^fuzz\\.json: \\$\\.sources\\[${pack.sources.length - 1}\\]\\.id: duplicate source id`)));
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});

describe('loading anything at all as a pack', () => {
  it('refuses values that are not packs, naming a JSON path, without throwing', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true, withSparseArray: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withBigInt: true }), (value) => {
        expect(loadAndScan(value)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('parses any text without throwing, refusing what is not a pack with messages naming the file', () => {
    const packText = JSON.stringify(base);
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => `\ufeff${JSON.stringify(value)}`),
      // A pack cut off anywhere: a download that broke off.
      fc.nat({ max: packText.length }).map((cut) => packText.slice(0, cut)),
      fc.integer({ min: 1, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
      fc.integer({ min: 1, max: 100_000 }).map((depth) => `{"rules":${'['.repeat(depth)}${']'.repeat(depth)}}`),
      fc.constantFrom('', '\ufeff', 'null', '"pack"', '{"__proto__":{"id":"x"}}', '{"constructor":{"prototype":{}}}', '1e999', '[1,]'),
    );
    fc.assert(
      fc.property(text, (input) => {
        const result = parsePack(input, ORIGIN);
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) expect(error).toMatch(/^fuzz\.json: \S/);
      }),
      RUNS,
    );
  });
});

// Bugs the properties above found, each reduced to one input.
describe('found by the properties', () => {
  it('a pattern with an empty group repeated without bound still finds its matches ("fee(?:)*")', () => {
    // Its reach was NaN (Infinity × 0), and the scanner searched no range at all.
    const result = validatePack(packWithPattern('fee(?:)*', ['fee']), ORIGIN);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(scan('please pay the fee now', compileRuleSet([result.pack])).findings.map((f) => f.text)).toEqual(['fee']);
  });

  it('refuses at once a pattern that repeats an empty group a huge number of times', () => {
    // An empty group emits no instruction: only counting the steps of compiling stops the
    // unrolling of (?:(?:){100000}){100000}, 25 characters.
    for (const regex of ['(?:){5000000}', '(?:(?:){100000}){100000}']) {
      const result = validatePack(packWithPattern(regex, ['fee']), ORIGIN);
      expect(result.ok, regex).toBe(false);
      if (!result.ok) expect(result.errors.join('\n')).toMatch(/too large once its repetitions are counted out/);
    }
  });

  it('refuses flag modifier groups, which it could not honour: (?s:.) (?i:A)', () => {
    for (const regex of ['(?s:.)', '(?i:a)fee', 'x(?m:^)b']) expect(() => new LinearRegex(regex), regex).toThrow(/flag modifiers/);
  });
});
