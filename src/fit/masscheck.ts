/**
 * Per-rule statistics over labelled corpora, as SpamAssassin publishes for every rule
 * (STATISTICS-set0.txt): how many lures and benign items each rule fires on, the share of its
 * hits that are lures (S/O), the rules that never fire, and which benign items each one fires on.
 * A rule "fires" on an item when it counts in any of its windows (a finding, not negated).
 */
import type { CompiledRuleSet } from '../engine';
import type { AnalyzedItem } from './dataset';

export interface RuleStatistics {
  rule: string;
  role: string;
  category: string;
  weight: number;
  /** Share of the lures / benign items the rule fires on. */
  lureRate: number;
  benignRate: number;
  lureHits: number;
  benignHits: number;
  /** Share of the rule's hits that are lures (1 = only lures); null when it never fires. */
  so: number | null;
  /** The benign items it fires on, as "id (kind)". */
  benignItems: string[];
}

export interface Masscheck {
  lures: number;
  benign: number;
  rules: RuleStatistics[];
  neverFire: string[];
}

export function masscheck(items: readonly AnalyzedItem[], ruleSet: CompiledRuleSet): Masscheck {
  const lures = items.filter((entry) => entry.item.label === 'lure').length;
  const benign = items.length - lures;
  const stats = ruleSet.rules.map((rule) => ({ lureHits: 0, benignHits: 0, benignItems: [] as string[], rule }));
  for (const { item, windows } of items) {
    // Window by window, so that the wording signal (a window's, not a segment's) counts too.
    const fired = new Set<number>();
    for (const window of windows) for (const index of window) fired.add(index);
    for (const index of fired) {
      const entry = stats[index]!;
      if (item.label === 'lure') entry.lureHits++;
      else {
        entry.benignHits++;
        entry.benignItems.push(`${item.id} (${item.kind})`);
      }
    }
  }
  const rules = stats
    .map(({ rule, lureHits, benignHits, benignItems }) => ({
      rule: rule.id,
      role: rule.role,
      category: rule.category,
      weight: rule.weight,
      lureRate: lures ? lureHits / lures : 0,
      benignRate: benign ? benignHits / benign : 0,
      lureHits,
      benignHits,
      so: lureHits + benignHits ? lureHits / (lureHits + benignHits) : null,
      benignItems,
    }))
    .sort((a, b) => b.lureHits + b.benignHits - (a.lureHits + a.benignHits) || a.rule.localeCompare(b.rule));
  return { lures, benign, rules, neverFire: rules.filter((r) => r.so === null).map((r) => r.rule) };
}

const pct = (rate: number) => `${(100 * rate).toFixed(1)}%`.padStart(7);

/** The table a person reads: one line per rule, SpamAssassin's columns. */
export function formatMasscheck(result: Masscheck, listBenign: boolean): string {
  const lines = [
    `${result.lures} lures, ${result.benign} benign items`,
    `${'LURE%'.padStart(7)} ${'BENIGN%'.padStart(7)} ${'S/O'.padStart(5)} ${'SCORE'.padStart(6)}  ${'ROLE'.padEnd(8)} RULE`,
  ];
  for (const r of result.rules) {
    if (r.so === null) continue;
    lines.push(`${pct(r.lureRate)} ${pct(r.benignRate)} ${r.so.toFixed(2).padStart(5)} ${r.weight.toFixed(2).padStart(6)}  ${r.role.padEnd(8)} ${r.rule}`);
    if (listBenign && r.benignItems.length > 0) lines.push(`${' '.repeat(40)}benign: ${r.benignItems.join(', ')}`);
  }
  lines.push(`never fire (${result.neverFire.length}): ${result.neverFire.join(', ') || 'none'}`);
  return lines.join('\n');
}
