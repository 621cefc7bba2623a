/**
 * Pages built to fool Lureguard, in real Chromium with the built extension: none of them may
 * switch it off, keep it from reading text, or leave stale reports behind.
 */
import { describe, expect, it } from 'vitest';
import { isFlagged } from '../../src/engine/types';
import { CHAT_LURE } from '../fixtures/chat-pitch';
import {
  appendMessage,
  badgeOf,
  clickInWarningBar,
  frameFindingsOf,
  highlightedTexts,
  notificationsOf,
  reportOf,
  storageOf,
  waitForReport,
  warningBarOf,
} from './support/browser';
import { extensionSession } from './support/session';

const session = extensionSession();

const { open } = session;


describe('hostile pages', () => {
  it('cannot switch Lureguard off with echoed messages or fake events, nor learn its id', async () => {
    const { page, tabId } = await open('/hostile-switch-off.html');
    await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    // Let the page fire its fake events for a while before the lure arrives.
    await page.waitForFunction(() => (window as unknown as { fakeEvents: number }).fakeEvents > 100);
    await appendMessage(page, CHAT_LURE);
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk), 5_000);
    expect(report.findings.some((f) => f.text === 'Sihanoukville')).toBe(true);
    await expect.poll(() => warningBarOf(page)).not.toBeNull();
    // A dismissed bar stays dismissed under fake navigation events.
    await clickInWarningBar(page, 'button.dismiss');
    await page.waitForTimeout(800);
    expect(await warningBarOf(page)).toBeNull();
    const seen = await page.evaluate(() => (window as unknown as { seenMessages: string[] }).seenMessages);
    expect(seen.filter((message) => message.includes(session.browser.extensionId) || message.includes('content-script'))).toEqual([]);
    await page.close();
  });

  it('reads a chat widget that attaches its shadow root after the page was read', async () => {
    const { page, tabId } = await open('/late-shadow-chat.html');
    const first = await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    expect(first.risk).toMatch(/^(none|low)$/);
    await page.waitForFunction(() => !!(window as unknown as { chatLog?: Element }).chatLog);
    await page.evaluate((text) => (window as unknown as { appendToWidget(t: string): void }).appendToWidget(text), CHAT_LURE);
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk), 8_000);
    expect(report.findings.some((f) => f.text === 'Sihanoukville')).toBe(true);
    await page.close();
  });

  it('reads a lure the page shows only after it was read, by removing the attribute that hid it', async () => {
    const { page, tabId } = await open('/revealed-later.html');
    const first = await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    expect(first.risk).toMatch(/^(none|low)$/);
    await page.evaluate(() => (window as unknown as { reveal(): void }).reveal());
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk), 5_000);
    expect(report.findings.some((f) => f.text === 'Sihanoukville')).toBe(true);
    await expect.poll(() => warningBarOf(page)).not.toBeNull();
    // Hidden again: no longer read, no longer flagged.
    await page.evaluate(() => (window as unknown as { hideAgain(): void }).hideAgain());
    await waitForReport(session.browser.worker, tabId, (r) => !isFlagged(r.risk), 5_000);
    await page.close();
  });

  it('reads a lure the page shows only after it was read, by changing a class its stylesheet hides it with', async () => {
    const { page, tabId } = await open('/revealed-by-class.html');
    const first = await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    expect(first.risk).toMatch(/^(none|low)$/);
    await page.evaluate(() => (window as unknown as { reveal(): void }).reveal());
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk), 5_000);
    expect(report.findings.some((f) => f.text === 'Sihanoukville')).toBe(true);
    await expect.poll(() => highlightedTexts(page)).toContain('Sihanoukville');
    // The same for an inline element (a custom one): its box is a line's, not a block's.
    expect(report.findings.some((f) => f.text === 'Golden Triangle')).toBe(false);
    await page.evaluate(() => (window as unknown as { showNote(): void }).showNote());
    await waitForReport(session.browser.worker, tabId, (r) => r.findings.some((f) => f.text === 'Golden Triangle'), 5_000);
    await page.close();
  });

  it('reads a lure the page shows only after it was read, by opening a dialog', async () => {
    const { page, tabId } = await open('/revealed-by-class.html');
    const first = await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    expect(first.findings.some((f) => f.text === '柬埔寨')).toBe(false);
    await page.evaluate(() => (window as unknown as { openNotice(): void }).openNotice());
    const report = await waitForReport(session.browser.worker, tabId, (r) => r.findings.some((f) => f.text === '柬埔寨'), 5_000);
    expect(isFlagged(report.risk)).toBe(true);
    await page.close();
  });

  it('reads a lure the page shows only after it was read, by a stylesheet it adds, or by the fragment of its address', async () => {
    const { page, tabId } = await open('/revealed-by-class.html');
    const first = await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    expect(first.findings.some((f) => f.text === 'Myawaddy' || f.text === 'KK Park')).toBe(false);
    await page.evaluate(() => (window as unknown as { addStyle(): void }).addStyle());
    await waitForReport(session.browser.worker, tabId, (r) => r.findings.some((f) => f.text === 'Myawaddy'), 5_000);
    await page.evaluate(() => (location.hash = 'apply'));
    const report = await waitForReport(session.browser.worker, tabId, (r) => r.findings.some((f) => f.text === 'KK Park'), 5_000);
    expect(isFlagged(report.risk)).toBe(true);
    await page.close();
  });

  it('reads a lure the page adds to a section it hid after it was read, once it shows the section again', async () => {
    const { page, tabId } = await open('/revealed-by-class.html');
    const first = await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    expect(first.findings.some((f) => f.text === 'Poipet')).toBe(false);
    await page.evaluate(() => (window as unknown as { hideAddShow(): void }).hideAddShow());
    const report = await waitForReport(session.browser.worker, tabId, (r) => r.findings.some((f) => f.text === 'Poipet'), 5_000);
    expect(isFlagged(report.risk)).toBe(true);
    await page.close();
  });

  it('reads a lure its markup hides but its stylesheet shows, and one in a hidden section that shows itself', async () => {
    session.server.set(
      '/shown-anyway.html',
      `<!doctype html><html><head><style>[hidden].shown-anyway { display: block; } .ghost { visibility: hidden; } .ghost .seen { visibility: visible; }</style></head><body>
      <h1>Teak &amp; Oak</h1><p>Garden furniture since 1998.</p>
      <div hidden class="shown-anyway"><p>Agents wanted in Shwe Kokko, USD 3,800 per month, contact HR on Telegram.</p></div>
      <div class="ghost"><p class="seen">海外高薪招聘，工作地点妙瓦底，包吃包住，无需经验。</p></div>
      </body></html>`,
    );
    const { page, tabId } = await open('/shown-anyway.html');
    const report = await waitForReport(session.browser.worker, tabId, (r) => r.findings.some((f) => f.text.toLowerCase() === 'shwe kokko') && r.findings.some((f) => f.text === '妙瓦底'), 5_000);
    expect(isFlagged(report.risk)).toBe(true);
    await page.close();
  });

  it('reads a lure the page draws as the text of a picture (SVG) instead of writing it', async () => {
    session.server.set(
      '/drawn-lure.html',
      `<!doctype html><html><body><h1>Teak &amp; Oak</h1><p>Garden furniture since 1998.</p>
      <svg width="600" height="120"><text x="10" y="30">Chat agents wanted in Sihanoukville, USD 3,500 per month.</text>
      <text x="10" y="70">No experience, free flights; interview on <tspan font-weight="bold">Telegram</tspan> only.</text></svg>
      </body></html>`,
    );
    const { page, tabId } = await open('/drawn-lure.html');
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk), 5_000);
    expect(report.findings.map((f) => f.text)).toEqual(expect.arrayContaining(['Sihanoukville', 'Telegram']));
    await page.close();
  });

  it('reads a lure the page put in closed shadow roots, and highlights it there', async () => {
    const { page, tabId } = await open('/closed-shadow-lure.html');
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    expect(report.findings.map((f) => f.text)).toEqual(expect.arrayContaining(['Sihanoukville', 'Telegram']));
    await expect.poll(() => highlightedTexts(page)).toContain('Sihanoukville');
    await page.close();
  });

  it('reads a lure an XHTML page writes in CDATA sections, and highlights it there', async () => {
    const { page, tabId } = await open('/cdata-lure.xhtml');
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    expect(report.findings.some((f) => f.text === 'Sihanoukville')).toBe(true);
    // The finding's highlight lies in the CDATA section's text.
    await expect.poll(() => highlightedTexts(page)).toContain('Sihanoukville');
    await page.close();
  });

  it('forgets the reports of frames that were removed', async () => {
    const frame = `<div class='bubble'>Chat agents wanted in Myawaddy: $3,500 per month, no experience, free flights. Interview on Telegram only; contract signed on arrival.</div>`;
    session.server.set(
      '/many-frames.html',
      `<!doctype html><html><body><h1>Shop</h1><p>Teak benches.</p><div id="frames"></div><script>
        window.addFrames = (n) => { for (let i = 0; i < n; i++) { const f = document.createElement('iframe'); f.srcdoc = ${JSON.stringify(frame)}; document.getElementById('frames').append(f); } };
        window.removeFrames = () => document.getElementById('frames').replaceChildren();
      </script></body></html>`,
    );
    const { page, tabId } = await open('/many-frames.html');
    await waitForReport(session.browser.worker, tabId, (r) => r.scanned.blocks > 0);
    await page.evaluate(() => (window as unknown as { addFrames(n: number): void }).addFrames(20));
    await expect.poll(async () => Object.keys(await frameFindingsOf(session.browser.worker, tabId)).length, { timeout: 10_000 }).toBe(21);
    await expect.poll(() => warningBarOf(page)).not.toBeNull();
    await page.evaluate(() => (window as unknown as { removeFrames(): void }).removeFrames());
    await expect.poll(async () => Object.keys(await frameFindingsOf(session.browser.worker, tabId)), { timeout: 10_000 }).toEqual(['0']);
    await expect.poll(() => badgeOf(session.browser.worker, tabId)).toBe('');
    await expect.poll(() => warningBarOf(page)).toBeNull();
    await page.close();
  });

  it('cannot hide, rewrite or restyle the warning, nor trust the site or open tabs by script', async () => {
    const pagesBefore = session.browser.context.pages().length;
    const { page, tabId } = await open('/hostile-warning.html');
    await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    await page.waitForFunction(() => (window as unknown as { scriptedClicks: number }).scriptedClicks > 50);
    await page.waitForTimeout(500);
    const bar = await warningBarOf(page);
    expect(bar).toMatchObject({ visible: true, minimized: false });
    expect(bar!.text).toContain('this page looks like');
    expect(bar!.text).not.toContain('verified safe');
    expect((await storageOf(session.browser.worker, 'trustedSites')) ?? []).toEqual([]);
    expect(session.browser.context.pages().length).toBe(pagesBefore + 1);
    expect((await reportOf(session.browser.worker, tabId))!.skipped).toBeUndefined();
    await page.close();
  });

  it("keeps the warning's buttons working for a person when the page swallows every click and key press first", async () => {
    const { page, tabId } = await open('/hostile-warning.html');
    await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    await expect.poll(() => warningBarOf(page)).toMatchObject({ visible: true, minimized: false });
    await clickInWarningBar(page, 'button.minimize');
    // The page keeps the main thread busy (its attacks every 20 ms): give the redraw time.
    await expect.poll(() => warningBarOf(page), { timeout: 5_000 }).toMatchObject({ minimized: true });
    // The page's blockers work on its own content: the person's clicks elsewhere are swallowed.
    await page.mouse.click(20, 20);
    expect(await page.evaluate(() => (window as unknown as { swallowed: number }).swallowed)).toBeGreaterThan(0);
    // From the keyboard: Tab to the pill, Enter opens the bar again although the page cancels Enter.
    const onBar = () => page.evaluate(() => document.activeElement?.parentElement === document.documentElement && document.activeElement.localName === 'div');
    let presses = 0;
    while (!(await onBar()) && presses++ < 20) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => warningBarOf(page), { timeout: 5_000 }).toMatchObject({ minimized: false });
    await page.close();
  });

  it('warns outside the page, in a notification, when the page keeps removing the warning', async () => {
    const { page, tabId } = await open('/hostile-warning.html?remove');
    await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    await expect.poll(() => notificationsOf(session.browser.worker), { timeout: 10_000 }).toContain(`lureguard-hidden-warning-${tabId}`);
    expect((await storageOf(session.browser.worker, 'trustedSites')) ?? []).toEqual([]);
    await page.close();
  });

  it('flags a lure on a page padded with text built to make a backtracking engine hang', async () => {
    const { page, tabId } = await open('/hostile-backtracking.html');
    const report = await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk), 10_000);
    expect(report.findings.some((f) => f.text === 'Sihanoukville')).toBe(true);
    // The page itself stays responsive.
    expect(await page.evaluate(() => document.title)).toBe('Jobs');
    await page.close();
  });

  it('still reports another tab after a page tries to fill session storage with padded findings', async () => {
    const flood = await open('/hostile-storage.html');
    await expect.poll(async () => Object.keys(await frameFindingsOf(session.browser.worker, flood.tabId)).length, { timeout: 15_000 }).toBeGreaterThan(3);
    const { page, tabId } = await open('/job-board-en.html');
    await waitForReport(session.browser.worker, tabId, (r) => isFlagged(r.risk));
    await expect.poll(() => badgeOf(session.browser.worker, tabId)).not.toBe('');
    await flood.page.close();
    await page.close();
  });
});

