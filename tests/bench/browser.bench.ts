/**
 * `npm run bench:browser`: the built extension in Chromium, measured the way a person meets it.
 * Needs `npm run build` first.
 *
 * - Final verdict: pages of 100 KB, 1 MB and 5 MB, and a list of 75,000 items (150k nodes), each loaded at a unique address at least five
 *   times. The verdict counted is the stored report of that very document (its documentStart is
 *   the page's timeOrigin) that covers every paragraph of the page: never an earlier load's, never
 *   a partial one. Timed from navigation start and from the end of the load event.
 * - Longest main-thread task of the extension's from navigation until that verdict, and longest of
 *   all (the page's own parsing and layout are long on big pages): one more load per page, traced
 *   and profiled at once to tell whose script each task ran (own-tasks.ts).
 * - First contentful paint, median, with the extension and in a browser without it: reading a
 *   page must not hold back its first paint.
 * - The first page after the browser stopped the idle background (100 KB, five times): the worker
 *   starts again for it, as it does for a person's first page after 30 s without one.
 * - Chat: on each load of the 1 MB page, 20 messages appended one by one, the first as soon as
 *   the page's verdict is in; delay until the background judged each (the time in the report
 *   stored for it), median, p95 and longest over all of them (a p95 of one load's 20 is its
 *   second-longest, which one pause of the machine decides).
 * - Frames: script time the page's renderer spends (CDP Performance.getMetrics ScriptDuration; the
 *   pages run no script of their own) on a page with 10 small iframes and on the same page without.
 * - Where the time between load and verdict goes: one more traced load per page, the CPU time of
 *   what ran in that window (the page's main thread, the service worker, V8 compiling in the
 *   background in each process, raster, the browser and GPU processes) against what the machine's
 *   cores could give (cpu-after-load.ts). For the pages with a goal after load, the same in a
 *   browser without the extension over the goal's window: what the page and the browser take by
 *   themselves, and so what is left for the extension's work.
 * - Memory: JS heap of the 5 MB page with the extension, minus the same page in a browser without it.
 * Goals (issue 7): 100 KB ≤ 50 ms and 1 MB ≤ 150 ms after load; no long task over 50 ms; message
 * p95 ≤ 50 ms; ≤ 5 ms per frame and ≤ 100 ms in all for 10 iframes.
 */
import { cpus } from 'node:os';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { launchWithExtension, stopServiceWorker, VIEWPORT } from '../e2e/support/browser';
import { startServer } from '../e2e/support/server';
import { cpuAfterLoad } from './cpu-after-load';
import { longestTasks } from './own-tasks';
import { benchPage, escapeHtml, listPage } from './bench-pages';
import { firstPaintOf, loadEndOf, quantile } from './page-measures';
import { followStoredReports, type Judged } from './stored-reports';

const LOADS = 5;
const MESSAGES = 20;
/** The goals for the time from load to verdict (issue 7), by page. */
const GOAL_AFTER_LOAD: Partial<Record<string, number>> = { '100 KB': 50, '1 MB': 150 };
/**
 * Traced loads without the extension per page with a goal: the CPU the page and the browser use
 * by themselves after load (first paint, layout, raster) is what the extension's work shares the
 * cores with; the verdict cannot come within the goal when it leaves less than that work needs.
 */
const FLOOR_LOADS = 3;

const cpuTotal = (busy: Record<string, number>) => Object.values(busy).reduce((sum, time) => sum + time, 0);

