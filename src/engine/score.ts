/**
 * Scoring by combinations. Signals only add up inside a window of neighbouring segments (one
 * message, one listing, a paragraph and its neighbours, a chat conversation), each rule counting
 * once per window. A window's score is the sum of its lure and place weights minus its counter
 * weights; the weights and the thresholds for medium and high are fitted from labelled corpora
 * (`npm run rules -- fit`, src/fit/) and travel in the pack. Whatever the scores, two guarantees
 * hold here: medium needs at least two different lure signals and high three (a place name or one
 * signal alone is at most low; a lure rule scored 0 is no signal), and counters only ever subtract.
 */
import type { CompiledRule } from './compile';
import { type Category, RISK_RANK, type Risk } from './types';
import { type WordingModel, wordingSignal } from './wording';

export const SCORING = {
  /** Normalized characters a window of neighbouring page segments may span. */
  windowChars: 2400,
  /** A chat conversation is read as one: its messages combine over a longer span. */
  conversationChars: 6000,
  /** Distinct lure signals each level needs, whatever the scores. */
  signals: { medium: 2, high: 3 },
  /** Thresholds for a pack that was never fitted. */
  defaultThresholds: { medium: 3, high: 6 },
} as const;

export interface Thresholds {
  medium: number;
  high: number;
}

/** What scoring needs of a compiled rule set. */
export interface ScoringModel {
  rules: readonly CompiledRule[];
  thresholds: Thresholds;
  wording: WordingModel | null;
}

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

/** The raw score of a set of rules (what the fit optimizes): lures and places add, counters subtract. */
export function windowScore(ruleIndexes: Iterable<number>, rules: readonly CompiledRule[]): { score: number; lures: number; signals: number } {
  let score = 0;
  let lures = 0;
  let signals = 0;
  for (const index of ruleIndexes) {
    const rule = rules[index]!;
    if (rule.role === 'counter') {
      score -= rule.weight;
      continue;
    }
    score += rule.weight;
    signals++;
    // A lure rule the fit scored 0 says nothing: it does not count toward the signals medium needs.
    if (rule.role === 'lure' && rule.weight > 0) lures++;
  }
  return { score, lures, signals };
}

/** The risk a window score means, with the guarantees on distinct lure signals. */
export function riskOf(score: number, lures: number, signals: number, thresholds: Thresholds): Risk {
  if (lures >= SCORING.signals.high && score >= thresholds.high) return 'high';
  if (lures >= SCORING.signals.medium && score >= thresholds.medium) return 'medium';
  return signals > 0 ? 'low' : 'none';
}

/** Risk and score of a window from the rules present in it, without building any lists. */
function rate(ruleIndexes: Iterable<number>, model: ScoringModel): { risk: Risk; score: number } {
  const { score, lures, signals } = windowScore(ruleIndexes, model.rules);
  return { risk: riskOf(score, lures, signals, model.thresholds), score: Math.round(Math.max(0, score) * 10) / 10 };
}

export function judgeWindow(ruleIndexes: Iterable<number>, model: ScoringModel): WindowVerdict {
  const { rules } = model;
  const present = [...ruleIndexes];
  const { risk, score } = rate(present, model);
  const lures = present.filter((i) => rules[i]!.role === 'lure');
  const places = present.filter((i) => rules[i]!.role === 'place');
  const counters = present.filter((i) => rules[i]!.role === 'counter');
  const byCategory = new Map<Category, number>();
  for (const index of lures) {
    const rule = rules[index]!;
    if (FRAUD_CATEGORIES.has(rule.category)) byCategory.set(rule.category, (byCategory.get(rule.category) ?? 0) + rule.weight);
  }
  let category: Category | null = null;
  let best = -1;
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
  /** The chat conversation the segment is a message of, if any (see Segment.conversation). */
  conversation?: number | undefined;
  /** The segment's known wording tokens (wording.ts): their weights' sum and their number. */
  wording?: { sum: number; count: number } | undefined;
}

/** One segment's neighbourhood: the rules present in it, and which segments it spans. */
export interface Neighbourhood {
  rules: Iterable<number>;
  first: number;
  last: number;
}

/**
 * Every segment that has signals, with its neighbourhood: the segments within half a window
 * before and after it, inside the same run of page text or the same conversation (a chat's
 * messages combine with each other, not with the page around them). Neighbours on both sides
 * matter: the warning that makes a paragraph a news report may come before it or after it. Both
 * bounds only move forward, so the counts are kept up to date incrementally (each segment enters
 * and leaves once). The rules of a neighbourhood are valid until the next one is produced.
 */
export function* neighbourhoods(segments: readonly SegmentSignals[], wording: WordingModel | null = null): Generator<Neighbourhood> {
  const counts = new Map<number, number>();
  // The window's wording tally, summed like the counts.
  let wordingSum = 0;
  let wordingCount = 0;
  const add = (index: number) => {
    const tally = segments[index]!.wording;
    if (tally) {
      wordingSum += tally.sum;
      wordingCount += tally.count;
    }
    for (const rule of segments[index]!.rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  };
  const remove = (index: number) => {
    const tally = segments[index]!.wording;
    if (tally) {
      wordingSum -= tally.sum;
      wordingCount -= tally.count;
    }
    for (const rule of segments[index]!.rules) {
      const left = counts.get(rule)! - 1;
      if (left === 0) counts.delete(rule);
      else counts.set(rule, left);
    }
  };
  let first = 0;
  let last = -1;
  let spanBefore = 0; // length of segments first..center-1
  let spanAfter = 0; // length of segments center+1..last
  for (let center = 0; center < segments.length; center++) {
    const group = segments[center]!.conversation;
    const half = (group === undefined ? SCORING.windowChars : SCORING.conversationChars) / 2;
    if (center > 0 && segments[center - 1]!.conversation !== group) {
      // A new run (a conversation starts or ends): nothing carries over.
      counts.clear();
      wordingSum = 0;
      wordingCount = 0;
      first = center;
      last = center - 1;
      spanBefore = 0;
      spanAfter = 0;
    }
    if (last < center) {
      add(center);
      last = center;
    } else {
      spanAfter -= segments[center]!.length;
    }
    if (center > first) spanBefore += segments[center - 1]!.length;
    while (first < center && spanBefore > half) {
      spanBefore -= segments[first]!.length;
      remove(first++);
    }
    while (last + 1 < segments.length && segments[last + 1]!.conversation === group && spanAfter + segments[last + 1]!.length <= half) {
      spanAfter += segments[++last]!.length;
      add(last);
    }
    const worded = wording && wordingSignal(wordingSum, wordingCount, wording);
    if (segments[center]!.rules.size === 0 && worded !== wording?.rule) continue;
    yield { rules: typeof worded === 'number' ? [...counts.keys(), worded] : counts.keys(), first, last };
  }
}

/** The worst neighbourhood of a list of segments, judged. */
export function worstWindow(
  segments: readonly SegmentSignals[],
  model: ScoringModel,
): { verdict: WindowVerdict; first: number; last: number } | null {
  // The worst window so far: its rating and a snapshot of its rules (taken only when it changes).
  let worst: { rating: { risk: Risk; score: number }; rules: number[]; first: number; last: number } | null = null;
  for (const { rules, first, last } of neighbourhoods(segments, model.wording)) {
    const present = [...rules];
    const rating = rate(present, model);
    if (!worst || isWorse(rating, worst.rating)) worst = { rating, rules: present, first, last };
  }
  return worst && { verdict: judgeWindow(worst.rules, model), first: worst.first, last: worst.last };
}
