/**
 * `rules fit`: fits rule scores and the medium/high thresholds on labelled corpora, prints the
 * k-fold cross-validated figures next to the fitted-on-everything ones, and writes the scores
 * into the pack source's scores.yaml and the wording model into wording.json (the build then
 * puts them into the pack).
 */
import { parseArgs } from 'node:util';
import { compileRuleSet } from '../engine';
import { crossValidate } from '../fit/cross-validate';
import { analyzeItems } from '../fit/dataset';
import { formatCells, judgeItems, rates, type Rates, withScores } from '../fit/evaluate';
import { fitPack } from '../fit/fit-pack';
import { readPackSource, WORDING_FILE, writeScores, writeWordingModel } from '../rules/pack-source';
import { CORE_SOURCE } from './rules-build';
import { loadCorpora } from './rules-masscheck';

const summary = (r: Rates) =>
  `lure recall ${(100 * r.recall).toFixed(1)}% of ${r.lures}, benign false alarms ${(100 * r.falseAlarms).toFixed(1)}% of ${r.benign}, news/advice at medium+ ${r.reportAlarms}`;

export function fitCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { pack: { type: 'string', default: CORE_SOURCE }, folds: { type: 'string', default: '5' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const folds = Number(values.folds);
  if (!Number.isInteger(folds) || folds < 2) {
    console.error(`--folds takes a whole number of at least 2 (got "${values.folds}")`);
    return 2;
  }
  const dir = values.pack!;
  const source = readPackSource(dir);
  if (!source.ok) {
    for (const error of source.errors) console.error(error);
    console.error(`${dir}: fix the pack source first (fit needs a pack source folder)`);
    return 2;
  }
  const items = loadCorpora(positionals);
  if (!items) return 2;
  const ruleSet = compileRuleSet([source.pack]);
  const fitted = fitPack(items, ruleSet);
  const all = judgeItems(analyzeItems(items, fitted.ruleSet), withScores(fitted.ruleSet, fitted.scores.weights, fitted.scores.thresholds));
  const cv = crossValidate(items, ruleSet, folds);
  console.log(`${items.length} items from ${positionals.join(', ')}`);
  console.log(`cross-validated (${folds} folds): ${summary(rates(cv))}`);
  console.log(`fitted on all:            ${summary(rates(all))}`);
  console.log(`thresholds: medium ${fitted.scores.thresholds.medium}, high ${fitted.scores.thresholds.high}\n`);
  console.log(formatCells(cv, [{ title: 'fitted on all', results: all }]).replace(/^(cell\s+)pass/, '$1cross-valid.'));
  if (values['dry-run']) return 0;
  const scores = Object.fromEntries(ruleSet.rules.map((rule, index) => [rule.id, fitted.scores.weights[index]!]));
  const header = [
    `Fitted by \`npm run rules -- fit\` (logistic regression, src/fit/logistic.ts); do not edit by hand: refit.`,
    `Corpora: ${positionals.join(', ')} (${items.length} items).`,
    `Cross-validated (${folds} folds): ${summary(rates(cv))}.`,
    `Fitted on all: ${summary(rates(all))}.`,
  ].join('\n');
  writeScores(dir, { scoring: fitted.scores.thresholds, rules: scores }, header);
  if (fitted.wording) writeWordingModel(dir, fitted.wording);
  console.log(`\nwrote ${dir}/scores.yaml${fitted.wording ? ` and ${dir}/${WORDING_FILE}` : ''}; run \`npm run rules -- build\` to put them into the pack`);
  return 0;
}
