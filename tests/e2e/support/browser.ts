/**
 * Launches Debian's Chromium with the built extension (.output/chrome-mv3) through
 * playwright-core, and gives the tests what a person would see: the badge, the session state,
 * the popup page.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type Page, type Worker, chromium } from 'playwright-core';
import type { PageReport } from '../../../src/shared/report';

export const EXTENSION = fileURLToPath(new URL('../../../.output/chrome-mv3', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(options: { lang?: string } = {}): Promise<ExtensionBrowser> {
  if (!existsSync(`${EXTENSION}/manifest.json`)) throw new Error(`no built extension at ${EXTENSION}: run npm run build first`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (as root)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.lang,
    viewport: { width: 1200, height: 800 },
    args: [
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.lang ? [`--lang=${options.lang}`] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, close: () => context.close() };
}

/**
 * The tab id of a page, found through the report its content script stored. Only reports made
 * since `since` count: a tab closed a moment ago may still have a report for the same address.
 */
export async function tabIdOf(worker: Worker, url: string, timeout = 15_000, since = 0): Promise<number> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const id = await worker.evaluate(
      async ([pageUrl, after]) => {
        const all = (await chrome.storage.session.get(null)) as Record<string, { frames?: Record<string, { url: string; scannedAt: number }> }>;
        let newest: [number, number] | null = null;
        for (const [key, value] of Object.entries(all)) {
          const top = value?.frames?.['0'];
          if (key.startsWith('tab:') && top?.url === pageUrl && top.scannedAt >= after && (!newest || top.scannedAt > newest[1])) {
            newest = [Number(key.slice(4)), top.scannedAt];
          }
        }
        return newest?.[0] ?? null;
      },
      [url, since] as const,
    );
    if (id !== null) return id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no report arrived for ${url}`);
}

/** Opens a page in a new tab of the extension's browser, and finds the tab by the report of this very load. */
export async function openTab(browser: ExtensionBrowser, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  const since = Date.now();
  await page.goto(url);
  return { page, tabId: await tabIdOf(browser.worker, url, 15_000, since) };
}

/** A frame's report as the background stores it (the extension's own type). */
export type StoredReport = PageReport;

export async function reportOf(worker: Worker, tabId: number, frameId = 0): Promise<StoredReport | null> {
  return worker.evaluate(
    async ([tab, frame]) => {
      const key = `tab:${tab}`;
      const state = (await chrome.storage.session.get(key))[key] as { frames: Record<string, unknown> } | undefined;
      return (state?.frames[String(frame)] as never) ?? null;
    },
    [tabId, frameId] as const,
  );
}

/** Waits until the stored report satisfies a condition (the content script works after first paint). */
export async function waitForReport(worker: Worker, tabId: number, accept: (report: StoredReport) => boolean, timeout = 15_000): Promise<StoredReport> {
  const deadline = Date.now() + timeout;
  let last: StoredReport | null = null;
  while (Date.now() < deadline) {
    last = await reportOf(worker, tabId);
    if (last && accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`report never matched; last: ${JSON.stringify(last)?.slice(0, 500)}`);
}

export async function badgeOf(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate((tab) => chrome.action.getBadgeText({ tabId: tab }), tabId);
}

export async function setStorage(worker: Worker, values: Record<string, unknown>): Promise<void> {
  await worker.evaluate((items) => chrome.storage.local.set(items), values);
}

/** The warning bar's text and risk, or null when there is none. */
export async function warningBarOf(page: Page): Promise<{ risk: string; text: string } | null> {
  return page.evaluate(() => {
    const bar = document.querySelector('lureguard-warning')?.shadowRoot?.querySelector('.bar');
    return bar ? { risk: bar.getAttribute('data-risk') ?? '', text: bar.textContent ?? '' } : null;
  });
}

/** How many ranges the page has highlighted. */
export async function highlightCount(page: Page): Promise<number> {
  return page.evaluate(() => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('lureguard-match')?.size ?? 0);
}

/** The texts found in every frame of a tab. */
export async function frameFindingsOf(worker: Worker, tabId: number): Promise<Record<string, string[]>> {
  return worker.evaluate(async (tab) => {
    const key = `tab:${tab}`;
    const state = (await chrome.storage.session.get(key))[key] as { frames: Record<string, { findings: { text: string }[] }> } | undefined;
    return Object.fromEntries(Object.entries(state?.frames ?? {}).map(([frame, report]) => [frame, report.findings.map((f) => f.text)]));
  }, tabId);
}

/** Has a test page append a chat message (its own appendMessage, with the sender when the page shows one). */
export async function appendMessage(page: Page, ...message: [text: string] | [sender: string, text: string]): Promise<void> {
  await page.evaluate((parts) => (window as unknown as { appendMessage(...parts: string[]): void }).appendMessage(...parts), message);
}
