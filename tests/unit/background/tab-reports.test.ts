/** The badge and per-tab state, with WXT's fake browser. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearTab, closeTab, forgetFrameReport, storeFrameReport, written } from '../../../src/background/tab-reports';
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

/** The badge as the browser shows it, once every update is done. */
async function badgeOf(details: { tabId: number }) {
  await written();
  return browser.action.getBadgeText(details);
}

async function badgeColourOf(details: { tabId: number }) {
  await written();
  return browser.action.getBadgeBackgroundColor(details);
}

/** The tab's state as the popup reads it, once every write is done. */
async function storedState(tabId: number) {
  await written();
  return tabStateItem(tabId).getValue();
}

describe('tab reports', () => {
  it('shows the number of findings in a badge coloured by risk', async () => {
    const report = reportOf('Jobs in Myawaddy: $3,500 per month, no experience, free flights. Contract signed on arrival.');
    await storeFrameReport(7, 0, report);
    expect(await badgeOf({ tabId: 7 })).toBe(String(report.findings.length));
    expect(await badgeColourOf({ tabId: 7 })).toEqual([183, 28, 28, 255]);
  });

  it('shows nothing when nothing was found', async () => {
    await storeFrameReport(8, 0, reportOf('The weather is sunny.'));
    expect(await badgeOf({ tabId: 8 })).toBe('');
  });

  it('shows no badge for low findings, such as a news story about a scam compound (the popup still lists them)', async () => {
    const report = reportOf('Police broke up a scam compound in Myawaddy; victims were lured by fake jobs in Thailand.');
    expect(report.risk).toBe('low');
    expect(report.findings.length).toBeGreaterThan(0);
    await storeFrameReport(10, 0, report);
    expect(await badgeOf({ tabId: 10 })).toBe('');
    expect((await storedState(10)).frames['0']!.findings.length).toBe(report.findings.length);
  });

  it('adds frames of the same page and clears them for a new document or on navigation', async () => {
    await storeFrameReport(9, 0, reportOf('Work in Myawaddy.'));
    await storeFrameReport(9, 3, reportOf('Interview on Telegram only.', 'https://chat.example/w', 1050));
    expect(Object.keys((await storedState(9)).frames).sort()).toEqual(['0', '3']);
    // The page itself updates (a chat message): its frames stay.
    await storeFrameReport(9, 0, reportOf('Work in Myawaddy. More text.'));
    expect(Object.keys((await storedState(9)).frames).sort()).toEqual(['0', '3']);
    // A reload: a new top document drops the old page's frames.
    await storeFrameReport(9, 0, reportOf('Another page.', 'https://jobs.example/other', 2000));
    expect(Object.keys((await storedState(9)).frames)).toEqual(['0']);
    await clearTab(9);
    expect((await storedState(9)).frames).toEqual({});
    expect(await badgeOf({ tabId: 9 })).toBe('');
  });
});

describe('concurrent frames', () => {
  it('keeps a frame that reported before the page itself', async () => {
    await storeFrameReport(12, 0, reportOf('Old page.', 'https://shop.example/', 500));
    await storeFrameReport(12, 6, reportOf('Interview on Telegram only.', 'https://chat.example/a', 1100));
    await storeFrameReport(12, 0, reportOf('Garden furniture.', 'https://shop.example/', 1000));
    expect(Object.keys((await storedState(12)).frames).sort()).toEqual(['0', '6']);
  });

  it('keeps every frame when several report at once', async () => {
    await Promise.all([
      storeFrameReport(11, 0, reportOf('Work in Myawaddy.')),
      storeFrameReport(11, 4, reportOf('Interview on Telegram only.', 'https://chat.example/a')),
      storeFrameReport(11, 5, reportOf('Free flights.', 'https://chat.example/b')),
    ]);
    expect(Object.keys((await storedState(11)).frames).sort()).toEqual(['0', '4', '5']);
  });
});

describe('navigation', () => {
  it('forgets the old page but not a new page that reported before the loading event arrived', async () => {
    await storeFrameReport(13, 0, reportOf('Work in Myawaddy.', 'https://a.example/', 100));
    await clearTab(13, 'https://b.example/');
    expect((await storedState(13)).frames).toEqual({});
    await storeFrameReport(13, 0, reportOf('Work in Myawaddy.', 'https://b.example/', 200));
    await clearTab(13, 'https://b.example/');
    expect(Object.keys((await storedState(13)).frames)).toEqual(['0']);
  });
});

describe('bounded state', () => {
  const lure = 'Jobs in Myawaddy: $3,500 per month, no experience, free flights. Contract signed on arrival. Interview on Telegram only.';

  it('does not store frames that found nothing', async () => {
    await storeFrameReport(20, 0, reportOf('Garden furniture.'));
    for (let frame = 1; frame <= 30; frame++) await storeFrameReport(20, frame, reportOf('An advert for shoes.', 'https://ads.example/', 1100));
    expect(Object.keys((await storedState(20)).frames)).toEqual(['0']);
  });

  it('caps the findings of all frames together, the worst frames keeping theirs', async () => {
    const many = Array.from({ length: 60 }, () => lure).join('\n');
    await storeFrameReport(21, 0, reportOf('Garden furniture. Free flights.'));
    for (let frame = 1; frame <= 8; frame++) await storeFrameReport(21, frame, reportOf(many, 'https://chat.example/', 1100));
    const { frames } = await storedState(21);
    const total = Object.values(frames).reduce((sum, report) => sum + report.findings.length, 0);
    expect(total).toBeLessThanOrEqual(200);
    expect(frames['1']!.findings.length).toBeGreaterThan(0);
    // Every finding kept still has its rule's explanation.
    for (const report of Object.values(frames)) for (const finding of report.findings) expect(report.rules[finding.rule]).toBeDefined();
    expect(await badgeOf({ tabId: 21 })).toBe(total > 99 ? '99+' : String(total));
  });

  it('forgets a frame that went away, and tells the new verdict', async () => {
    await storeFrameReport(22, 0, reportOf('Garden furniture.'));
    await storeFrameReport(22, 4, reportOf(lure, 'https://chat.example/', 1100));
    expect(await badgeOf({ tabId: 22 })).not.toBe('');
    // A port closing for an older document of the frame changes nothing.
    await forgetFrameReport(22, 4, 900);
    expect(Object.keys((await storedState(22)).frames).sort()).toEqual(['0', '4']);
    const verdict = await forgetFrameReport(22, 4, 1100);
    expect(verdict.risk).toBe('none');
    expect(Object.keys((await storedState(22)).frames)).toEqual(['0']);
    expect(await badgeOf({ tabId: 22 })).toBe('');
  });

  it('never writes a closed tab\'s state again, even for a report already on its way', async () => {
    const late = storeFrameReport(23, 0, reportOf(lure));
    const closing = closeTab(23);
    const later = storeFrameReport(23, 2, reportOf(lure, 'https://chat.example/', 1100));
    await Promise.all([late, closing, later]);
    expect((await storedState(23)).frames).toEqual({});
  });
});
