/**
 * Fitting the wording model (src/engine/wording.ts) from labelled items: each token's weight is
 * its smoothed log-odds of appearing in a lure rather than in a benign item (naive Bayes over
 * which tokens an item contains). Rare tokens are left out (they would only memorize items),
 * and only the strongest tokens are kept, so the model stays small in the bundle.
 */
import { normalizeTransient } from '../engine/normalize';
import { forEachToken, WORDING_SETTINGS } from '../engine/wording';
import type { WordingModelData } from '../rules/schema';
import type { CorpusItem } from './corpus';

export const WORDING_FIT = {
  /** Items a token must appear in to be kept. */
  minItems: 3,
  /** Tokens kept, the strongest first. */
  maxTokens: 4000,
} as const;

const tokenCache = new WeakMap<CorpusItem, Set<string>>();

/** The distinct tokens of an item (cached: an item's tokens do not depend on any model). */
export function tokensOf(item: CorpusItem): Set<string> {
  let tokens = tokenCache.get(item);
  if (!tokens) {
    tokens = new Set();
    for (const line of item.text.split('\n')) forEachToken(normalizeTransient(line), (token) => tokens!.add(token));
    tokenCache.set(item, tokens);
  }
  return tokens;
}

export function fitWording(items: readonly CorpusItem[]): WordingModelData {
  const counts = new Map<string, { lure: number; benign: number }>();
  let lures = 0;
  let benign = 0;
  for (const item of items) {
    const lure = item.label === 'lure';
    if (lure) lures++;
    else benign++;
    for (const token of tokensOf(item)) {
      const entry = counts.get(token) ?? { lure: 0, benign: 0 };
      if (lure) entry.lure++;
      else entry.benign++;
      counts.set(token, entry);
    }
  }
  const scored: { token: string; weight: number; strength: number }[] = [];
  for (const [token, { lure, benign: harmless }] of counts) {
    if (lure + harmless < WORDING_FIT.minItems) continue;
    const weight = Math.log((lure + 0.5) / (lures + 1)) - Math.log((harmless + 0.5) / (benign + 1));
    scored.push({ token, weight, strength: Math.abs(weight) * Math.log(1 + lure + harmless) });
  }
  scored.sort((a, b) => b.strength - a.strength || a.token.localeCompare(b.token));
  const weights: Record<string, number> = {};
  for (const { token, weight } of scored.slice(0, WORDING_FIT.maxTokens).sort((a, b) => a.token.localeCompare(b.token))) {
    weights[token] = Math.round(weight * 100) / 100;
  }
  return { ...WORDING_SETTINGS, weights };
}
