/**
 * The development corpus (../shared/corpus/dev.jsonl), judged by its README's rule: a lure
 * passes at medium or high, a benign item at none or low. Rates are printed per cell so a
 * regression shows where it happened.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Risk, scan } from '../../../src/engine';
import { coreRuleSet, repoPath } from '../../helpers/core';
import { type CorpusItem, loadCorpus } from '../../helpers/corpus';

const ruleSet = coreRuleSet();
const items = loadCorpus();
const results = items.map((item) => ({ item, risk: scan(item.text, ruleSet).risk }));
const flagged = (risk: Risk) => risk === 'medium' || risk === 'high';
const passes = ({ item, risk }: { item: CorpusItem; risk: Risk }) => (item.label === 'lure' ? flagged(risk) : !flagged(risk));

function report(): string {
  const cells = new Map<string, { pass: number; total: number }>();
  for (const result of results) {
    const { item } = result;
    for (const key of [`label=${item.label}`, `kind=${item.kind}`, `lang=${item.lang}/${item.label}`, `format=${item.format}/${item.label}`, `obfuscated=${item.obfuscated}/${item.label}`]) {
      const cell = cells.get(key) ?? { pass: 0, total: 0 };
      cell.total++;
      if (passes(result)) cell.pass++;
      cells.set(key, cell);
    }
  }
  return [...cells].map(([key, { pass, total }]) => `${key.padEnd(32)} ${pass}/${total}`).join('\n');
}

describe('development corpus', () => {
  it('prints pass rates per label, kind, language, format and obfuscation', () => {
    console.log(`corpus pass rates (${items.length} items)\n${report()}`);
    expect(items.length).toBeGreaterThan(100);
  });

  it('finds at least 90% of lures, obfuscated ones included', () => {
    const lures = results.filter((r) => r.item.label === 'lure');
    const obfuscated = lures.filter((r) => r.item.obfuscated);
    const missed = lures.filter((r) => !passes(r)).map((r) => r.item.id);
    expect(lures.filter(passes).length / lures.length, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.9);
    expect(obfuscated.filter(passes).length / obfuscated.length).toBeGreaterThanOrEqual(0.9);
  });

  it('rates at most 5% of benign items medium or high', () => {
    const benign = results.filter((r) => r.item.label === 'benign');
    const alarms = benign.filter((r) => !passes(r)).map((r) => `${r.item.id} (${r.risk})`);
    expect(alarms.length / benign.length, `false alarms: ${alarms.join(', ')}`).toBeLessThanOrEqual(0.05);
  });

  it('never rates news about fraud or anti-fraud advice medium or high', () => {
    const reports = results.filter((r) => r.item.kind === 'news-about-fraud' || r.item.kind === 'anti-fraud-advice');
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.filter((r) => flagged(r.risk)).map((r) => r.item.id)).toEqual([]);
  });
});

/**
 * More examples written for this project in other words than the development corpus (lures and
 * hard negatives): every one must be judged right.
 */
describe('extra examples', () => {
  const extra = readFileSync(repoPath('tests/fixtures/corpus/extra.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { id: string; label: 'lure' | 'benign'; text: string });

  it('judges every extra example right', () => {
    const wrong = extra
      .map((item) => ({ item, risk: scan(item.text, ruleSet).risk }))
      .filter(({ item, risk }) => (item.label === 'lure' ? !flagged(risk) : flagged(risk)))
      .map(({ item, risk }) => `${item.id} (${risk})`);
    expect(extra.length).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  });
});
