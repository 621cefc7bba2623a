/**
 * Fitting everything a pack's scoring needs from labelled items: the wording model (when the
 * pack has the wording signal) and the rule scores and thresholds.
 *
 * The wording model is fitted on the same items, so the wording signal would look better on
 * them than it is on new text and take too large a score. The scores are therefore fitted on
 * items whose wording signal comes from a model that did not see them (inner k-fold), as it
 * will be on new text; the model shipped is then fitted on all items.
 */
import type { CompiledRuleSet } from '../engine';
import type { WordingModelData } from '../rules/schema';
import type { CorpusItem } from './corpus';
import { analyzeItems, type AnalyzedItem } from './dataset';
import { foldsOf } from './folds';
import { DEFAULT_FIT, type FitOptions, type FittedScores, fitScores } from './logistic';
import { wordingWeights } from '../engine/wording';
import { fitWording } from './wording-fit';

const INNER_FOLDS = 5;

/** The rule set with another wording model (the wording signal keeps its rule index). */
export function withWordingModel(ruleSet: CompiledRuleSet, model: WordingModelData | null): CompiledRuleSet {
  if (!ruleSet.wording || !model) return ruleSet;
  return { ...ruleSet, wording: { ...ruleSet.wording, weights: wordingWeights(model.weights), threshold: model.threshold, plainThreshold: model.plainThreshold, minTokens: model.minTokens, plainMinTokens: model.plainMinTokens } };
}

export interface FittedPack {
  scores: FittedScores;
  wording: WordingModelData | null;
  /** The rule set with the fitted wording model (scores not applied). */
  ruleSet: CompiledRuleSet;
}

/** Items analyzed with wording models that did not see them (or simply analyzed, without wording). */
function honestlyAnalyzed(items: readonly CorpusItem[], ruleSet: CompiledRuleSet): AnalyzedItem[] {
  if (!ruleSet.wording) return analyzeItems(items, ruleSet);
  const fold = foldsOf(items, INNER_FOLDS);
  const analyzed = new Array<AnalyzedItem>(items.length);
  for (let f = 0; f < INNER_FOLDS; f++) {
    const model = fitWording(items.filter((_, index) => fold[index] !== f));
    const held = items.map((item, index) => ({ item, index })).filter(({ index }) => fold[index] === f);
    const results = analyzeItems(
      held.map(({ item }) => item),
      withWordingModel(ruleSet, model),
    );
    held.forEach(({ index }, position) => (analyzed[index] = results[position]!));
  }
  return analyzed;
}

export function fitPack(items: readonly CorpusItem[], ruleSet: CompiledRuleSet, options: FitOptions = DEFAULT_FIT): FittedPack {
  const scores = fitScores(honestlyAnalyzed(items, ruleSet), ruleSet.rules, options);
  const wording = ruleSet.wording ? fitWording(items) : null;
  return { scores, wording, ruleSet: withWordingModel(ruleSet, wording) };
}
