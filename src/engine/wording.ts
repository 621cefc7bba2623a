/**
 * The wording signal: a compact statistical model of how lures are worded, beside the rules.
 * Rules name concepts; this catches the everyday wording that lures share even when they use
 * no listed phrase ("包吃住", "# usdt", "no need experience").
 *
 * Tokens of normalized text: words of Latin letters and digits (digit runs read as "#", so
 * "3000 usd" and "2500 usd" are one token "# usd") with each word's pair with the next, and
 * pairs of Chinese characters. Each known token has a weight (log-odds of lures against benign
 * items, fitted by `npm run rules -- fit`); a window's wording score is the mean weight of its
 * known tokens (a mean, not a sum: a long page does not drift over the threshold on a slight
 * lean of many ordinary words). When the score reaches the model's
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
  /** The known tokens and their weights (wordingWeights). */
  weights: TokenTable;
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
  top: { start: number; end: number; weight: number }[];
}

const TOP_TOKENS = 3;

/**
 * The model's settings (its weights are fitted): window scores from which lure and plain wording
 * count, and the known tokens a window needs for each. Chosen by cross-validation (README).
 */
export const WORDING_SETTINGS = { threshold: 0.3, plainThreshold: 0.7, minTokens: 5, plainMinTokens: 20 } as const;

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

// Token keys: two 32-bit hashes (FNV-1a and a multiply-xorshift) of a token's characters, so
// that a page's tokens are looked up without building a string each. The first (30 bits, a small
// integer that V8 hashes fast) is the map key; the second checks the entry, so two different
// tokens are taken for one only if both hashes collide.
const FNV_BASIS = 0x811c9dc5;
const MIX_BASIS = 0x9747b28c;
const step1 = (hash: number, code: number) => Math.imul(hash ^ code, 0x01000193) >>> 0;
const step2 = (hash: number, code: number) => {
  const mixed = Math.imul(hash ^ code, 0x5bd1e995);
  return (mixed ^ (mixed >>> 15)) >>> 0;
};
/**
 * The model's known tokens in an open-addressing hash table of typed arrays (uBO's way: a
 * compact form read without allocation): slot = key & mask, probing forward to an empty slot.
 * seen[] stamps the slots tallied in the current segment.
 */
export interface TokenTable {
  /** key + 1 per slot (0 = empty). */
  keys: Int32Array;
  checks: Int32Array;
  weights: Float64Array;
  seen: Uint32Array;
  mask: number;
}

/** The hashes of a token written as a string (as in the model file). */
function tokenHashes(token: string): { key: number; check: number } {
  let hash1 = FNV_BASIS;
  let hash2 = MIX_BASIS;
  for (let i = 0; i < token.length; i++) {
    hash1 = step1(hash1, token.charCodeAt(i));
    hash2 = step2(hash2, token.charCodeAt(i));
  }
  return { key: hash1 & 0x3fffffff, check: hash2 };
}

/** A model's token weights (token -> weight, as in the model file) as a token table. */
export function wordingWeights(weights: Readonly<Record<string, number>>): TokenTable {
  const entries = Object.entries(weights);
  let size = 16;
  while (size < entries.length * 2) size *= 2;
  const table: TokenTable = { keys: new Int32Array(size), checks: new Int32Array(size), weights: new Float64Array(size), seen: new Uint32Array(size), mask: size - 1 };
  for (const [token, weight] of entries) {
    const { key, check } = tokenHashes(token);
    let slot = key & table.mask;
    while (table.keys[slot] !== 0) slot = (slot + 1) & table.mask;
    table.keys[slot] = key + 1;
    table.checks[slot] = check | 0;
    table.weights[slot] = weight;
  }
  return table;
}

/** The slot of a token in the table, or -1 when the model does not know it. */
function slotOf(table: TokenTable, key: number, check: number): number {
  const { keys, mask } = table;
  let slot = key & mask;
  for (let stored = keys[slot]!; stored !== 0; stored = keys[slot]!) {
    if (stored === key + 1 && table.checks[slot] === (check | 0)) return slot;
    slot = (slot + 1) & mask;
  }
  return -1;
}

