/**
 * An admin's browser policy in real Chromium (support/policy.ts): a forced subscription that
 * people cannot remove or switch off, no packs of their own, a locked warning threshold, a
 * trusted site, and no pause switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/packs/signing';
import { type ExtensionBrowser, launchWithExtension, openTab, waitForReport } from './support/browser';
import { ngoPack, type PackServer, startPackServer } from './support/pack-server';
import { policyFolder, policyUnavailable } from './support/policy';
import { type PageServer, startServer } from './support/server';

const unavailable = policyUnavailable();

describe.skipIf(unavailable !== null)(`admin policy${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let server: PageServer;
  let publisher: PackServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    const keys = await generateKeyPair();
    [server, publisher] = await Promise.all([startServer(), startPackServer()]);
    await publisher.publish(ngoPack('1.0.0', 'zorblax'), keys.privateKeyPem);
    const policyDir = policyFolder({
      subscriptions: [{ url: publisher.url, publicKey: keys.publicKey }],
      allowUserPacks: false,
      warningThreshold: 'high',
      trustedSites: ['localhost'],
      hidePauseSwitch: true,
    });
    browser = await launchWithExtension({ policyDir });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.close(), publisher?.close()]);
  });

  it('uses the forced pack on pages, and scans nothing on a site the policy trusts', async () => {
    server.set('/careers.html', '<!doctype html><html lang="en"><body><h1>Careers</h1><p>Apply through the zorblax agency.</p></body></html>');
    const { tabId } = await openTab(browser, `${server.origin}/careers.html`);
    await waitForReport(browser.worker, tabId, (report) => report.findings.some((finding) => finding.rule === 'ngo-zorblax'), 20_000);
    const trusted = await openTab(browser, `${server.otherOrigin}/careers.html`);
    const report = await waitForReport(browser.worker, trusted.tabId, (r) => r.skipped !== undefined);
    expect(report.skipped).toBe('trusted');
  });

  it('shows the forced pack and the locked setting as set by the organization, and offers no way to add packs', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const card = options.getByRole('listitem', { name: 'NGO job-scam pack' });
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('Set by your organization');
    expect(await card.getByRole('checkbox', { name: 'Use this pack' }).isDisabled()).toBe(true);
    expect(await card.getByRole('button', { name: 'Remove' }).count()).toBe(0);
    expect(await options.getByLabel(/Show the warning bar for/).isDisabled()).toBe(true);
    expect(await options.getByLabel(/Show the warning bar for/).inputValue()).toBe('high');
    expect(await options.getByRole('button', { name: 'Subscribe' }).count()).toBe(0);
    await options.getByText('Your organization does not allow adding rule packs in this browser.').waitFor();
    await options.close();
  });

  it('has no pause switch in the popup', async () => {
    const { page, tabId } = await openTab(browser, `${server.origin}/careers.html`);
    await waitForReport(browser.worker, tabId, (report) => report.scanned.blocks > 0);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.getByRole('heading').first().waitFor();
    await popup.getByRole('button', { name: 'Check' }).waitFor();
    expect(await popup.getByRole('button', { name: /Pause Lureguard/ }).count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
