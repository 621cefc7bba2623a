/**
 * The built extension in real Chromium, looked at as a person would: pages served from a local
 * server, the badge, the highlights, the warning bar, the popup. Screenshots of the popup and
 * the warning bar are saved in test-artifacts/.
 */
import { isFlagged } from '../../src/engine/types';
import { CHAT_LURE, CHAT_PITCH } from '../fixtures/chat-pitch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorePack } from '../helpers/core';
import {
  ARTIFACTS,
  appendMessage,
  type ExtensionBrowser,
  badgeOf,
  frameFindingsOf,
  highlightBackground,
  highlightCount,
  launchWithExtension,
  setStorage,
  stopServiceWorker,
  tabIdOf,
  workerStartedAgain,
  waitForReport,
  warningBarOf,
  clickInWarningBar,
} from './support/browser';
import { extensionSession } from './support/session';

const session = extensionSession();

const { open } = session;


describe('pages', () => {
  it('flags an English job lure: badge, highlights and warning bar', async () => {
    const { page, tabId } = await open('/job-board-en.html');
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    expect(report.risk).toBe('high');
    expect(Number(await badgeOf(session.browser.worker, tabId))).toBeGreaterThan(0);
    await expect.poll(() => highlightCount(page)).toBeGreaterThan(0);
    // Painted, not only registered: the page's highlight styles come from the manifest.
    expect(await highlightBackground(page)).toBe('rgba(255, 193, 7, 0.45)');
    const bar = await warningBarOf(page);
    expect(bar).toMatchObject({ risk: 'high' });
    expect(bar!.text).toContain('looks like a fake job abroad');
    await page.close();
  });

  it('flags a Chinese job lure', async () => {
    const { page, tabId } = await open('/job-board-zh.html');
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    expect(report.findings.map((f) => f.text)).toEqual(expect.arrayContaining(['柬埔寨', '包吃包住']));
    expect(await badgeOf(session.browser.worker, tabId)).not.toBe('');
    await expect.poll(() => highlightCount(page)).toBeGreaterThan(0);
    expect(await warningBarOf(page)).not.toBeNull();
    await page.close();
  });

  it('does not warn on a news article about a fraud crackdown', async () => {
    const { page, tabId } = await open('/news-crackdown.html');
    const report = await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    expect(report.risk).toMatch(/^(none|low)$/);
    expect(await warningBarOf(page)).toBeNull();
    expect(await highlightCount(page)).toBe(0);
    await page.close();
  });

  it('flags chat messages as they arrive after load', async () => {
    const { page, tabId } = await open('/chat.html');
    const first = await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    expect(first.risk).toMatch(/^(none|low)$/);

    await appendMessage(page, CHAT_LURE);
    const second = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    expect(second.findings.some((f) => f.text === 'Sihanoukville')).toBe(true);

    await appendMessage(page, '老师带单，稳赚不赔，日收益5%，加V信进群。');
    const third = await waitForReport(session.browser.worker, tabId, (r) => r.findings.some((f) => f.text === '稳赚不赔'));
    expect(isFlagged(third.risk)).toBe(true);
    expect(third.findings.some((f) => f.text === 'Sihanoukville')).toBe(true);
    expect(await warningBarOf(page)).not.toBeNull();
    await page.close();
  });

  it('flags a chat message that arrives after the browser stopped the background', async () => {
    const { page, tabId } = await open('/chat.html');
    await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    await stopServiceWorker(session.browser, page);
    // The message wakes a background that knows nothing of the page: it asks for all of it again.
    await appendMessage(page, CHAT_LURE);
    await expect.poll(() => workerStartedAgain(session.browser), { timeout: 15_000 }).toBe(true);
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    expect(report.findings.some((f) => f.text === 'Sihanoukville')).toBe(true);
    await expect.poll(() => warningBarOf(page)).not.toBeNull();
    await page.close();
  });

  it('flags a lure that builds up over several messages of one conversation, not a sender\'s name', async () => {
    const { page, tabId } = await open('/chat-named.html');
    await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    // No message says it all; together they are a job-abroad lure.
    for (const [who, text] of CHAT_PITCH) await appendMessage(page, who, text);
    // The tab may be flagged before the last messages are judged; wait for the one that asks for the passport.
    const report = await waitForReport(session.browser.worker, tabId, (r) => r.findings.some((f) => /passport/i.test(f.text)));
    expect(isFlagged(report.risk)).toBe(true);
    // Sender names are not read as part of the messages.
    expect(report.findings.some((f) => f.text.includes('Mia'))).toBe(false);
    await page.close();
  });

  it('runs on a page without errors in the console', async () => {
    const page = await session.browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      // The test server has no favicon: a missing resource is the page's, not a script error.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const url = `${session.server.origin}/job-board-en.html`;
    const since = Date.now();
    await page.goto(url);
    const tabId = await tabIdOf(session.browser.worker, url, 15_000, since);
    await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps up with a page that adds 16,000 items at once (infinite scroll, chat history)', async () => {
    const { page, tabId } = await open('/chat.html');
    await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    await page.evaluate(() => {
      const list = document.getElementById('messages')!;
      const items = Array.from({ length: 16_000 }, (_, i) => {
        const bubble = document.createElement('div');
        bubble.className = 'bubble';
        bubble.textContent = `Old message number ${i}: see you at lunch.`;
        return bubble;
      });
      list.append(...items);
    });
    await appendMessage(page, CHAT_LURE);
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk), 15_000);
    expect(report.scanned.blocks).toBeGreaterThan(16_000);
    await page.close();
  });

  it('still flags a new message on a page whose text changes every 20 ms', async () => {
    const { page, tabId } = await open('/ticking-chat.html');
    await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    await page.waitForTimeout(500);
    await appendMessage(page, CHAT_LURE);
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk), 5_000);
    expect(report.findings.some((f) => f.text === 'Sihanoukville')).toBe(true);
    await page.close();
  });

  it('reads text in open shadow roots, frames and aria-hidden elements (shown on screen), and skips hidden text', async () => {
    const { page, tabId } = await open('/shadow-and-frames.html');
    const report = await waitForReport(session.browser.worker, tabId, (r) => r.findings.length > 0);
    const texts = report.findings.map((f) => f.text);
    expect(texts).toContain('Sihanoukville');
    expect(texts).toContain('Golden Triangle');
    expect(texts).not.toContain('Myawaddy');
    // The iframe reports on its own, as another frame of the same tab.
    await expect.poll(async () => Object.entries(await frameFindingsOf(session.browser.worker, tabId)).some(([frame, found]) => frame !== '0' && found.includes('Telegram'))).toBe(true);
    await page.close();
  });

  it('starts over after a single-page-app navigation', async () => {
    const { page, tabId } = await open('/spa.html');
    await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    await expect.poll(() => warningBarOf(page)).not.toBeNull();
    await page.evaluate(() =>
      (window as unknown as { navigateTo(path: string, html: string): void }).navigateTo('/spa/weather', '<h1>Weather</h1><p>Sunny with light winds.</p>'),
    );
    const next = await waitForReport(session.browser.worker, tabId, (r) => r.url.endsWith('/spa/weather'));
    expect(next.risk).toBe('none');
    expect(next.findings).toEqual([]);
    await expect.poll(() => warningBarOf(page)).toBeNull();
    expect(await highlightCount(page)).toBe(0);
    await page.close();
  });

  it('docks the bar clear of the page heading; a person can minimize, expand and dismiss it', async () => {
    const { page, tabId } = await open('/job-board-en.html');
    await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    await expect.poll(() => warningBarOf(page)).toMatchObject({ visible: true, minimized: false });
    // The page's own top (its heading) is not under the bar.
    const headingOnTop = await page.evaluate(() => {
      const heading = document.querySelector('h1')!.getBoundingClientRect();
      return document.elementFromPoint(heading.left + 5, heading.top + heading.height / 2)?.closest('h1') !== null;
    });
    expect(headingOnTop).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/warning-bar-en.png` });

    await clickInWarningBar(page, 'button.minimize');
    await expect.poll(() => warningBarOf(page)).toMatchObject({ minimized: true, visible: true });
    expect((await warningBarOf(page))!.text).toContain('high risk');
    await clickInWarningBar(page, 'button.expand');
    await expect.poll(() => warningBarOf(page)).toMatchObject({ minimized: false });
    await clickInWarningBar(page, 'button.dismiss');
    await expect.poll(() => warningBarOf(page)).toBeNull();
    await page.reload();
    await expect.poll(() => warningBarOf(page)).not.toBeNull();
    // Trusting a site is for the popup, out of the page's reach.
    expect((await warningBarOf(page))!.text).not.toMatch(/trust/i);
    await page.close();
  });

  it('raises the bar in the page when a lure is in a chat frame', async () => {
    const { page, tabId } = await open('/chat-widget.html');
    await expect.poll(async () => Object.entries(await frameFindingsOf(session.browser.worker, tabId)).some(([frame, found]) => frame !== '0' && found.includes('Myawaddy'))).toBe(true);
    const own = await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    expect(own.risk).toMatch(/^(none|low)$/);
    await expect.poll(() => warningBarOf(page)).toMatchObject({ risk: 'high' });
    await page.close();
  });

  it('does not scan a trusted site', async () => {
    await setStorage(session.browser.worker, { trustedSites: ['localhost'] });
    try {
      const { page, tabId } = await open('/job-board-en.html', session.server.otherOrigin);
      const report = await waitForReport(session.browser.worker, tabId, () => true);
      expect(report.skipped).toBe('trusted');
      expect(report.findings).toEqual([]);
      expect(await badgeOf(session.browser.worker, tabId)).toBe('');
      expect(await warningBarOf(page)).toBeNull();
      expect(await highlightCount(page)).toBe(0);
      await page.close();
    } finally {
      await setStorage(session.browser.worker, { trustedSites: [] });
    }
  });
});

describe('popup', () => {
  it('explains a lure tab and links to the sourced cases', async () => {
    const { page: lure, tabId } = await open('/job-board-en.html');
    await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    const popup = await session.browser.context.newPage();
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.locator('.verdict h1').first().textContent()).toContain('High risk: looks like a fake job abroad');
    expect(await popup.locator('.verdict .explanation').first().textContent()).toContain('Signals found together');
    expect(await popup.locator('.rule').count()).toBeGreaterThan(3);
    expect(await popup.locator('.rule summary').first().textContent()).toBe('Why it matters');
    expect(await popup.locator('.rule .why').first().textContent()).toMatch(/\w+/);
    // What to do and where to get help come before the evidence.
    expect(await popup.locator('.what-to-do .advice li').first().textContent()).toContain('passport');
    expect(await popup.locator('.what-to-do .help-line').count()).toBe(5);

    const links = await popup.locator('.sources a').evaluateAll((anchors) => anchors.map((a) => ({ href: a.getAttribute('href'), target: a.getAttribute('target') })));
    const sourceUrls = new Set(loadCorePack().sources.map((s) => s.url));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(sourceUrls.has(link.href!)).toBe(true);
      expect(link.target).toBe('_blank');
    }
    await popup.screenshot({ path: `${ARTIFACTS}/popup-en.png`, fullPage: true });

    // "Show on page" scrolls to the match in the page and flashes it.
    await popup.locator('.rule[data-rule="place-border-transit"] button.show').first().click();
    await expect
      .poll(() => lure.evaluate(() => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('lureguard-flash')?.size ?? 0), { timeout: 5000, interval: 50 })
      .toBe(1);
    expect(await lure.evaluate(() => [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('lureguard-flash')!][0]!.toString())).toBe('Mae Sot');
    await popup.close();
    await lure.close();
  });

  it('checks a pasted message', async () => {
    const popup = await session.browser.context.newPage();
    await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html?tab=999999`);
    // Pasted text must not go to a browser's cloud spell-checker.
    expect(await popup.locator('#message-text').evaluate((box) => (box as HTMLTextAreaElement).spellcheck)).toBe(false);
    await popup.locator('#message-text').fill('你好，我们在缅北招客服，月薪3万，包吃包住，零经验，到了再签合同，加V信详谈。');
    await popup.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => popup.locator('.check-result .verdict h1').textContent()).toContain('High risk');
    expect(await popup.locator('.check-result .rule').count()).toBeGreaterThan(2);
    await popup.close();
  });
});