/** Stamp of the current segment in TokenTable.seen (a new stamp per tally: nothing to clear). */
let stamp = 0;

const HASH_MARK = 35; // '#': a run of digits
const SPACE_CODE = 32;

/**
 * Tallies a segment's known tokens (each distinct token once): the tokens of forEachToken,
 * hashed as they are read instead of built as strings (this runs on every segment of every page).
 */
export function tallyWording(view: NormalizedView, model: WordingModel): WordingTally {
  const { codes, classes, length } = view;
  const table = model.weights;
  const tally: WordingTally = { sum: 0, count: 0, top: [] };
  stamp = stamp === 0xffffffff ? 1 : stamp + 1;
  if (stamp === 1) table.seen.fill(0);
  const count = (key: number, check: number, start: number, end: number) => {
    const slot = slotOf(table, key, check);
    if (slot < 0 || table.seen[slot] === stamp) return;
    table.seen[slot] = stamp;
    const weight = table.weights[slot]!;
    tally.sum += weight;
    tally.count++;
    if (weight > 0) keepIfStrong(tally.top, start, end, weight);
  };
  // The hash state after the previous word, continued with " " and this word for the pair.
  let previous1 = 0;
  let previous2 = 0;
  let previousStart = -1;
  let i = 0;
  while (i < length) {
    const cls = classes[i];
    if (cls === HAN) {
      previousStart = -1;
      let j = i;
      while (j < length && classes[j] === HAN) j++;
      for (let k = i; k + 1 < j; k++) {
        const a = codes[k]!;
        const b = codes[k + 1]!;
        count(step1(step1(FNV_BASIS, a), b) & 0x3fffffff, step2(step2(MIX_BASIS, a), b), k, k + 2);
      }
      i = j;
      continue;
    }
    if (cls === LETTER || cls === DIGIT) {
      const paired = previousStart >= 0;
      let word1 = FNV_BASIS;
      let word2 = MIX_BASIS;
      let pair1 = paired ? step1(previous1, SPACE_CODE) : 0;
      let pair2 = paired ? step2(previous2, SPACE_CODE) : 0;
      let j = i;
      while (j < length && (classes[j] === LETTER || classes[j] === DIGIT)) {
        let code: number;
        if (classes[j] === DIGIT) {
          while (j < length && classes[j] === DIGIT) j++;
          code = HASH_MARK;
        } else {
          code = codes[j]!;
          j++;
        }
        word1 = step1(word1, code);
        word2 = step2(word2, code);
        if (paired) {
          pair1 = step1(pair1, code);
          pair2 = step2(pair2, code);
        }
      }
      count(word1 & 0x3fffffff, word2, i, j);
      if (paired) count(pair1 & 0x3fffffff, pair2, previousStart, j);
      previous1 = word1;
      previous2 = word2;
      previousStart = i;
      i = j;
      continue;
    }
    // A plain space keeps two words a pair; anything else ends the phrase.
    if (codes[i] !== SPACE_CODE) previousStart = -1;
    i++;
  }
  return tally;
}

/** Keeps the strongest few lure-like tokens; of overlapping ones ("photo", "photo of") only the stronger, so no word shows twice. */
function keepIfStrong(top: WordingTally['top'], start: number, end: number, weight: number): void {
  const overlapping = (other: { start: number; end: number }) => other.start < end && start < other.end;
  if (top.some((other) => overlapping(other) && other.weight >= weight)) return;
  for (let k = top.length - 1; k >= 0; k--) if (overlapping(top[k]!)) top.splice(k, 1);
  if (top.length < TOP_TOKENS || weight > top[top.length - 1]!.weight) {
    top.push({ start, end, weight });
    top.sort((a, b) => b.weight - a.weight);
    if (top.length > TOP_TOKENS) top.pop();
  }
}

/** The wording signal's rule a window's summed tallies give, if any. */
export function wordingSignal(sum: number, count: number, model: WordingModel): number | null {
  if (count < model.minTokens) return null;
  const score = sum / count;
  if (score >= model.threshold) return model.rule;
  return score <= -model.plainThreshold && count >= model.plainMinTokens ? model.plainRule : null;
}
