/**
 * Checks a pack beyond its schema, for `npm run rules -- validate` and the build: what a rule
 * says it does, it must do. Each problem names the rule and the JSON path inside it.
 *  - samples: every `match` sample must give a finding of the rule, no `noMatch` sample may;
 *  - too broad: a term or anchor that normalizes to nothing or to a single letter, or a pattern
 *    that matches the empty string, would fire (or run) everywhere, or silently never;
 *  - unanchored: a pattern's match in a sample that contains none of its anchors is a match the
 *    engine, which runs patterns only where an anchor occurs, can never find;
 *  - untested: every pattern must match at least one of its rule's samples.
 * Patterns cannot be too slow: the engine runs them in linear time (src/engine/linear-regex).
 */
import { compileRuleSet, normalize, normalizeTerm, scan } from '../engine';
import type { RulePack } from './schema';

export interface LintProblem {
  rule: string;
  /** JSON path inside the rule, e.g. $.samples.match[0]. */
  path: string;
  message: string;
}

const isSingleLetter = (text: string) => [...text].length < 2 && !/\p{Script=Han}/u.test(text);

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
    // The rule's patterns as the rule set compiled them, and its samples as the engine reads them.
    const ruleIndex = ruleSet.ruleIndex.get(rule.id);
    const compiled = ruleSet.patterns.filter((candidate) => candidate.rule === ruleIndex);
    const samples = rule.samples.match.map((sample) => normalize(sample).text);
    rule.patterns.forEach((pattern, p) => {
      pattern.anchors.forEach((anchor, a) => {
        const text = normalizeTerm(anchor);
        if (!text) add(`$.patterns[${p}].anchors[${a}]`, `"${anchor}" normalizes to nothing: the pattern would never run from it`);
        else if (/^[\p{L}\p{N}]$/u.test(text) && isSingleLetter(text)) add(`$.patterns[${p}].anchors[${a}]`, `"${anchor}" is a single letter or digit: the pattern would run on almost every segment (anchor on a longer piece every match contains, e.g. "1u" … "9u")`);
      });
      const { regex } = compiled[p]!;
      if (regex.firstMatch('')) add(`$.patterns[${p}].regex`, 'matches the empty string: a pattern must always match some text');
      // The engine runs a pattern only where one of its anchors occurs: a match without one is
      // a match the engine can never find.
      const anchors = pattern.anchors.map(normalizeTerm).filter(Boolean);
      let exercised = false;
      for (const text of samples) {
        const found = [...regex.matches(text)].map((m) => text.slice(m.start, m.end)).filter(Boolean);
        if (found.length > 0) exercised = true;
        const unanchored = found.find((piece) => !anchors.some((anchor) => piece.includes(anchor)));
        if (unanchored) {
          add(`$.patterns[${p}].anchors`, `the pattern matches "${unanchored}" in a sample, which contains none of its anchors: the engine only runs it where an anchor occurs, so it would never find this; add an anchor that every match contains`);
          break;
        }
      }
      if (!exercised) add(`$.patterns[${p}].regex`, 'matches none of the rule\'s samples: add a sample it matches (samples.match), so that a pattern that never matches, or stops matching, is noticed');
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
