import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/engine';
import { coreRuleSet } from '../../helpers/core';

const ruleSet = coreRuleSet();
const rulesFound = (input: string) => new Set(scan(input, ruleSet).findings.filter((f) => !f.negated).map((f) => f.rule));

describe('matching', () => {
  it('reports the original text and offsets of a match, even when obfuscated', () => {
    const input = 'Jobs in 缅-北 now';
    const place = scan(input, ruleSet).findings.find((f) => f.rule === 'place-northern-myanmar')!;
    expect(place.text).toBe('缅-北');
    expect(input.slice(place.start, place.end)).toBe('缅-北');
    expect(place.term).toBe('northern Myanmar');
  });

  it('tells disguised spellings from plain ones', () => {
    const place = (input: string) => scan(input, ruleSet).findings.find((f) => f.rule === 'place-northern-myanmar')!;
    expect(place('工作在缅北').obfuscated).toBe(false);
    expect(place('工作在缅-北').obfuscated).toBe(true);
    expect(place('工作在緬北').obfuscated).toBe(true);
    expect(scan('Ｔｅｌｅｇｒａｍ', ruleSet).findings[0]!.obfuscated).toBe(true);
    expect(scan('Telegram', ruleSet).findings[0]!.obfuscated).toBe(false);
  });

  it('matches misspelt place names fuzzily and names the canonical term', () => {
    for (const spelling of ['Myawady', 'Miyawaddy', 'Myawadi', 'Mya-waddy', '妙瓦迪']) {
      const finding = scan(`Office in ${spelling} branch`, ruleSet).findings.find((f) => f.rule === 'place-myawaddy');
      expect(finding, spelling).toBeDefined();
      expect(finding!.term).toBe('Myawaddy (Myanmar)');
    }
    const fuzzy = scan('Sales job in Sihanoukvile', ruleSet).findings.find((f) => f.rule === 'place-cambodia')!;
    expect(fuzzy.similarity).toBeLessThan(1);
    expect(fuzzy.similarity).toBeGreaterThan(0.8);
  });

  it('does not fuzzy-match ordinary words to place names', () => {
    expect(rulesFound('Mandarin interpreters wanted; Cambridge graduates welcome')).not.toContain('place-myanmar');
  });

  it('recognises evasion spellings of apps, gambling and money', () => {
    expect(rulesFound('加V信细聊')).toContain('chat-app-contact');
    expect(rulesFound('有意➕V详谈')).toContain('chat-app-contact');
    expect(rulesFound('菠菜内部方案')).toContain('gambling-venue');
    expect(rulesFound('月薪 2 万米 起')).toContain('job-high-pay');
    expect(rulesFound('高xin招聘 mian甸 公司')).toEqual(new Set(['job-high-pay', 'place-myanmar']));
  });

  it('matches Latin terms only as whole words', () => {
    expect(rulesFound('We sell online courses')).not.toContain('chat-app-contact');
  });

  it('cancels a negatable signal preceded by a negation in the same clause', () => {
    const findings = scan('本行不收取任何贷款手续费、保证金或解冻费。', ruleSet).findings.filter((f) => f.rule === 'upfront-fee');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.negated)).toBe(true);
    expect(rulesFound('放款前先交保证金')).toContain('upfront-fee');
    expect(rulesFound('We do not offer guaranteed returns.')).not.toContain('invest-guaranteed-return');
  });

  it('does not take a boast for a negation', () => {
    expect(rulesFound('Our robot never loses, 100% guaranteed profit.')).toContain('invest-guaranteed-return');
  });
});

describe('scoring', () => {
  it('rates a place name alone at most low', () => {
    expect(scan('Myawaddy is a town in Myanmar opposite Mae Sot.', ruleSet).risk).toBe('low');
    expect(scan('缅北', ruleSet).risk).toBe('low');
  });

  it('rates a single lure signal alone at most low', () => {
    expect(scan('My cousin earns $6k a month in Singapore.', ruleSet).risk).toBe('low');
    expect(scan('The word fraud appears here.', ruleSet).risk).toBe('none');
  });

  it('rates a combination of lure signals medium or high', () => {
    const result = scan('Data entry job in Myawaddy, salary $3000 per month, no experience needed, free flight and room. Contract signed on arrival, HR keeps your passport.', ruleSet);
    expect(result.risk).toBe('high');
    expect(result.category).toBe('job-abroad');
    expect(result.explanation.en).toMatch(/^High risk: this looks like a fake job abroad/);
    expect(result.explanation.zh).toContain('高风险');
  });

  it('lets news and warnings pull the risk down', () => {
    const lure = '高薪招聘，不要学历不要经验，月入三万，包吃包住，先出国再签合同。';
    expect(scan(lure, ruleSet).risk).not.toMatch(/none|low/);
    const warning = `警方提醒：${lure}这些都是诈骗分子的常用话术，请提高警惕，拨打96110咨询。`;
    const result = scan(warning, ruleSet);
    expect(result.risk).toBe('low');
    expect(result.explanation.en).toContain('lowers the risk');
  });

  it('combines signals only within a neighbourhood of segments', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} about the weather and local sports results.`);
    const apart = ['Salary $3,500 per month for chat agents.', ...filler, 'No experience needed, free flights.'].join('\n');
    expect(scan(apart, ruleSet).risk).toBe('low');
    const together = ['Salary $3,500 per month for chat agents.', 'No experience needed, free flights.'].join('\n');
    expect(scan(together, ruleSet).risk).not.toBe('low');
  });

  it('gives offsets in the whole input for segmented input', () => {
    const segments = [
      { text: 'Hello there', start: 0 },
      { text: 'Work in Sihanoukville', start: 100 },
    ];
    const finding = scan(segments, ruleSet).findings.find((f) => f.rule === 'place-cambodia')!;
    expect(finding.start).toBe(108);
    expect(finding.segment).toBe(1);
  });

  it('survives hostile input', () => {
    const hostile = ['\u200b'.repeat(10_000), '💰'.repeat(5000), 'a'.repeat(100_000), '\ud800\udfff\udc00', '$'.repeat(10_000)].join('\n');
    expect(() => scan(hostile, ruleSet)).not.toThrow();
    expect(scan('', ruleSet).risk).toBe('none');
  });
});

describe('hostile text', () => {
  it('scans text built to make the core patterns backtrack without hanging (such blocks froze a tab for 72 s)', () => {
    const text = ['sign', 'dorm', 'withdraw', 'copy', 'leave'].map((word) => word.repeat(8000 / word.length)).join('\n');
    const started = performance.now();
    const report = scan(text, ruleSet);
    // Well under a second for these 40,000 characters; a backtracking engine took minutes.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(report.risk).toMatch(/none|low/);
  });
});
