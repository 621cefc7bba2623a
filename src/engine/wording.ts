/**
 * The wording signal: a compact statistical model of how lures are worded, beside the rules.
 * Rules name concepts; this catches the everyday wording that lures share even when they use
 * no listed phrase ("包吃住", "# usdt", "no need experience").
 *
 * Tokens of normalized text: words of Latin letters and digits (digit runs read as "#", so
 * "3000 usd" and "2500 usd" are one token "# usd") with each word's pair with the next, and
 * pairs of Chinese characters. Each known token has a weight (log-odds of lures against benign
 * items, fitted by `npm run rules -- fit`); a window's wording score is the sum of its known
 * tokens' weights over the square root of their number. When the score reaches the model's
 * threshold, the window has one more lure signal, "lure-wording"; when it falls as far below
 * zero, one more counter signal, "plain-wording" (how news, advice and everyday text are worded).
 * Their scores are fitted like any rule's. Lure wording alone is one signal, so it never raises
 * risk above low (score.ts).
 */
import { DIGIT, HAN, LETTER } from './char-class';
import type { NormalizedView } from './normalize';

/** The ids of the wording signals' rules (their scores live in scores.yaml under these ids). */
export const WORDING_RULES = { lure: 'lure-wording', plain: 'plain-wording' } as const;

export interface WordingModel {
  /** Index of the lure wording signal's rule in the compiled rule set. */
  rule: number;
  /** Index of the plain wording signal's rule (a counter). */
  plainRule: number;
  weights: ReadonlyMap<string, number>;
  /** Window score from which lure wording counts. */
  threshold: number;
  /** Window score at or below minus this from which plain wording counts. */
  plainThreshold: number;
  /** Known tokens a window needs before lure wording can count. */
  minTokens: number;
  /** Known tokens a window needs before plain wording can count (a few topic words are not "worded like news"). */
  plainMinTokens: number;
}

/** A segment's known tokens: the sum of their weights, their number, and the strongest ones. */
export interface WordingTally {
  sum: number;
  count: number;
  /** The segment's strongest lure-like tokens, in normalized offsets (the caller maps them back). */
  top: { token: string; start: number; end: number; weight: number }[];
}

const TOP_TOKENS = 3;

/**
 * The model's settings (its weights are fitted): window scores from which lure and plain wording
 * count, and the known tokens a window needs for each. Chosen by cross-validation (README).
 */
export const WORDING_SETTINGS = { threshold: 1, plainThreshold: 2, minTokens: 5, plainMinTokens: 20 } as const;

/** Calls visit for every token of a normalized view, with its normalized offsets. */
export function forEachToken(view: NormalizedView, visit: (token: string, start: number, end: number) => void): void {
  const { codes, classes, length } = view;
  let previousWord: string | null = null;
  let previousStart = 0;
  let i = 0;
  while (i < length) {
    const cls = classes[i];
    if (cls === HAN) {
      previousWord = null;
      let j = i;
      while (j < length && classes[j] === HAN) j++;
      for (let k = i; k + 1 < j; k++) visit(String.fromCharCode(codes[k]!, codes[k + 1]!), k, k + 2);
      i = j;
      continue;
    }
    if (cls === LETTER || cls === DIGIT) {
      let j = i;
      let word = '';
      while (j < length && (classes[j] === LETTER || classes[j] === DIGIT)) {
        if (classes[j] === DIGIT) {
          while (j < length && classes[j] === DIGIT) j++;
          word += '#';
        } else {
          word += String.fromCharCode(codes[j]!);
          j++;
        }
      }
      visit(word, i, j);
      if (previousWord !== null) visit(`${previousWord} ${word}`, previousStart, j);
      previousWord = word;
      previousStart = i;
      i = j;
      continue;
    }
    // A plain space keeps two words a pair; anything else ends the phrase.
    if (codes[i] !== 32) previousWord = null;
    i++;
  }
}

/**
 * Tallies a segment's known tokens (each distinct token once). Tokens inside rules' matches count
 * too: leaving them out was measured and judged held-out text worse.
 */
export function tallyWording(view: NormalizedView, model: WordingModel): WordingTally {
  const seen = new Set<string>();
  const tally: WordingTally = { sum: 0, count: 0, top: [] };
  forEachToken(view, (token, start, end) => {
    const weight = model.weights.get(token);
    if (weight === undefined || seen.has(token)) return;
    seen.add(token);
    tally.sum += weight;
    tally.count++;
    if (weight <= 0) return;
    const top = tally.top;
    // Overlapping tokens ("photo", "photo of") would show the same words twice: keep the stronger.
    const overlapping = (other: { start: number; end: number }) => other.start < end && start < other.end;
    if (top.some((other) => overlapping(other) && other.weight >= weight)) return;
    for (let k = top.length - 1; k >= 0; k--) if (overlapping(top[k]!)) top.splice(k, 1);
    if (top.length < TOP_TOKENS || weight > top[top.length - 1]!.weight) {
      top.push({ token, start, end, weight });
      top.sort((a, b) => b.weight - a.weight);
      if (top.length > TOP_TOKENS) top.pop();
    }
  });
  return tally;
}

/** The wording signal's rule a window's summed tallies give, if any. */
export function wordingSignal(sum: number, count: number, model: WordingModel): number | null {
  if (count < model.minTokens) return null;
  const score = sum / Math.sqrt(count);
  if (score >= model.threshold) return model.rule;
  return score <= -model.plainThreshold && count >= model.plainMinTokens ? model.plainRule : null;
}
