/**
 * Scoring by combinations. Signals only add up inside a window of neighbouring segments (one
 * message, one listing, a paragraph and its neighbours), each rule counting once per window:
 *  - medium needs at least two different lure signals, high at least three, plus enough weight;
 *  - places add a little (capped), so a place name alone is at most low;
 *  - counter signals (reporting, warnings, lawful practice) subtract, and two different ones
 *    cap the window at low: news and advice name every red flag, but as warnings.
 */
import type { CompiledRule } from './compile';
import { type Category, RISK_RANK, type Risk } from './types';

export const SCORING = {
  /** Normalized characters a window of neighbouring segments may span. */
  windowChars: 2400,
  placeCap: 1.5,
  medium: { signals: 2, score: 3 },
  high: { signals: 3, score: 6 },
  /** Distinct counter signals that cap a window at low. */
  counterCap: 2,
} as const;

export interface WindowVerdict {
  risk: Risk;
  score: number;
  category: Category | null;
  /** Rule indexes counted in this window, by role. */
  lures: number[];
  places: number[];
  counters: number[];
}

const FRAUD_CATEGORIES = new Set<Category>(['job-abroad', 'investment', 'loan', 'gambling', 'ransom', 'telecom-fraud']);

/** Risk and score of a window from the rules present in it, without building any lists. */
function rate(ruleIndexes: Iterable<number>, rules: readonly CompiledRule[]): { risk: Risk; score: number } {
  let lures = 0;
  let places = 0;
  let counters = 0;
  let lureWeight = 0;
  let placeWeight = 0;
  let counterWeight = 0;
  for (const index of ruleIndexes) {
    const rule = rules[index]!;
    if (rule.role === 'lure') {
      lures++;
      lureWeight += rule.weight;
    } else if (rule.role === 'place') {
      places++;
      placeWeight += rule.weight;
    } else {
      counters++;
      counterWeight += rule.weight;
    }
  }
  const score = Math.round(Math.max(0, lureWeight + Math.min(placeWeight, SCORING.placeCap) - counterWeight) * 10) / 10;
  const capped = counters >= SCORING.counterCap;
  let risk: Risk = lures + places > 0 ? 'low' : 'none';
  if (!capped && lures >= SCORING.medium.signals && score >= SCORING.medium.score) risk = 'medium';
  if (!capped && lures >= SCORING.high.signals && score >= SCORING.high.score) risk = 'high';
  return { risk, score };
}

export function judgeWindow(ruleIndexes: Iterable<number>, rules: readonly CompiledRule[]): WindowVerdict {
  const present = [...ruleIndexes];
  const { risk, score } = rate(present, rules);
  const lures = present.filter((i) => rules[i]!.role === 'lure');
  const places = present.filter((i) => rules[i]!.role === 'place');
  const counters = present.filter((i) => rules[i]!.role === 'counter');
  const byCategory = new Map<Category, number>();
  for (const index of lures) {
    const rule = rules[index]!;
    if (FRAUD_CATEGORIES.has(rule.category)) byCategory.set(rule.category, (byCategory.get(rule.category) ?? 0) + rule.weight);
  }
  let category: Category | null = null;
  let best = 0;
  for (const [candidate, weight] of byCategory) if (weight > best) [category, best] = [candidate, weight];
  if (!category && lures.length > 0) category = 'pressure-tactic';
  if (!category && places.length > 0) category = 'high-risk-location';
  return { risk, score, category, lures, places, counters };
}

export function isWorse(a: { risk: Risk; score: number }, b: { risk: Risk; score: number }): boolean {
  return RISK_RANK[a.risk] > RISK_RANK[b.risk] || (a.risk === b.risk && a.score > b.score);
}

export interface SegmentSignals {
  /** Normalized length of the segment. */
  length: number;
  /** Distinct rule indexes with a counted (not negated) finding in the segment. */
  rules: ReadonlySet<number>;
}

/**
 * Judges every segment that has signals together with its neighbourhood: the segments within
 * half a window before and after it. Neighbours on both sides matter: the warning that makes a
 * paragraph a news report may come before it or after it. Both bounds only move forward, so
 * the counts are kept up to date incrementally (each segment enters and leaves once).
 */
export function worstWindow(
  segments: readonly SegmentSignals[],
  rules: readonly CompiledRule[],
): { verdict: WindowVerdict; first: number; last: number } | null {
  const half = SCORING.windowChars / 2;
  const counts = new Map<number, number>();
  const add = (index: number) => {
    for (const rule of segments[index]!.rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  };
  const remove = (index: number) => {
    for (const rule of segments[index]!.rules) {
      const left = counts.get(rule)! - 1;
      if (left === 0) counts.delete(rule);
      else counts.set(rule, left);
    }
  };
  // The worst window so far: its rating and a snapshot of its rules (taken only when it changes).
  let worst: { rating: { risk: Risk; score: number }; rules: number[]; first: number; last: number } | null = null;
  let first = 0;
  let last = -1;
  let spanBefore = 0; // length of segments first..center-1
  let spanAfter = 0; // length of segments center+1..last
  for (let center = 0; center < segments.length; center++) {
    if (last < center) {
      add(center);
      last = center;
    } else {
      spanAfter -= segments[center]!.length;
    }
    if (center > 0) spanBefore += segments[center - 1]!.length;
    while (first < center && spanBefore > half) {
      spanBefore -= segments[first]!.length;
      remove(first++);
    }
    while (last + 1 < segments.length && spanAfter + segments[last + 1]!.length <= half) {
      spanAfter += segments[++last]!.length;
      add(last);
    }
    if (segments[center]!.rules.size === 0) continue;
    const rating = rate(counts.keys(), rules);
    if (!worst || isWorse(rating, worst.rating)) worst = { rating, rules: [...counts.keys()], first, last };
  }
  return worst && { verdict: judgeWindow(worst.rules, rules), first: worst.first, last: worst.last };
}
