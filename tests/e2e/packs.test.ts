/**
 * Rule-pack subscriptions in real Chromium: a local publisher serves a signed pack; a person
 * subscribes in the options page, and an open page is judged again with the new rule (no
 * reload); a newer version comes with "Update now"; then every way the publisher can go wrong
 * leaves the last good pack in use, with the error shown.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPair } from '../../src/packs/signing';
import { type Misbehaviour, ngoPack, type PackServer, startPackServer } from './support/pack-server';
import { reportOf, stopServiceWorker, tabIdOf, waitForReport, workerStartedAgain } from './support/browser';
import { extensionSession } from './support/session';

vi.setConfig({ testTimeout: 60_000 });

const session = extensionSession();
let publisher: PackServer;
let keys: { privateKeyPem: string; publicKey: string };

beforeAll(async () => {
  [publisher, keys] = await Promise.all([startPackServer(), generateKeyPair()]);
});
afterAll(() => publisher?.close());

const PAGE = '<!doctype html><html lang="en"><body><h1>Careers</h1><p>Apply through the zorblax agency or the quuxjob agency for warehouse work.</p></body></html>';

const rulesFound = async (tabId: number) => ((await reportOf(session.browser.worker, tabId))?.findings ?? []).map((finding) => finding.rule);

async function openOptions(): Promise<Page> {
  const options = await session.browser.context.newPage();
  await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
  await options.locator('main').waitFor();
  return options;
}

describe('rule-pack subscriptions', () => {
  let tabId: number;
  let options: Page;
  const card = () => options.getByRole('listitem', { name: 'NGO job-scam pack' });

  it('subscribes from the options page; an open page is judged again with the new rule, without a reload', async () => {
    session.server.set('/careers.html', PAGE);
    ({ tabId } = await session.open('/careers.html'));
    await waitForReport(session.browser.worker, tabId, (report) => report.scanned.blocks > 0);
    expect(await rulesFound(tabId)).not.toContain('ngo-zorblax');

    await publisher.publish(ngoPack('1.0.0', 'zorblax'), keys.privateKeyPem);
    options = await openOptions();
    await options.getByLabel(/Pack address/).fill(publisher.url);
    await options.getByLabel("Publisher's public key").fill(keys.publicKey);
    await options.getByRole('button', { name: 'Subscribe' }).click();
    await options.getByText('Subscribed: the pack is checked and in use.').waitFor();
    await expect.poll(() => card().textContent()).toContain('Version 1.0.0 · 1 rules · published by An NGO');
    await expect.poll(() => rulesFound(tabId), { timeout: 10_000 }).toContain('ngo-zorblax');
  });

  it('takes a newer version on "Update now", asking the server whether it changed', async () => {
    await publisher.publish(ngoPack('1.1.0', 'quuxjob'), keys.privateKeyPem);
    await card().getByRole('button', { name: 'Update now' }).click();
    await expect.poll(() => card().textContent()).toContain('Version 1.1.0');
    expect(publisher.requests.at(-1)!.ifNoneMatch).toBe('"v1"');
    await expect.poll(() => rulesFound(tabId), { timeout: 10_000 }).toContain('ngo-quuxjob');
    expect(await rulesFound(tabId)).not.toContain('ngo-zorblax');
  });

  const failures: [Misbehaviour, RegExp][] = [
    ['tampered', /signature does not match/],
    ['wrong-signature', /signature does not match/],
    ['server-error', /answered 500/],
    ['oversize', /larger than/],
    ['hang', /no complete answer within 30 s/],
  ];

  it.each(failures)('keeps the last good pack when the publisher serves a %s answer, and shows the error', async (how, error) => {
    await publisher.publish(ngoPack('2.0.0', 'zorblax'), keys.privateKeyPem);
    publisher.misbehave(how);
    try {
      const asked = publisher.requests.length;
      await card().getByRole('button', { name: 'Update now' }).click();
      await expect.poll(() => publisher.requests.length).toBeGreaterThan(asked);
      // "Checking…" until the outcome is in: then the button is "Update now" again.
      await card().getByRole('button', { name: 'Update now' }).waitFor({ timeout: 45_000 });
      expect(await card().textContent()).toMatch(error);
      expect(await card().textContent()).toMatch(/Last update failed .*The pack in use is unchanged\./);
      expect(await card().textContent()).toContain('Version 1.1.0');
      expect(await rulesFound(tabId)).toContain('ngo-quuxjob');
    } finally {
      publisher.misbehave(null);
    }
  });
  it('keeps the compiled rules across a service-worker restart, loaded from the cache', async () => {
    const cachedKey = () =>
      session.browser.worker.evaluate(
        () =>
          new Promise<string | null>((resolve, reject) => {
            const open = indexedDB.open('keyval-store');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const read = open.result.transaction('keyval').objectStore('keyval').get('active-rule-set');
              read.onsuccess = () => resolve((read.result as { key: string } | undefined)?.key ?? null);
            };
          }),
      );
    await expect.poll(cachedKey).toContain('"ngo-pack","1.1.0"');
    await stopServiceWorker(session.browser, options);
    // The next page wakes the worker again, which judges with the subscribed pack's rules.
    const page = await session.browser.context.newPage();
    const since = Date.now();
    await page.goto(`${session.server.origin}/careers.html`);
    await expect.poll(() => workerStartedAgain(session.browser), { timeout: 15_000 }).toBe(true);
    tabId = await tabIdOf(session.browser.worker, page.url(), 15_000, since);
    await expect.poll(() => rulesFound(tabId), { timeout: 15_000 }).toContain('ngo-quuxjob');
    expect(await cachedKey()).toContain('"ngo-pack","1.1.0"');
  });
});
