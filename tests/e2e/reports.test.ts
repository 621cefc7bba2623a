/**
 * Reports to a pack's publisher, in the built extension: "Report a false alarm" on a finding in
 * the popup opens the review page in a new tab, prefilled, with a link to the publisher's form
 * that carries the report; opening it sends nothing (the person sends it, with a click).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isFlagged } from '../../src/engine/types';
import { ARTIFACTS, waitForReport } from './support/browser';
import { extensionSession } from './support/session';

const session = extensionSession();

const CORE_FORM = 'https://github.com/lureguard/lureguard/issues/new';

describe('reports to the publisher', () => {
  it('opens a prefilled false-alarm report for review, with a link to the publisher\'s form, and sends nothing', async () => {
    const { browser, server } = session;
    const { page: lure, tabId } = await session.open('/job-board-en.html');
    await waitForReport(browser.worker, tabId, (r) => isFlagged(r.risk));
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    const rule = popup.locator('.rule[data-rule="place-border-transit"]');
    const matched = (await rule.locator('mark').first().textContent())!;

    // Every request any page makes from here on, with the page that made it.
    const requests: { url: string; page: Page | null }[] = [];
    browser.context.on('request', (request) => {
      let page: Page | null = null;
      try {
        page = request.frame().page();
      } catch {
        // A service worker's request has no frame.
      }
      requests.push({ url: request.url(), page });
    });
    const [review] = await Promise.all([browser.context.waitForEvent('page'), rule.getByRole('button', { name: 'Report a false alarm' }).first().click()]);
    await review.waitForLoadState();
    // The draft is in session storage; the address carries only its random id.
    expect(review.url()).toMatch(new RegExp(`^chrome-extension://${browser.extensionId}/report\\.html\\?draft=[0-9a-f-]{36}$`));

    const body = review.locator('#report-body');
    await expect.poll(() => body.inputValue()).toContain('(place-border-transit)');
    const text = await body.inputValue();
    expect(text).toContain(matched);
    expect(text).toContain(`Page: ${server.origin}/job-board-en.html`);
    expect(text).toMatch(/Rule pack: lureguard-core \d+\.\d+\.\d+/);
    // Page text must not go to a browser's cloud spell-checker.
    expect(await body.evaluate((box) => (box as HTMLTextAreaElement).spellcheck)).toBe(false);
    expect(await review.locator('.not-sent').textContent()).toMatch(/^Nothing has been sent/);

    // The core pack takes reports on a form only: no email link.
    expect(await review.getByRole('link', { name: 'Send by email' }).count()).toBe(0);
    const formLink = review.getByRole('link', { name: "Open the publisher's form" });
    const form = new URL((await formLink.getAttribute('href'))!);
    expect(`${form.origin}${form.pathname}`).toBe(CORE_FORM);
    expect(form.searchParams.get('title')).toMatch(/^False alarm: .+ \(place-border-transit\)$/);
    expect(form.searchParams.get('body')).toBe(text);
    expect(await formLink.getAttribute('target')).toBe('_blank');
    await review.screenshot({ path: `${ARTIFACTS}/report-en.png`, fullPage: true });

    // Opening the review page sent nothing: all it loaded is the extension's own files. The
    // page's own early requests may be recorded before Playwright can name their page, so a
    // request the page makes now shows that this recording does see the review page's traffic.
    const probe = `chrome-extension://${browser.extensionId}/report.html?probe`;
    await review.evaluate((url) => fetch(url).then(() => undefined), probe);
    const fromReview = requests.filter((request) => request.page === review).map((request) => request.url);
    expect(fromReview).toContain(probe);
    expect(fromReview.filter((url) => !url.startsWith(`chrome-extension://${browser.extensionId}/`))).toEqual([]);
    await Promise.all([review.close(), popup.close(), lure.close()]);
  });
});
