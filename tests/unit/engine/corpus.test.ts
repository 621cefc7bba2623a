/**
 * Detection measured on labelled corpora by their README's rule: a lure passes at medium or
 * high, a benign item at none or low, and news or advice is never medium or high.
 *
 * The shipped scores were fitted on these very corpora (`npm run rules -- fit`), so figures with
 * them are optimistic; the floors that matter are on the k-fold cross-validated figures, where
 * every item is judged by scores fitted without it. Rates are printed per cell so that a
 * regression shows where it happened.
 */
import { describe, expect, it } from 'vitest';
import { crossValidate } from '../../../src/fit/cross-validate';
import { readCorpora } from '../../../src/fit/corpus';
import { analyzeItems } from '../../../src/fit/dataset';
import { formatCells, judgeItems, rates } from '../../../src/fit/evaluate';
import { coreRuleSet, repoPath } from '../../helpers/core';

/**
 * Floors a little under what was measured when the pack was last fitted (README, "How it
 * decides"), so that a change that loses detection or adds false alarms fails here.
 */
const CROSS_VALIDATED_FLOOR = { recall: 0.94, falseAlarms: 0.02, reportAlarms: 0 };
const FITTED_FLOOR = { recall: 0.97, falseAlarms: 0.01, reportAlarms: 0 };
const HELD_OUT_FLOORS = {
  'blind.jsonl': { recall: 0.85, falseAlarms: 0.04 },
  'extra.jsonl': { recall: 0.95, falseAlarms: 0.07 },
};

const ruleSet = coreRuleSet();
const corpora = ['../shared/corpus/train.jsonl', '../shared/corpus/dev.jsonl'].map(repoPath);
const { items, errors } = readCorpora(corpora);
const analyzed = analyzeItems(items, ruleSet);
const shipped = judgeItems(analyzed, ruleSet);
const crossValidated = crossValidate(items, ruleSet, 5);

describe('training and development corpora', () => {
  it('are there and readable', () => {
    expect(errors, 'the corpora are expected in ../shared/corpus beside the repository').toEqual([]);
    expect(items.length).toBeGreaterThan(700);
  });

  it('prints cross-validated and fitted pass rates per label, kind, language, format and obfuscation', () => {
    console.log(`corpus pass rates (${items.length} items)\n${formatCells(crossValidated, [{ title: 'fitted (shipped)', results: shipped }])}`);
    expect(crossValidated.length).toBe(items.length);
  });

  it('cross-validated: finds most lures with few false alarms', () => {
    const { recall, falseAlarms, reportAlarms } = rates(crossValidated);
    expect(recall).toBeGreaterThanOrEqual(CROSS_VALIDATED_FLOOR.recall);
    expect(falseAlarms).toBeLessThanOrEqual(CROSS_VALIDATED_FLOOR.falseAlarms);
    expect(reportAlarms).toBeLessThanOrEqual(CROSS_VALIDATED_FLOOR.reportAlarms);
  });

  it('with the shipped scores: the figures the fit reached', () => {
    const { recall, falseAlarms, reportAlarms } = rates(shipped);
    expect(recall).toBeGreaterThanOrEqual(FITTED_FLOOR.recall);
    expect(falseAlarms).toBeLessThanOrEqual(FITTED_FLOOR.falseAlarms);
    expect(reportAlarms).toBeLessThanOrEqual(FITTED_FLOOR.reportAlarms);
  });
});

/**
 * Held-out sets, never used for fitting or for writing rules: blind.jsonl was written from public
 * reports by a helper who never saw the rules or the corpora; extra.jsonl are examples written
 * for this project in other words than the corpora. Their figures are the honest ones.
 */
describe('held-out examples', () => {
  for (const [name, floor] of Object.entries(HELD_OUT_FLOORS)) {
    it(`${name}: finds most lures with few false alarms`, () => {
      const held = readCorpora([repoPath(`tests/fixtures/corpus/${name}`)]);
      const results = judgeItems(analyzeItems(held.items, ruleSet), ruleSet);
      const { recall, falseAlarms, reportAlarms } = rates(results);
      console.log(`${name}: recall ${(100 * recall).toFixed(1)}%, false alarms ${(100 * falseAlarms).toFixed(1)}%, news/advice at medium+ ${reportAlarms}\n${formatCells(results)}`);
      expect(held.errors).toEqual([]);
      expect(held.items.length).toBeGreaterThan(40);
      expect(recall).toBeGreaterThanOrEqual(floor.recall);
      expect(falseAlarms).toBeLessThanOrEqual(floor.falseAlarms);
      expect(reportAlarms).toBe(0);
    });
  }
});
