/** Messages from content scripts come from inside untrusted pages: only well-formed ones pass. */
import { describe, expect, it } from 'vitest';
import { scan, segmentText } from '../../../src/engine';
import { parseContentMessage } from '../../../src/shared/messages';
import { buildReport } from '../../../src/shared/report';
import { coreRuleSet } from '../../helpers/core';

const ruleSet = coreRuleSet();
const segments = segmentText('Jobs in Myawaddy: $3,500 per month, no experience, free flights. Contract signed on arrival.');
const report = buildReport(scan(segments, ruleSet), segments, ruleSet, { url: 'https://x.example/', host: 'x.example' });

describe('parseContentMessage', () => {
  it('accepts a real page report and the bar actions', () => {
    expect(parseContentMessage({ type: 'page-report', report })).toEqual({ type: 'page-report', report });
    expect(parseContentMessage({ type: 'open-explanation' })).toEqual({ type: 'open-explanation' });
    expect(parseContentMessage({ type: 'trust-site', host: 'x.example' })).toEqual({ type: 'trust-site', host: 'x.example' });
  });

  it('rejects unknown types, missing fields and wrong types', () => {
    expect(parseContentMessage(null)).toBeNull();
    expect(parseContentMessage('page-report')).toBeNull();
    expect(parseContentMessage({ type: 'delete-everything' })).toBeNull();
    expect(parseContentMessage({ type: 'page-report' })).toBeNull();
    expect(parseContentMessage({ type: 'page-report', report: { ...report, risk: 'catastrophic' } })).toBeNull();
    expect(parseContentMessage({ type: 'trust-site', host: '' })).toBeNull();
  });

  it('rejects source links that are not web links (the popup renders them as links)', () => {
    const rule = Object.keys(report.rules)[0]!;
    const hostile = structuredClone(report);
    hostile.rules[rule]!.sources = [{ ...hostile.rules[rule]!.sources[0]!, url: 'javascript:alert(1)' }];
    expect(parseContentMessage({ type: 'page-report', report: hostile })).toBeNull();
  });

  it('keeps the verdict of a page with a huge address or a match padded with invisible characters', () => {
    const padded = `Jobs in Myawaddy: $3,500 per month, no experi${'\u200b'.repeat(3000)}ence, free flights. Contract signed on arrival.`;
    const paddedSegments = segmentText(padded);
    const url = `https://x.example/jobs#${'a'.repeat(9000)}`;
    const built = buildReport(scan(paddedSegments, ruleSet), paddedSegments, ruleSet, { url, host: 'x.example' });
    const parsed = parseContentMessage({ type: 'page-report', report: built });
    expect(parsed).not.toBeNull();
    expect(built.risk).toBe(report.risk);
    expect(built.url).toBe('https://x.example/jobs');
    expect(built.findings.some((finding) => finding.rule === 'job-no-experience')).toBe(true);
  });

  it('rejects oversized reports', () => {
    const flood = { ...report, findings: Array.from({ length: 10_000 }, () => report.findings[0]!) };
    expect(parseContentMessage({ type: 'page-report', report: flood })).toBeNull();
  });
});
