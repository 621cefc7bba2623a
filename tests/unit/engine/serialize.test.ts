/**
 * A compiled rule set stored as data (IndexedDB's structured clone, or JSON for chrome.storage)
 * and loaded back judges every text exactly as the set it was stored from.
 */
import { describe, expect, it } from 'vitest';
import { type CompiledRuleSet, compileRuleSet, normalizeTerm, scan, type Segment } from '../../../src/engine';
import { deserializeRuleSet, SERIALIZED_FORMAT_VERSION, type SerializedRuleSet, serializeRuleSet } from '../../../src/engine/serialize';
import { itemSegments, readCorpora } from '../../../src/fit/corpus';
import type { RulePack } from '../../../src/rules/schema';
import { loadCorePack, repoPath } from '../../helpers/core';

const { items } = readCorpora(['../shared/corpus/dev.jsonl', '../shared/corpus/train.jsonl'].map(repoPath));
const corePack = loadCorePack();

/** A second pack: a rule that replaces a core one, and one of its own with a pattern (a lookbehind) and a fuzzy term. */
const extraPack: RulePack = {
  id: 'acme',
  name: 'Acme extras',
  version: '1.0.0',
  publisher: 'Acme',
  updated: '2026-11-01',
  sources: [{ id: 'memo', url: 'https://example.org/memo', title: 'Memo', publisher: 'Acme', date: '2026-10', summary: { en: 'A memo.', zh: '备忘。' } }],
  rules: [
    {
      id: 'secrecy',
      overrides: true,
      category: 'pressure-tactic',
      role: 'lure',
      weight: 2,
      label: { en: 'hush order', zh: '封口令' },
      explanation: { en: 'A hush order.', zh: '封口令。' },
      terms: ['hush order', { canonical: 'keep it quiet', variants: ['keep it quiet', '别声张'] }],
      patterns: [],
      fuzzy: false,
      negatable: true,
      sources: ['memo'],
      samples: { match: ['a hush order'], noMatch: ['hush'] },
    },
    {
      id: 'acme-codeword',
      category: 'pressure-tactic',
      role: 'lure',
      weight: 1.5,
      label: { en: 'code word', zh: '暗号' },
      explanation: { en: 'A code word.', zh: '暗号。' },
      terms: ['marmalade'],
      patterns: [{ regex: '(?<!not )codeword\\s*[a-z]{3,8}\\b', anchors: ['codeword'], canonical: 'a code word' }],
      fuzzy: true,
      negatable: false,
      sources: ['memo'],
      samples: { match: ['codeword alpha'], noMatch: ['not codeword alpha'] },
    },
  ],
};

const extraTexts = [
  'This is a hush order: keep it quiet. Say the codeword falcon at the border, Telegram only, salary 3000 USD.',
  'It is not codeword falcon; bring marmelade and 别声张, 高薪 工作 在 缅北',
  'We never issue a hush order.',
];

const stored = (set: CompiledRuleSet): SerializedRuleSet => structuredClone(serializeRuleSet(set));

/** Both sets give the same full results (findings, verdict, explanation) on every text. */
function expectSameResults(loaded: CompiledRuleSet, compiled: CompiledRuleSet, texts: readonly { id: string; segments: Segment[] }[]) {
  for (const { id, segments } of texts) expect(scan(segments, loaded), id).toEqual(scan(segments, compiled));
}

const corpusTexts = items.map((item) => ({ id: item.id, segments: itemSegments(item) }));

describe('a stored rule set', () => {
  const core = compileRuleSet([corePack]);

  it('has the corpora to compare on', () => {
    expect(items.length).toBeGreaterThan(700);
  });

  it('judges every corpus item as the compiled set does, after a structured clone', () => {
    const loaded = deserializeRuleSet(stored(core))!;
    expect(loaded.fuzzyCache.size).toBe(0);
    expectSameResults(loaded, core, corpusTexts);
  });

  it('keeps a set of several packs, with the rules a later pack replaced', () => {
    const several = compileRuleSet([corePack, extraPack]);
    const loaded = deserializeRuleSet(stored(several))!;
    expect(loaded.replaced).toEqual([{ rule: 'secrecy', pack: 'acme', replaced: 'lureguard-core' }]);
    expect(loaded.packs.map((pack) => pack.id)).toEqual(['lureguard-core', 'acme']);
    const texts = extraTexts.map((text, index) => ({ id: `extra ${index}`, segments: [{ text, start: 0 }] }));
    expectSameResults(loaded, several, [...texts, ...corpusTexts]);
    const rulesFound = scan(extraTexts[0]!, loaded).findings.map((finding) => finding.rule);
    expect(rulesFound).toEqual(expect.arrayContaining(['secrecy', 'acme-codeword']));
  });

  it('runs every pattern as compiled on its rule\'s samples, whether or not the corpora reach it', () => {
    const loaded = deserializeRuleSet(stored(core))!;
    const samples = new Map(corePack.rules.map((rule) => [rule.id, [...rule.samples.match, ...rule.samples.noMatch].map(normalizeTerm)]));
    core.patterns.forEach((pattern, index) => {
      for (const sample of samples.get(core.rules[pattern.rule]!.id)!) {
        expect([...loaded.patterns[index]!.regex.matches(sample)], `${pattern.regex.source} on "${sample}"`).toEqual([...pattern.regex.matches(sample)]);
      }
    });
  });

  it('stores again, once loaded, exactly as it was stored', () => {
    // Compared as JSON text, typed arrays as lists: a deep comparison of megabytes of typed arrays takes much longer.
    const asText = (data: SerializedRuleSet) => JSON.stringify(data, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Uint8Array) : value));
    const data = stored(core);
    expect(asText(serializeRuleSet(deserializeRuleSet(structuredClone(data))!))).toBe(asText(data));
  });

  it('is refused when stored by another version of the format, or not a stored set at all', () => {
    const data = serializeRuleSet(core);
    expect(deserializeRuleSet({ ...data, formatVersion: SERIALIZED_FORMAT_VERSION + 1 })).toBeUndefined();
    expect(deserializeRuleSet({} as SerializedRuleSet)).toBeUndefined();
    expect(deserializeRuleSet(undefined as unknown as SerializedRuleSet)).toBeUndefined();
  });
});
