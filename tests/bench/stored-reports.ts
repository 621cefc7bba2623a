/** The reports the background stores, as the browser benchmarks follow them. */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/support/browser';

/** What the benchmark learns of a stored report. */
export interface Judged {
  documentStart: number;
  blocks: number;
  scannedAt: number;
  risk: string;
}

/** The reports stored so far, as the observer page notes them. */
export interface StoredReports {
  /** The first stored report of this document that has read at least `blocks` blocks. */
  ofDocument(documentStart: number, blocks: number, timeout?: number): Promise<Judged>;
}

interface Waiter {
  matches: (report: Judged) => boolean;
  resolve: (report: Judged) => void;
}

interface ObserverGlobals {
  benchReports: Judged[];
  benchWaiters: Set<Waiter>;
}

/**
 * Notes every report the background stores, from an extension page of its own (through
 * storage.onChanged), and hands it to whoever waits for it. Not in the background itself: each
 * stored state (~100 KB, old and new) would be handed to it to copy, which no real background
 * does. And waiting costs nothing: asking every few milliseconds (through the DevTools protocol,
 * via the browser's process) would itself take time from the browser while it judges a page.
 */
export async function followStoredReports(browser: ExtensionBrowser): Promise<StoredReports> {
  const observer: Page = await browser.context.newPage();
  await observer.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await observer.evaluate(() => {
    const globals = globalThis as unknown as ObserverGlobals;
    globals.benchReports = [];
    globals.benchWaiters = new Set();
    chrome.storage.session.onChanged.addListener((changes) => {
      for (const change of Object.values(changes)) {
        const frames = (change.newValue as { frames?: Record<string, { documentStart?: number; scannedAt: number; risk: string; scanned: { blocks: number } }> } | undefined)?.frames;
        for (const stored of Object.values(frames ?? {})) {
          const report = { documentStart: stored.documentStart ?? 0, blocks: stored.scanned.blocks, scannedAt: stored.scannedAt, risk: stored.risk };
          globals.benchReports.push(report);
          for (const waiter of globals.benchWaiters) if (waiter.matches(report)) waiter.resolve(report);
        }
      }
    });
  });
  return {
    async ofDocument(documentStart, blocks, timeout = 120_000) {
      const found = await observer.evaluate(
        ([start, least, waitMs]) =>
          new Promise<Judged | null>((resolve) => {
            const globals = globalThis as unknown as ObserverGlobals;
            const matches = (report: Judged) => report.documentStart === start && report.blocks >= least;
            const already = globals.benchReports.find(matches);
            if (already) return resolve(already);
            const waiter: Waiter = {
              matches,
              resolve: (report) => {
                globals.benchWaiters.delete(waiter);
                clearTimeout(timer);
                resolve(report);
              },
            };
            const timer = setTimeout(() => {
              globals.benchWaiters.delete(waiter);
              resolve(null);
            }, waitMs);
            globals.benchWaiters.add(waiter);
          }),
        [documentStart, blocks, timeout] as const,
      );
      if (!found) throw new Error('no complete report for this document');
      return found;
    },
  };
}
