/** The badge and per-tab state, with WXT's fake browser. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearTab, storeFrameReport } from '../../../src/background/tab-reports';
import { scan, segmentText } from '../../../src/engine';
import { buildReport } from '../../../src/shared/report';
import { tabStateItem } from '../../../src/shared/session-state';
import { coreRuleSet } from '../../helpers/core';

const ruleSet = coreRuleSet();
/** A report as a frame sends it; documentStart is when the frame's document started. */
const reportOf = (text: string, url = 'https://jobs.example/ad', documentStart = 1000) => {
  const segments = segmentText(text);
  return { ...buildReport(scan(segments, ruleSet), segments, ruleSet, { url, host: new URL(url).hostname }), documentStart };
};

beforeEach(() => fakeBrowser.reset());

describe('tab reports', () => {
  it('shows the number of findings in a badge coloured by risk', async () => {
    const report = reportOf('Jobs in Myawaddy: $3,500 per month, no experience, free flights. Contract signed on arrival.');
    await storeFrameReport(7, 0, report);
    expect(await browser.action.getBadgeText({ tabId: 7 })).toBe(String(report.findings.length));
    expect(await browser.action.getBadgeBackgroundColor({ tabId: 7 })).toEqual([183, 28, 28, 255]);
  });

  it('shows nothing when nothing was found', async () => {
    await storeFrameReport(8, 0, reportOf('The weather is sunny.'));
    expect(await browser.action.getBadgeText({ tabId: 8 })).toBe('');
  });

  it('adds frames of the same page and clears them for a new document or on navigation', async () => {
    await storeFrameReport(9, 0, reportOf('Work in Myawaddy.'));
    await storeFrameReport(9, 3, reportOf('Interview on Telegram only.', 'https://chat.example/w', 1050));
    expect(Object.keys((await tabStateItem(9).getValue()).frames).sort()).toEqual(['0', '3']);
    // The page itself updates (a chat message): its frames stay.
    await storeFrameReport(9, 0, reportOf('Work in Myawaddy. More text.'));
    expect(Object.keys((await tabStateItem(9).getValue()).frames).sort()).toEqual(['0', '3']);
    // A reload: a new top document drops the old page's frames.
    await storeFrameReport(9, 0, reportOf('Another page.', 'https://jobs.example/other', 2000));
    expect(Object.keys((await tabStateItem(9).getValue()).frames)).toEqual(['0']);
    await clearTab(9);
    expect((await tabStateItem(9).getValue()).frames).toEqual({});
    expect(await browser.action.getBadgeText({ tabId: 9 })).toBe('');
  });
});

describe('concurrent frames', () => {
  it('keeps a frame that reported before the page itself', async () => {
    await storeFrameReport(12, 0, reportOf('Old page.', 'https://shop.example/', 500));
    await storeFrameReport(12, 6, reportOf('Interview on Telegram only.', 'https://chat.example/a', 1100));
    await storeFrameReport(12, 0, reportOf('Garden furniture.', 'https://shop.example/', 1000));
    expect(Object.keys((await tabStateItem(12).getValue()).frames).sort()).toEqual(['0', '6']);
  });

  it('keeps every frame when several report at once', async () => {
    await Promise.all([
      storeFrameReport(11, 0, reportOf('Work in Myawaddy.')),
      storeFrameReport(11, 4, reportOf('Interview on Telegram only.', 'https://chat.example/a')),
      storeFrameReport(11, 5, reportOf('Free flights.', 'https://chat.example/b')),
    ]);
    expect(Object.keys((await tabStateItem(11).getValue()).frames).sort()).toEqual(['0', '4', '5']);
  });
});

describe('navigation', () => {
  it('forgets the old page but not a new page that reported before the loading event arrived', async () => {
    await storeFrameReport(13, 0, reportOf('Work in Myawaddy.', 'https://a.example/', 100));
    await clearTab(13, 'https://b.example/');
    expect((await tabStateItem(13).getValue()).frames).toEqual({});
    await storeFrameReport(13, 0, reportOf('Work in Myawaddy.', 'https://b.example/', 200));
    await clearTab(13, 'https://b.example/');
    expect(Object.keys((await tabStateItem(13).getValue()).frames)).toEqual(['0']);
  });
});
