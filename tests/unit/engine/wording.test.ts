/** The wording signals: tokens, the hashed tally the engine uses, and the bound on what they can do. */
import { describe, expect, it } from 'vitest';
import { compileRuleSet, scan } from '../../../src/engine';
import { normalizeTransient } from '../../../src/engine/normalize';
import { forEachToken, tallyWording, WORDING_RULES, wordingWeights } from '../../../src/engine/wording';
import { loadCorePack } from '../../helpers/core';

const tokens = (text: string) => {
  const found: string[] = [];
  forEachToken(normalizeTransient(text), (token) => found.push(token));
  return found;
};

describe('wording tokens', () => {
  it('are words and word pairs (digits read as #) and Chinese character pairs', () => {
    expect(tokens('Earn 3000 USD, no exp')).toEqual(['earn', '#', 'earn #', 'usd', '# usd', 'no', 'exp', 'no exp']);
    expect(tokens('包吃住')).toEqual(['包吃', '吃住']);
  });

  it('are tallied by hash exactly as they read as strings', () => {
    const text = 'Earn 3000 USD a month, no experience needed. 包吃住，机票报销。';
    const known = ['# usd', 'no experience', '包吃', '报销', 'unrelated words', '吃饭'];
    const weights = Object.fromEntries(known.map((token, index) => [token, index + 1]));
    const model = { rule: 0, plainRule: 1, weights: wordingWeights(weights), threshold: 1, plainThreshold: 2, minTokens: 1, plainMinTokens: 1 };
    const tally = tallyWording(normalizeTransient(text), model);
    const expected = [...new Set(tokens(text))].filter((token) => token in weights);
    expect(expected).toEqual(['# usd', 'no experience', '包吃', '报销']);
    expect(tally.count).toBe(expected.length);
    expect(tally.sum).toBe(expected.reduce((sum, token) => sum + weights[token]!, 0));
    // The strongest lure-like tokens, by offset in the normalized text.
    expect(tally.top.map((token) => token.weight)).toEqual([4, 3, 2]);
  });
});

describe('the wording signals in the core pack', () => {
  const ruleSet = compileRuleSet([loadCorePack()]);

  it('never raise risk above low on their own, however lure-like the wording', () => {
    // Lure-like wording with no rule match: one signal, so low at most.
    const result = scan('hi dear can you send your details, company in town, thank you dear', ruleSet);
    expect(result.findings.map((finding) => finding.rule)).toContain(WORDING_RULES.lure);
    expect(result.risk).toBe('low');
  });

  it('show the words that decided, once each, when lure wording counts', () => {
    const text = 'Hi dear, can you send your passport details? Salary is 3,000 USD per month, no experience needed.';
    const result = scan(text, ruleSet);
    const wording = result.decisive.filter((finding) => finding.rule === WORDING_RULES.lure);
    expect(wording.length).toBeGreaterThan(0);
    for (const finding of wording) {
      expect(text.slice(finding.start, finding.end)).toBe(finding.text);
      expect(wording.filter((other) => other.start < finding.end && finding.start < other.end)).toEqual([finding]);
    }
  });
});
