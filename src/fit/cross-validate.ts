/**
 * Honest estimates: k-fold cross-validation. Everything that is fitted (the wording model, the
 * rule scores, the thresholds) is fitted on k-1 folds and the held-out fold is judged with it,
 * so every item is judged by a model that never saw it.
 */
import type { CompiledRuleSet } from '../engine';
import type { CorpusItem } from './corpus';
import { analyzeItems } from './dataset';
import { type ItemResult, judgeItems, withScores } from './evaluate';
import { fitPack } from './fit-pack';
import { foldsOf } from './folds';
import { DEFAULT_FIT, type FitOptions } from './logistic';

export function crossValidate(items: readonly CorpusItem[], ruleSet: CompiledRuleSet, k = 5, options: FitOptions = DEFAULT_FIT): ItemResult[] {
  const fold = foldsOf(items, k);
  const results = new Array<ItemResult>(items.length);
  for (let f = 0; f < k; f++) {
    const fitted = fitPack(
      items.filter((_, index) => fold[index] !== f),
      ruleSet,
      options,
    );
    const held = items.map((item, index) => ({ item, index })).filter(({ index }) => fold[index] === f);
    const judged = judgeItems(
      analyzeItems(
        held.map(({ item }) => item),
        fitted.ruleSet,
      ),
      withScores(fitted.ruleSet, fitted.scores.weights, fitted.scores.thresholds),
    );
    held.forEach(({ index }, position) => (results[index] = judged[position]!));
  }
  return results;
}
