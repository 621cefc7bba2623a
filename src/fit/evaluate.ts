/**
 * Judging corpus items with a scoring model, by the corpus README's rule: a lure passes at
 * medium or high, a benign item at none or low. Rates per label, kind, language, format and
 * obfuscation, as the README asks.
 */
import { type CompiledRuleSet, isFlagged, judge, type Risk } from '../engine';
import type { Thresholds } from '../engine/score';
import type { AnalyzedItem } from './dataset';

export interface ItemResult {
  id: string;
  label: 'lure' | 'benign';
  kind: string;
  lang: string;
  format: string;
  obfuscated: boolean;
  risk: Risk;
  score: number;
  passed: boolean;
}

/** The rule set with other weights and thresholds (what a fit proposes), sharing everything else. */
export function withScores(ruleSet: CompiledRuleSet, weights: readonly number[], thresholds: Thresholds): CompiledRuleSet {
  return { ...ruleSet, rules: ruleSet.rules.map((rule, index) => ({ ...rule, weight: weights[index]! })), thresholds };
}

export function judgeItems(items: readonly AnalyzedItem[], ruleSet: CompiledRuleSet): ItemResult[] {
  return items.map(({ item, segments, analyses }) => {
    const { risk, score } = judge(segments, analyses, ruleSet);
    const passed = item.label === 'lure' ? isFlagged(risk) : !isFlagged(risk);
    return { id: item.id, label: item.label, kind: item.kind, lang: item.lang, format: item.format, obfuscated: item.obfuscated, risk, score, passed };
  });
}

export interface Rates {
  lures: number;
  recall: number;
  benign: number;
  falseAlarms: number;
  /** news-about-fraud and anti-fraud-advice items rated medium or high (must be none). */
  reportAlarms: number;
}

export const REPORT_KINDS = new Set(['news-about-fraud', 'anti-fraud-advice']);

export function rates(results: readonly ItemResult[]): Rates {
  const lures = results.filter((r) => r.label === 'lure');
  const benign = results.filter((r) => r.label === 'benign');
  return {
    lures: lures.length,
    recall: lures.length ? lures.filter((r) => r.passed).length / lures.length : 1,
    benign: benign.length,
    falseAlarms: benign.length ? benign.filter((r) => !r.passed).length / benign.length : 0,
    reportAlarms: benign.filter((r) => !r.passed && REPORT_KINDS.has(r.kind)).length,
  };
}

/** Pass counts per cell: label, kind, and language / format / obfuscation within each label. */
export function cells(results: readonly ItemResult[]): Map<string, { passed: number; total: number }> {
  const table = new Map<string, { passed: number; total: number }>();
  for (const r of results) {
    for (const key of [`label=${r.label}`, `kind=${r.kind}`, `lang=${r.lang}/${r.label}`, `format=${r.format}/${r.label}`, `obfuscated=${r.obfuscated}/${r.label}`]) {
      const cell = table.get(key) ?? { passed: 0, total: 0 };
      cell.total++;
      if (r.passed) cell.passed++;
      table.set(key, cell);
    }
  }
  return new Map([...table].sort(([a], [b]) => a.localeCompare(b)));
}

const percent = (part: number, whole: number) => (whole ? ((100 * part) / whole).toFixed(1) : '-');

export function formatCells(results: readonly ItemResult[], columns: { title: string; results: readonly ItemResult[] }[] = []): string {
  const all = [{ title: 'pass', results }, ...columns];
  const tables = all.map((column) => cells(column.results));
  const lines = [`${'cell'.padEnd(36)}${all.map((c) => c.title.padStart(16)).join('')}`];
  for (const key of tables[0]!.keys()) {
    lines.push(
      `${key.padEnd(36)}${tables
        .map((table) => {
          const cell = table.get(key);
          return (cell ? `${cell.passed}/${cell.total} ${percent(cell.passed, cell.total)}%` : '-').padStart(16);
        })
        .join('')}`,
    );
  }
  return lines.join('\n');
}
