/** Messages from content scripts come from inside untrusted pages: only well-formed ones pass. */
import { describe, expect, it } from 'vitest';
import { scan, segmentText } from '../../../src/engine';
import { MAX_BLOCK_LENGTH, MAX_TEXTS_PER_MESSAGE } from '../../../src/shared/block-limits';
import { type BlockEntry, packEntry } from '../../../src/shared/block-entries';
import { parseContentMessage, parseFrameRequest } from '../../../src/shared/messages';
import { buildReport, pageReportSchema } from '../../../src/shared/report';
import { coreRuleSet } from '../../helpers/core';

const ruleSet = coreRuleSet();
const page = { url: 'https://x.example/', host: 'x.example', documentStart: 1000 };
const texts = [{ key: 'abc', text: 'Jobs in Myawaddy: $3,500 per month.' }];
const blocks = [{ key: 'abc' }, { key: 'abc.1', conversation: 0, sender: 5 }, { key: 'def', sender: -1 }];

/** Entries packed as a frame packs them. */
const packEntries = (entries: readonly BlockEntry[]) => entries.map(({ key, conversation, sender }) => packEntry(key, conversation, sender)).join(' ');

describe('parseContentMessage', () => {
  it('accepts texts, a skipped page and the bar actions', () => {
    for (const message of [{ type: 'page-texts', page, texts }, { type: 'page-skipped', page, reason: 'trusted' }, { type: 'open-explanation' }, { type: 'bar-hidden' }]) {
      expect(parseContentMessage(message)).toEqual(message);
    }
  });

  it("unpacks a frame's blocks or a change to them", () => {
    expect(parseContentMessage({ type: 'page-blocks', page, blocks: packEntries(blocks) })).toEqual({ type: 'page-blocks', page, blocks });
    const insert = [{ key: 'ghi', conversation: 0 }];
    expect(parseContentMessage({ type: 'page-blocks', page, more: true, change: { at: 3, remove: 1, insert: packEntries(insert) } })).toEqual({
      type: 'page-blocks',
      page,
      more: true,
      change: { at: 3, remove: 1, insert },
    });
  });

  it('rejects block lists that are not packed block entries', () => {
    for (const list of [blocks, 'abc  def', ' abc', 'abc,,-2', 'ABC', 'abc,1,x', `abc,,${MAX_BLOCK_LENGTH + 1}`, 'a<b']) {
      expect(parseContentMessage({ type: 'page-blocks', page, blocks: list })).toBeNull();
    }
  });

  it('rejects unknown types, missing fields and wrong types', () => {
    expect(parseContentMessage(null)).toBeNull();
    expect(parseContentMessage('page-blocks')).toBeNull();
    expect(parseContentMessage({ type: 'delete-everything' })).toBeNull();
    expect(parseContentMessage({ type: 'page-blocks', page })).toBeNull();
    expect(parseContentMessage({ type: 'page-blocks', page, blocks: 'abc', change: { at: 0, remove: 0, insert: '' } })).toBeNull();
    expect(parseContentMessage({ type: 'page-blocks', page, change: { at: -1, remove: 0, insert: '' } })).toBeNull();
    expect(parseContentMessage({ type: 'page-skipped', page, reason: 'bored' })).toBeNull();
    // Trusting a site is done in the popup: no page-side message can do it.
    expect(parseContentMessage({ type: 'trust-site', host: 'lure.example' })).toBeNull();
  });

  it('rejects texts longer than the content script cuts blocks, and more text in one message than it sends', () => {
    expect(parseContentMessage({ type: 'page-texts', page, texts: [{ key: 'a', text: 'x'.repeat(MAX_BLOCK_LENGTH + 1) }] })).toBeNull();
    const text = 'x'.repeat(MAX_BLOCK_LENGTH);
    const flood = Array.from({ length: Math.ceil(MAX_TEXTS_PER_MESSAGE / MAX_BLOCK_LENGTH) + 1 }, (_, i) => ({ key: `k${i}`, text }));
    expect(parseContentMessage({ type: 'page-texts', page, texts: flood })).toBeNull();
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

describe('parseFrameRequest', () => {
  it('takes a numbered request', () => {
    expect(parseFrameRequest({ id: 3, message: { type: 'bar-hidden' } })).toEqual({ id: 3, message: { type: 'bar-hidden' } });
    expect(parseFrameRequest({ id: 0, message: { type: 'page-texts', page, texts } })).toEqual({ id: 0, message: { type: 'page-texts', page, texts } });
  });

  it('keeps the number of a request whose message is malformed, so that it is still answered', () => {
    expect(parseFrameRequest({ id: 4, message: { type: 'trust-site', host: 'lure.example' } })).toEqual({ id: 4, message: null });
  });

  it('rejects what is not a request', () => {
    for (const request of [null, 'bar-hidden', { type: 'bar-hidden' }, { message: { type: 'bar-hidden' } }, { id: -1, message: { type: 'bar-hidden' } }, { id: 1.5, message: { type: 'bar-hidden' } }, { id: '1', message: { type: 'bar-hidden' } }]) {
      expect(parseFrameRequest(request)).toBeNull();
    }
  });
});
