import { describe, expect, it } from 'vitest';
import { compileRuleSet, scan } from '../../../src/engine';
import { loadCorePack } from '../../helpers/core';

const pack = loadCorePack();
const ruleSet = compileRuleSet([pack]);

describe('every rule of the core pack matches its own samples', () => {
  for (const rule of pack.rules) {
    it(rule.id, () => {
      for (const sample of rule.samples.match) {
        const found = scan(sample, ruleSet).findings.some((f) => f.rule === rule.id && !f.negated);
        expect(found, `"${sample}" should match ${rule.id}`).toBe(true);
      }
      for (const sample of rule.samples.noMatch) {
        const found = scan(sample, ruleSet).findings.some((f) => f.rule === rule.id && !f.negated);
        expect(found, `"${sample}" should not match ${rule.id}`).toBe(false);
      }
    });
  }
});

describe('the core pack', () => {
  it('cites a known source in every rule and links every source', () => {
    const ids = new Set(pack.sources.map((s) => s.id));
    for (const rule of pack.rules) {
      expect(rule.sources.length).toBeGreaterThan(0);
      for (const source of rule.sources) expect(ids.has(source), `${rule.id} cites ${source}`).toBe(true);
    }
    for (const source of pack.sources) expect(source.url).toMatch(/^https?:\/\//);
  });

  it('explains every rule in English and Simplified Chinese', () => {
    for (const rule of pack.rules) {
      expect(rule.explanation.en).toMatch(/[a-z]/i);
      expect(rule.explanation.zh).toMatch(/\p{Script=Han}/u);
      expect(rule.label.zh).toMatch(/\p{Script=Han}/u);
    }
  });

  it('covers every fraud type and high-risk location the source reports document', () => {
    const categories = new Set(pack.rules.map((r) => r.category));
    for (const category of ['job-abroad', 'investment', 'loan', 'gambling', 'ransom', 'telecom-fraud', 'high-risk-location']) {
      expect(categories.has(category as never), category).toBe(true);
    }
    const places = scan('Myawaddy, northern Myanmar, Golden Triangle, Sihanoukville, Philippines, Laos, Myanmar', ruleSet).findings.map((f) => f.rule);
    for (const place of ['place-myawaddy', 'place-northern-myanmar', 'place-golden-triangle', 'place-cambodia', 'place-philippines', 'place-laos', 'place-myanmar']) {
      expect(places).toContain(place);
    }
  });
});
