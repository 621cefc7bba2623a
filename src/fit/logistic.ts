/**
 * Fitting rule scores from labelled items, as SpamAssassin fits its scores rather than setting
 * them by hand: a logistic regression whose features are the rules present in an item's worst
 * window (multiple-instance learning: an item is as bad as its worst neighbourhood, so each
 * step scores every window with the current weights and learns from the item's worst one).
 *
 * Constraints keep the engine's guarantees: every weight lies in [0, MAX_WEIGHT] and a counter's
 * weight is subtracted, so counters only ever lower risk; windows with fewer distinct lure
 * signals than medium needs (score.ts) cannot be flagged whatever the weights, so they take no
 * part. L2 regularization pulls each weight toward a prior (a rule no item exercises keeps it).
 *
 * The medium threshold is then the score that minimizes misses plus weighted false alarms on the
 * training items; high starts just above the highest score a benign training item reaches.
 */
import type { CompiledRule } from '../engine';
import { SCORING, type Thresholds } from '../engine/score';
import type { AnalyzedItem } from './dataset';
import { REPORT_KINDS } from './evaluate';

export const MAX_WEIGHT = 10;

export interface FitOptions {
  /** Strength of the pull toward the priors. */
  l2: number;
  /** What a false alarm costs against a missed lure (a news or advice item's counts double). */
  falseAlarmCost: number;
  iterations: number;
  learningRate: number;
}

export const DEFAULT_FIT: FitOptions = { l2: 3, falseAlarmCost: 3, iterations: 1500, learningRate: 0.05 };

const PRIOR: Record<CompiledRule['role'], number> = { lure: 1, place: 0.5, counter: 1 };

export interface FittedScores {
  weights: number[];
  thresholds: Thresholds;
}

interface Example {
  windows: number[][];
  /** 1 for each rule that is a lure rule (shared by all examples of a fit). */
  isLure: Uint8Array;
  lure: boolean;
  cost: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

function examplesOf(items: readonly AnalyzedItem[], rules: readonly CompiledRule[], options: FitOptions): Example[] {
  const isLure = Uint8Array.from(rules, (rule) => (rule.role === 'lure' ? 1 : 0));
  return items.map(({ item, windows }) => ({
    isLure,
    // Only windows that could be flagged: enough distinct lure signals (checked again with the
    // current weights at every step: a lure rule scored 0 is no signal).
    windows: windows.filter((window) => window.filter((index) => rules[index]!.role === 'lure').length >= SCORING.signals.medium),
    lure: item.label === 'lure',
    cost: item.label === 'lure' ? 1 : options.falseAlarmCost * (REPORT_KINDS.has(item.kind) ? 2 : 1),
  }));
}

/** The score of an item's worst flaggable window under signed weights, and that window. */
function worst(example: Example, signed: Float64Array): { score: number; window: number[] | null } {
  let best = -Infinity;
  let bestWindow: number[] | null = null;
  for (const window of example.windows) {
    let score = 0;
    let lures = 0;
    for (const index of window) {
      score += signed[index]!;
      if (signed[index]! > 0 && example.isLure[index] === 1) lures++;
    }
    if (lures < SCORING.signals.medium) continue;
    if (score > best) [best, bestWindow] = [score, window];
  }
  return { score: best, window: bestWindow };
}

export function fitScores(items: readonly AnalyzedItem[], rules: readonly CompiledRule[], options: FitOptions = DEFAULT_FIT): FittedScores {
  const examples = examplesOf(items, rules, options);
  const n = rules.length;
  const sign = Float64Array.from(rules, (rule) => (rule.role === 'counter' ? -1 : 1));
  const prior = Float64Array.from(rules, (rule) => PRIOR[rule.role]);
  const weights = Float64Array.from(prior);
  let bias = -3;
  // Adam: steady steps whatever the scale of each feature's gradient.
  const m = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const gradient = new Float64Array(n + 1);
  const signed = new Float64Array(n);
  const totalCost = examples.reduce((sum, example) => sum + example.cost, 0) || 1;
  for (let step = 1; step <= options.iterations; step++) {
    for (let r = 0; r < n; r++) signed[r] = sign[r]! * weights[r]!;
    gradient.fill(0);
    for (const example of examples) {
      const { score, window } = worst(example, signed);
      if (!window) continue;
      const error = (example.cost * (sigmoid(bias + score) - (example.lure ? 1 : 0))) / totalCost;
      for (const index of window) gradient[index]! += error * sign[index]!;
      gradient[n]! += error;
    }
    for (let r = 0; r < n; r++) gradient[r]! += (options.l2 * (weights[r]! - prior[r]!)) / totalCost;
    for (let k = 0; k <= n; k++) {
      m[k] = 0.9 * m[k]! + 0.1 * gradient[k]!;
      v[k] = 0.999 * v[k]! + 0.001 * gradient[k]! ** 2;
      const stepSize = (options.learningRate * m[k]! / (1 - 0.9 ** step)) / (Math.sqrt(v[k]! / (1 - 0.999 ** step)) + 1e-8);
      if (k === n) bias -= stepSize;
      else weights[k] = Math.min(MAX_WEIGHT, Math.max(0, weights[k]! - stepSize));
    }
  }
  for (let r = 0; r < n; r++) signed[r] = sign[r]! * weights[r]!;
  const medium = mediumThreshold(examples, signed);
  const high = highThreshold(examples, signed, medium);
  return { weights: Array.from(weights, (w) => round(w)), thresholds: { medium: round(medium), high: round(high) } };
}

/**
 * High is for lures no benign training item resembles: just above the highest score a benign
 * item's flaggable window reaches (never below medium), so that on the training items high is
 * never a false alarm.
 */
function highThreshold(examples: readonly Example[], signed: Float64Array, medium: number): number {
  let highest = -Infinity;
  for (const example of examples) if (!example.lure) highest = Math.max(highest, worst(example, signed).score);
  return Math.max(medium, highest + 0.01);
}

/** The score threshold with the least cost on the training items: misses plus weighted false alarms. */
function mediumThreshold(examples: readonly Example[], signed: Float64Array): number {
  const scored = examples
    .map((example) => ({ score: worst(example, signed).score, lure: example.lure, cost: example.cost }))
    .filter((entry) => Number.isFinite(entry.score))
    .sort((a, b) => a.score - b.score);
  if (scored.length === 0) return SCORING.defaultThresholds.medium;
  // Start with the threshold above everything: every flaggable lure missed, no false alarm.
  let cost = scored.reduce((sum, entry) => sum + (entry.lure ? entry.cost : 0), 0);
  let best = { cost, threshold: scored[scored.length - 1]!.score + 1 };
  // Lower the threshold below each score in turn (from the top), between neighbouring scores.
  for (let i = scored.length - 1; i >= 0; i--) {
    const entry = scored[i]!;
    cost += entry.lure ? -entry.cost : entry.cost;
    const below = i > 0 ? scored[i - 1]!.score : entry.score - 1;
    if (below === entry.score) continue;
    const threshold = (entry.score + below) / 2;
    if (cost < best.cost && threshold > 0) best = { cost, threshold };
  }
  return best.threshold;
}