function framesPage(frames: number): string {
  const frame = `<p>Support chat</p><p>Hello! How can we help you today?</p>`;
  const iframes = Array.from({ length: frames }, () => `<iframe srcdoc="${escapeHtml(frame)}" width="200" height="80"></iframe>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>frames</title></head><body><h1>Garden furniture</h1><p>Teak benches and chairs.</p>${iframes}</body></html>`;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

/** Loads a page with CDP's performance metrics on from the start; returns its script time once `ready` resolves. */
async function scriptMsOf(context: BrowserContext, url: string, ready: (page: Page) => Promise<void>): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  await page.close();
  return (metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

const server = await startServer();
const browser = await launchWithExtension();
const stored = await followStoredReports(browser);
const plain = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const plainContext = await plain.newContext({ viewport: VIEWPORT });
/** The complete report of the document loaded in `page`, with its time origin and load end (ms from it). */
async function verdictOf(page: Page, blocks: number): Promise<{ report: Judged; origin: number; loadEnd: number }> {
  const origin = await page.evaluate(() => performance.timeOrigin);
  const report = await stored.ofDocument(origin, blocks);
  return { report, origin, loadEnd: await loadEndOf(page) };
}
/** From the end of the load event to the verdict, in ms. */
const afterLoad = ({ report, origin, loadEnd }: Awaited<ReturnType<typeof verdictOf>>) => report.scannedAt - origin - loadEnd;

try {
  console.log(`final verdict over ${LOADS} loads each (unique address per load; complete report of that document)`);
  console.log('page      nav→verdict median / p95    load→verdict median / p95   longest task: ours (any)   first paint (without)   blocks, risk');
  for (const [label, { html, blocks }] of [
    ['100 KB', benchPage(100 * 1024)],
    ['1 MB', benchPage(1024 * 1024)],
    ['5 MB', benchPage(5 * 1024 * 1024)],
    ['150k nodes', listPage(75_000)],
  ] as const) {
    server.set('/bench.html', html);
    const fromNavigation: number[] = [];
    const fromLoad: number[] = [];
    const paints: number[] = [];
    const paintsWithout: number[] = [];
    const chatDelays: number[] = [];
    let summary = '';
    for (let load = 0; load < LOADS; load++) {
      const page = await browser.context.newPage();
      await page.goto(`${server.origin}/bench.html?load=${blocks}-${load}-${Date.now()}`, { waitUntil: 'load', timeout: 120_000 });
      const verdict = await verdictOf(page, blocks);
      const { report, origin } = verdict;
      fromNavigation.push(report.scannedAt - origin);
      fromLoad.push(afterLoad(verdict));
      paints.push(await firstPaintOf(page));
      const bare = await plainContext.newPage();
      await bare.goto(`${server.origin}/bench.html?bare=${blocks}-${load}-${Date.now()}`, { waitUntil: 'load', timeout: 120_000 });
      paintsWithout.push(await firstPaintOf(bare));
      await bare.close();
      summary = `${report.blocks} blocks, ${report.risk}`;

      if (label === '1 MB') {
        // A chat on a 1 MB page, on every load: each message until the background has judged it.
        for (let message = 0; message < MESSAGES; message++) {
          const sentAt = await page.evaluate((n) => (window as unknown as { appendMessage(t: string): number }).appendMessage(`Message ${n}: chat agents wanted in Sihanoukvile, $3,500 per month, interview on Telegram only.`), message);
          const judged = await stored.ofDocument(origin, blocks + message + 1, 30_000);
          chatDelays.push(judged.scannedAt - sentAt);
        }
      }
      await page.close();
    }
    let afterStopLine = '';
    if (label === '100 KB') {
      // The first page after the browser stopped the idle background (it does after 30 s, so a
      // person meets this often): the worker starts again, loads the rules from its cache, and its
      // engine runs unoptimized at first.
      const afterStop: number[] = [];
      for (let load = 0; load < LOADS; load++) {
        const page = await browser.context.newPage();
        await stopServiceWorker(browser, page);
        await page.waitForTimeout(300);
        await page.goto(`${server.origin}/bench.html?after-stop=${load}-${Date.now()}`, { waitUntil: 'load', timeout: 120_000 });
        afterStop.push(afterLoad(await verdictOf(page, blocks)));
        await page.close();
      }
      afterStopLine = `          (the first page after the browser stopped the idle background: load → verdict median ${ms(quantile(afterStop, 0.5))}, p95 ${ms(quantile(afterStop, 0.95))} over ${LOADS} loads)`;
    }
    if (chatDelays.length > 0) {
      console.log(
        `          (chat on the 1 MB page: message → judged, median ${ms(quantile(chatDelays, 0.5))}, p95 ${ms(quantile(chatDelays, 0.95))}, longest ${ms(Math.max(...chatDelays))} over ${chatDelays.length} messages, ${MESSAGES} on each load)`,
      );
    }
    const tasks = await longestTasks(browser.context, `${server.origin}/bench.html?traced=${Date.now()}`, `chrome-extension://${browser.extensionId}/`, async (page) => {
      await verdictOf(page, blocks);
    });
    const cpu = await cpuAfterLoad(browser.context, `${server.origin}/bench.html?cpu=${Date.now()}`, async (page) => afterLoad(await verdictOf(page, blocks)));
    console.log(
      `${label.padEnd(9)} ${ms(quantile(fromNavigation, 0.5)).padStart(10)} / ${ms(quantile(fromNavigation, 0.95)).padEnd(14)} ${ms(quantile(fromLoad, 0.5)).padStart(10)} / ${ms(quantile(fromLoad, 0.95)).padEnd(14)} ${ms(tasks.ours).padStart(8)} (${ms(tasks.any)})   ${ms(quantile(paints, 0.5)).padStart(8)} (${ms(quantile(paintsWithout, 0.5))})   ${summary}`,
    );
    const busy = Object.entries(cpu.busy).filter(([, time]) => time >= 0.5).sort((a, b) => b[1] - a[1]);
    console.log(
      `          (one traced load, load → verdict ${ms(cpu.window)}: CPU time ${ms(cpuTotal(cpu.busy))} of the ${cpus().length} cores' ${ms(cpu.window * cpus().length)}, ${busy.map(([kind, time]) => `${kind} ${time.toFixed(0)}`).join(', ')})`,
    );
    if (afterStopLine) console.log(afterStopLine);
    const goal = GOAL_AFTER_LOAD[label];
    if (goal !== undefined) {
      // What the page and the browser take of the machine by themselves in the goal's window.
      const totals: number[] = [];
      for (let load = 0; load < FLOOR_LOADS; load++) {
        const bare = await cpuAfterLoad(plainContext, `${server.origin}/bench.html?floor=${load}-${Date.now()}`, async (page) => {
          await page.waitForTimeout(goal + 300);
          return goal;
        });
        totals.push(cpuTotal(bare.busy));
      }
      console.log(
        `          (without Lureguard, the page and the browser by themselves: CPU time ${ms(quantile(totals, 0.5))} of the ${cpus().length} cores' ${ms(goal * cpus().length)} in the ${ms(goal)} after load, median of ${FLOOR_LOADS} traced loads)`,
      );
    }
  }

  // Frames: the pages run no script, so their renderer's script time is the extension's.
  const scriptTimes: Record<number, number[]> = { 0: [], 10: [] };
  for (const frames of [0, 10]) {
    server.set(`/frames-${frames}.html`, framesPage(frames));
    for (let load = 0; load < LOADS; load++) {
      const time = await scriptMsOf(browser.context, `${server.origin}/frames-${frames}.html?load=${load}-${Date.now()}`, async (page) => {
        const origin = await page.evaluate(() => performance.timeOrigin);
        await stored.ofDocument(origin, 1);
        await page.waitForTimeout(500); // every frame has read and reported
      });
      scriptTimes[frames]!.push(time);
    }
  }
  const none = quantile(scriptTimes[0]!, 0.5);
  const ten = quantile(scriptTimes[10]!, 0.5);
  console.log(`\nscript time of a page (median of ${LOADS}): no iframe ${ms(none)}, 10 iframes ${ms(ten)}: ${((ten - none) / 10).toFixed(1)} ms per frame`);

  // Memory: the 5 MB page with and without the extension.
  const { html } = benchPage(5 * 1024 * 1024);
  server.set('/heap.html', html);
  const heapOf = async (context: BrowserContext, wait: (page: Page) => Promise<void>) => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/heap.html?t=${Date.now()}`, { waitUntil: 'load', timeout: 120_000 });
    await wait(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    await page.close();
    return usedSize / (1024 * 1024);
  };
  const withExtension = await heapOf(browser.context, async (page) => {
    const origin = await page.evaluate(() => performance.timeOrigin);
    await stored.ofDocument(origin, 1);
  });
  const without = await heapOf(plainContext, async () => undefined);
  console.log(`JS heap of the 5 MB page: ${withExtension.toFixed(1)} MB with Lureguard, ${without.toFixed(1)} MB without: content script ${(withExtension - without).toFixed(1)} MB`);
} finally {
  await plain.close();
  await browser.close();
  await server.close();
}
