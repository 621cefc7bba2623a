/**
 * Where the machine's time goes between a page's load event and Lureguard's verdict: the CPU time
 * of what ran in that window, from a Chromium trace of one load, by process (the page's, the
 * extension's, the browser's, the GPU's) and by what its threads did (the main thread, the service
 * worker, V8 compiling hot script in the background, V8 collecting garbage, raster). On a machine
 * with few cores the verdict waits for the CPU as much as for Lureguard's own work, and the sum
 * shows how close the window came to using every core. Traced without the profiler, which would
 * slow the script it samples.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { TraceEvent } from './trace-event';

export interface CpuAfterLoad {
  /** From the end of the load event to the verdict, in ms. */
  window: number;
  /** CPU time in the window, in ms, by what ran (see kindOf). */
  busy: Record<string, number>;
}

/**
 * Loads `url` traced; `done` resolves once the verdict is in, with the time from the end of the
 * load event to it (ms).
 */
export async function cpuAfterLoad(context: BrowserContext, url: string, done: (page: Page) => Promise<number>): Promise<CpuAfterLoad> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'blink.user_timing', '__metadata'] } });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const window = await done(page);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  await page.close();
  return { window, busy: busyByKind(events, window) };
}

/**
 * The CPU time of each thread's outermost events in the window (a task's `tdur`, the time its
 * thread ran, not `dur`: on a busy machine a thread waits for a core for much of a task). Only
 * outermost events count: a task's own steps are events inside it.
 */
function busyByKind(events: TraceEvent[], window: number): Record<string, number> {
  const load = events.find((event) => event.name === 'loadEventEnd');
  if (!load) return {};
  const threads = new Map(events.filter((event) => event.name === 'thread_name').map((event) => [`${event.pid}:${event.tid}`, event.args?.name ?? '']));
  const processes = new Map(events.filter((event) => event.name === 'process_name').map((event) => [event.pid, event.args?.name ?? '']));
  const from = load.ts;
  const to = from + window * 1000;
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.ph !== 'X' || !event.dur || event.tdur === undefined) continue;
    const thread = `${event.pid}:${event.tid}`;
    const list = byThread.get(thread);
    if (list) list.push(event);
    else byThread.set(thread, [event]);
  }
  const busy: Record<string, number> = {};
  for (const [thread, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    let outerEnd = -Infinity;
    for (const event of list) {
      if (event.ts < outerEnd) continue;
      outerEnd = event.ts + event.dur!;
      const overlap = Math.min(outerEnd, to) - Math.max(event.ts, from);
      if (overlap <= 0) continue;
      const kind = kindOf(event, event.pid === load.pid, processes.get(event.pid) ?? '', threads.get(thread) ?? '');
      busy[kind] = (busy[kind] ?? 0) + (event.tdur! * (overlap / event.dur!)) / 1000;
    }
  }
  return busy;
}

/** What ran: which process (the page's, the extension's, the browser's), and what its thread did. */
function kindOf(event: TraceEvent, inPage: boolean, process: string, thread: string): string {
  const owner = inPage ? 'page' : process === 'Extension Renderer' ? 'extension' : process === 'Browser' ? 'browser' : process === 'GPU Process' ? 'GPU' : 'other';
  if (thread === 'CrRendererMain') return `${owner} main thread`;
  if (thread === 'ServiceWorker thread') return `${owner} service worker`;
  const postedFrom = event.args?.src_file ?? event.args?.task?.posted_from?.file_name ?? '';
  if (postedFrom.includes('v8/src/heap')) return `${owner}: V8 collecting garbage`;
  if (postedFrom.includes('v8/src')) return `${owner}: V8 compiling`;
  if (postedFrom.includes('cc/raster')) return `${owner}: raster`;
  return owner === 'browser' || owner === 'GPU' ? owner : `${owner}: other threads`;
}
