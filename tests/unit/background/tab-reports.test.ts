/** The badge and per-tab state, with WXT's fake browser. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearTab, storeFrameReport } from '../../../src/background/tab-reports';
import { scan, segmentText } from '../../../src/engine';
import { buildReport } from '../../../src/shared/report';
import { tabStateItem } from '../../../src/shared/settings';
import { coreRuleSet } from '../../helpers/core';

const ruleSet = coreRuleSet();
const reportOf = (text: string, url = 'https://jobs.example/ad') => {
  const segments = segmentText(text);
  return buildReport(scan(segments, ruleSet), segments, ruleSet, { url, host: new URL(url).hostname });
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

  it('adds frames of the same page and clears them for a new page or on navigation', async () => {
    await storeFrameReport(9, 0, reportOf('Work in Myawaddy.'));
    await storeFrameReport(9, 3, reportOf('Interview on Telegram only.', 'https://chat.example/w'));
    expect(Object.keys((await tabStateItem(9).getValue()).frames).sort()).toEqual(['0', '3']);
    await storeFrameReport(9, 0, reportOf('Another page.', 'https://jobs.example/other'));
    expect(Object.keys((await tabStateItem(9).getValue()).frames)).toEqual(['0']);
    await clearTab(9);
    expect((await tabStateItem(9).getValue()).frames).toEqual({});
    expect(await browser.action.getBadgeText({ tabId: 9 })).toBe('');
  });
});

describe('concurrent frames', () => {
  it('keeps every frame when several report at once', async () => {
    await Promise.all([
      storeFrameReport(11, 0, reportOf('Work in Myawaddy.')),
      storeFrameReport(11, 4, reportOf('Interview on Telegram only.', 'https://chat.example/a')),
      storeFrameReport(11, 5, reportOf('Free flights.', 'https://chat.example/b')),
    ]);
    expect(Object.keys((await tabStateItem(11).getValue()).frames).sort()).toEqual(['0', '4', '5']);
  });
});