describe('Chinese UI', () => {
  let zh: ExtensionBrowser;
  beforeAll(async () => {
    zh = await launchWithExtension({ lang: 'zh-CN' });
  });
  afterAll(async () => {
    await zh?.close();
  });

  it('shows the warning bar and the popup in Simplified Chinese', async () => {
    const page = await zh.context.newPage();
    const url = `${session.server.origin}/job-board-zh.html`;
    await page.goto(url);
    const tabId = await tabIdOf(zh.worker, url);
    await waitForReport(zh.worker, tabId, (r) => isFlagged(r.risk));
    await expect.poll(async () => (await warningBarOf(page))?.text ?? '').toContain('此页面疑似');
    await page.screenshot({ path: `${ARTIFACTS}/warning-bar-zh.png` });
    const popup = await zh.context.newPage();
    await popup.setViewportSize({ width: 420, height: 900 });
    await popup.goto(`chrome-extension://${zh.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.locator('.verdict h1').first().textContent()).toMatch(/^高风险：疑似/);
    expect(await popup.locator('.rule summary').first().textContent()).toContain('为什么危险');
    // A Chinese (mainland) browser names 110 and 96110 first.
    expect(await popup.locator('.what-to-do .help-lines .help-line').first().getAttribute('data-region')).toBe('CN');
    expect(await popup.locator('.check-message h2').textContent()).toBe('检查一条消息');
    await popup.screenshot({ path: `${ARTIFACTS}/popup-zh.png`, fullPage: true });
    await popup.close();
    await page.close();
  });
});
