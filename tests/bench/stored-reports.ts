/** The reports the background stores, as the browser benchmarks follow them. */
import type { BrowserContext } from 'playwright-core';

/** What the benchmark learns of a stored report. */
export interface Judged {
  documentStart: number;
  blocks: number;
  scannedAt: number;
  risk: string;
}

/**
 * Has the background note every report it stores (through storage.onChanged: reading all of
 * session storage every few milliseconds would itself slow the background down).
 */
export async function logStoredReports(context: BrowserContext): Promise<void> {
  await context.serviceWorkers()[0]!.evaluate(() => {
    const log: Judged[] = [];
    (globalThis as unknown as { benchReports: Judged[] }).benchReports = log;
    chrome.storage.session.onChanged.addListener((changes) => {
      for (const change of Object.values(changes)) {
        const frames = (change.newValue as { frames?: Record<string, { documentStart?: number; scannedAt: number; risk: string; scanned: { blocks: number } }> } | undefined)?.frames;
        for (const report of Object.values(frames ?? {})) {
          log.push({ documentStart: report.documentStart ?? 0, blocks: report.scanned.blocks, scannedAt: report.scannedAt, risk: report.risk });
        }
      }
    });
  });
}

/** The first stored report of this document that has read at least `blocks` blocks. */
export async function reportOfDocument(context: BrowserContext, documentStart: number, blocks: number, timeout = 120_000): Promise<Judged> {
  const worker = context.serviceWorkers()[0]!;
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const found = await worker.evaluate(
      ([start, least]) => (globalThis as unknown as { benchReports: Judged[] }).benchReports.find((r) => r.documentStart === start && r.blocks >= least),
      [documentStart, blocks] as const,
    );
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no complete report for this document');
}
