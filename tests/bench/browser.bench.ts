/**
 * `npm run bench:browser`: the built extension in Chromium on 1 MB and 5 MB pages: time from
 * load to verdict, the longest main-thread task while it scans (PerformanceObserver "longtask"),
 * and the delay from a chat message being appended to its finding.
 * Targets: verdict on 1 MB under 200 ms, no long task over 50 ms, message delay under 100 ms.
 * Needs `npm run build` first.
 */
import { launchWithExtension, tabIdOf, waitForReport } from '../e2e/support/browser';
import { startServer } from '../e2e/support/server';
import { pageText } from './page-text';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A page of paragraphs that records every long task from its very start. */
function benchPage(bytes: number): string {
  const paragraphs = pageText(bytes, 10)
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench</title><script>
    window.__longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
    window.appendMessage = (text) => { const p = document.createElement('p'); p.textContent = text; document.body.append(p); return Date.now(); };
  </script></head><body>${paragraphs}</body></html>`;
}

const server = await startServer();
const browser = await launchWithExtension();
try {
  const RUNS = 3;
  console.log(`median of ${RUNS} page loads each`);
  console.log('page     load→verdict ms  long tasks during scan (max ms)  message→finding ms');
  for (const [label, bytes] of [
    ['1 MB', 1024 * 1024],
    ['5 MB', 5 * 1024 * 1024],
  ] as const) {
    const path = `/bench-${bytes}.html`;
    server.set(path, benchPage(bytes));
    const verdicts: number[] = [];
    const messages: number[] = [];
    let longTasks = 0;
    let longest = 0;
    let summary = '';
    for (let run = 0; run < RUNS; run++) {
    const page = await browser.context.newPage();
    const url = `${server.origin}${path}`;
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const tabId = await tabIdOf(browser.worker, url, 120_000);
    const report = await waitForReport(browser.worker, tabId, (r) => r.scanned.segments > 0, 120_000);
    const timing = await page.evaluate(() => ({
      loadEnd: performance.timeOrigin + (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
      origin: performance.timeOrigin,
      tasks: (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
    }));
    const scannedAt = (report as unknown as { scannedAt: number }).scannedAt;
    const verdictMs = scannedAt - timing.loadEnd;
    const during = timing.tasks.filter((t) => timing.origin + t.start >= timing.loadEnd && timing.origin + t.start <= scannedAt);
    longTasks += during.length;
    longest = during.reduce((max, t) => Math.max(max, t.duration), longest);
    verdicts.push(verdictMs);

    // A chat message: append a lure and time how long until the content script reported it.
    const sentAt = await page.evaluate(() =>
      (window as unknown as { appendMessage(t: string): number }).appendMessage('Hi dear, chat agents wanted in Sihanoukvile: $3,500 per month, no experience, free flights, interview on Telegram only.'),
    );
    // Nothing else changes the page, so the first report after the append is the one that read it.
    const withMessage = await waitForReport(browser.worker, tabId, (r) => (r as unknown as { scannedAt: number }).scannedAt > sentAt, 60_000);
    messages.push((withMessage as unknown as { scannedAt: number }).scannedAt - sentAt);
    summary = `risk ${report.risk}, ${report.scanned.segments} blocks`;
    await page.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `${label.padEnd(8)} ${median(verdicts).toFixed(0).padStart(15)}  ${String(longTasks).padStart(14)} (${longest.toFixed(0)})${' '.repeat(16)}${median(messages).toFixed(0).padStart(8)}   ${summary}; verdicts ${verdicts.map((v) => v.toFixed(0)).join(', ')} ms`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
