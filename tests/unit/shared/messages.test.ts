/** Messages from content scripts come from inside untrusted pages: only well-formed ones pass. */
import { describe, expect, it } from 'vitest';
import { scan, segmentText } from '../../../src/engine';
import { MAX_BLOCK_LENGTH, MAX_PAGE_CHARACTERS } from '../../../src/shared/block-limits';
import { parseContentMessage } from '../../../src/shared/messages';
import { buildReport, pageReportSchema } from '../../../src/shared/report';
import { coreRuleSet } from '../../helpers/core';

const ruleSet = coreRuleSet();
const page = { url: 'https://x.example/', host: 'x.example', documentStart: 1000 };
const blocks = [
  { key: 'abc', text: 'Jobs in Myawaddy: $3,500 per month.' },
  { key: 'abc.1', conversation: 0, sender: 5 },
  { key: 'def', sender: -1 },
];

describe('parseContentMessage', () => {
  it('accepts a frame\'s blocks, a skipped page and the bar actions', () => {
    expect(parseContentMessage({ type: 'page-blocks', page, blocks })).toEqual({ type: 'page-blocks', page, blocks });
    expect(parseContentMessage({ type: 'page-skipped', page, reason: 'trusted' })).toEqual({ type: 'page-skipped', page, reason: 'trusted' });
    expect(parseContentMessage({ type: 'open-explanation' })).toEqual({ type: 'open-explanation' });
    expect(parseContentMessage({ type: 'trust-site', host: 'x.example' })).toEqual({ type: 'trust-site', host: 'x.example' });
  });

  it('rejects unknown types, missing fields and wrong types', () => {
    expect(parseContentMessage(null)).toBeNull();
    expect(parseContentMessage('page-blocks')).toBeNull();
    expect(parseContentMessage({ type: 'delete-everything' })).toBeNull();
    expect(parseContentMessage({ type: 'page-blocks', page })).toBeNull();
    expect(parseContentMessage({ type: 'page-blocks', page, blocks: [{ key: '' }] })).toBeNull();
    expect(parseContentMessage({ type: 'page-blocks', page, blocks: [{ key: 'a', sender: -2 }] })).toBeNull();
    expect(parseContentMessage({ type: 'page-skipped', page, reason: 'bored' })).toBeNull();
    expect(parseContentMessage({ type: 'trust-site', host: '' })).toBeNull();
  });

  it('rejects blocks longer than the content script cuts them, and more text than a page is read for', () => {
    expect(parseContentMessage({ type: 'page-blocks', page, blocks: [{ key: 'a', text: 'x'.repeat(MAX_BLOCK_LENGTH + 1) }] })).toBeNull();
    const count = Math.ceil(MAX_PAGE_CHARACTERS / MAX_BLOCK_LENGTH) + 1;
    const text = 'x'.repeat(MAX_BLOCK_LENGTH);
    const flood = Array.from({ length: count }, (_, i) => ({ key: `k${i}`, text }));
    expect(parseContentMessage({ type: 'page-blocks', page, blocks: flood })).toBeNull();
  });
});

describe('reports', () => {
  it('keep the verdict of a page with a huge address or a match padded with invisible characters, within their limits', () => {
    const plain = 'Jobs in Myawaddy: $3,500 per month, no experience, free flights. Contract signed on arrival.';
    const padded = plain.replace('no experience', `no experi${'\u200b'.repeat(3000)}ence`);
    const reportOf = (text: string, url: string) => {
      const segments = segmentText(text);
      return buildReport(scan(segments, ruleSet), segments, ruleSet, { url, host: 'x.example' });
    };
    const built = reportOf(padded, `https://x.example/jobs#${'a'.repeat(9000)}`);
    expect(pageReportSchema.safeParse(built).success).toBe(true);
    expect(built.risk).toBe(reportOf(plain, 'https://x.example/').risk);
    expect(built.url).toBe('https://x.example/jobs');
    expect(built.findings.some((finding) => finding.rule === 'job-no-experience')).toBe(true);
  });
});
