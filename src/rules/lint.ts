/**
 * Checks a pack beyond its schema, for `npm run rules -- validate` and the build: what a rule
 * says it does, it must do. Each problem names the rule and the JSON path inside it.
 *  - samples: every `match` sample must give a finding of the rule, no `noMatch` sample may;
 *  - too broad: a term or anchor that normalizes to nothing or to a single letter, or a pattern
 *    that matches the empty string, would fire (or run) everywhere, or silently never;
 *  - too slow: a pattern is run on long adversarial inputs built from its own anchors and must
 *    stay fast (the engine runs every pattern on hostile pages).
 */
import { compileRuleSet, normalizeTerm, scan } from '../engine';
import type { RulePack } from './schema';

export interface LintProblem {
  rule: string;
  /** JSON path inside the rule, e.g. $.samples.match[0]. */
  path: string;
  message: string;
}

/** A pattern may take this long on a long adversarial input before it counts as too slow. */
export const SLOW_PATTERN_MS = 50;
const ADVERSARIAL_LENGTH = 4000;

const isSingleLetter = (text: string) => [...text].length < 2 && !/\p{Script=Han}/u.test(text);

function adversarialInputs(anchors: readonly string[]): string[] {
  const inputs: string[] = [];
  for (const anchor of anchors) {
    const unit = normalizeTerm(anchor) || anchor;
    const repeat = (piece: string) => piece.repeat(Math.ceil(ADVERSARIAL_LENGTH / Math.max(1, piece.length))).slice(0, ADVERSARIAL_LENGTH);
    inputs.push(repeat(unit), repeat(`${unit} `), unit + repeat('a'), unit + repeat('1 '), unit + repeat('的'));
  }
  return inputs;
}

export function lintPack(pack: RulePack): LintProblem[] {
  const problems: LintProblem[] = [];
  const ruleSet = compileRuleSet([{ ...pack, rules: pack.rules }]);
  for (const rule of pack.rules) {
    const add = (path: string, message: string) => problems.push({ rule: rule.id, path, message });
    rule.terms.forEach((group, g) => {
      const variants = typeof group === 'string' ? [group] : group.variants;
      variants.forEach((variant, v) => {
        const text = normalizeTerm(variant.endsWith('*') ? variant.slice(0, -1) : variant);
        const path = typeof group === 'string' ? `$.terms[${g}]` : `$.terms[${g}].variants[${v}]`;
        if (!text) add(path, `"${variant}" normalizes to nothing (only spaces, separators or invisible characters): it can never match`);
        else if (isSingleLetter(text)) add(path, `"${variant}" is a single character after normalization: it would match almost anywhere`);
      });
    });
    rule.patterns.forEach((pattern, p) => {
      pattern.anchors.forEach((anchor, a) => {
        const text = normalizeTerm(anchor);
        if (!text) add(`$.patterns[${p}].anchors[${a}]`, `"${anchor}" normalizes to nothing: the pattern would never run from it`);
        else if (/^[\p{L}\p{N}]$/u.test(text) && isSingleLetter(text)) add(`$.patterns[${p}].anchors[${a}]`, `"${anchor}" is a single letter or digit: the pattern would run on almost every segment (anchor on a longer piece every match contains, e.g. "1u" … "9u")`);
      });
      const regex = new RegExp(pattern.regex, 'gu');
      if (regex.test('')) add(`$.patterns[${p}].regex`, 'matches the empty string: a pattern must always match some text');
      for (const input of adversarialInputs(pattern.anchors)) {
        const started = performance.now();
        regex.lastIndex = 0;
        for (let match = regex.exec(input); match; match = regex.exec(input)) {
          if (match[0] === '') regex.lastIndex++;
        }
        const took = performance.now() - started;
        if (took > SLOW_PATTERN_MS) {
          add(`$.patterns[${p}].regex`, `too slow: ${Math.round(took)} ms on ${input.length} characters of its own anchors (limit ${SLOW_PATTERN_MS} ms); bound every repetition, e.g. .{0,12} instead of .*`);
          break;
        }
      }
    });
    const counted = (sample: string) => scan(sample, ruleSet).findings.some((finding) => finding.rule === rule.id && !finding.negated);
    rule.samples.match.forEach((sample, s) => {
      if (!counted(sample)) add(`$.samples.match[${s}]`, `"${sample}" does not match the rule (change the sample or widen the rule)`);
    });
    rule.samples.noMatch.forEach((sample, s) => {
      if (counted(sample)) add(`$.samples.noMatch[${s}]`, `"${sample}" matches the rule, but is listed as a text it must not match`);
    });
  }
  return problems;
}
