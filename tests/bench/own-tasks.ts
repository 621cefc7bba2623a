/**
 * Which of a page's main-thread tasks are the extension's: a Chromium trace gives the tasks
 * (RunTask on the renderer's main thread), the sampling profiler, run at the same time, gives the
 * script each task was running. A task is the extension's when most of its script samples are in
 * the extension's files. Parsing and laying out a 5 MB document are the page's own long tasks;
 * the goal (no long task over 50 ms) is about ours.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { TraceEvent } from './trace-event';

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface TaskSummary {
  /** The longest task that ran mostly the extension's script, in ms. */
  ours: number;
  /** The longest task of all, in ms. */
  any: number;
}

/** Loads `url` in a new page, traced and profiled until `done` resolves; returns its longest tasks. */
export async function longestTasks(context: BrowserContext, url: string, scriptUrl: string, done: (page: Page) => Promise<void>): Promise<TaskSummary> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'disabled-by-default-devtools.timeline'] } });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await done(page);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  await cdp.detach();
  await page.close();
  return summarize(events, profile, scriptUrl);
}

function summarize(events: TraceEvent[], profile: CpuProfile, scriptUrl: string): TaskSummary {
  // Whether each profile node runs the extension's script (itself or a caller).
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const oursMemo = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = oursMemo.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const result = !!node && (node.callFrame.url.startsWith(scriptUrl) || (parent.has(id) && isOurs(parent.get(id)!)));
    oursMemo.set(id, result);
    return result;
  };
  const samples: { ts: number; ours: boolean; script: boolean }[] = [];
  let ts = profile.startTime;
  profile.samples.forEach((id, index) => {
    ts += profile.timeDeltas[index] ?? 0;
    const url = byId.get(id)?.callFrame.url ?? '';
    samples.push({ ts, ours: isOurs(id), script: url !== '' || isOurs(id) });
  });

  // The page's main thread: the renderer main thread that ran the longest in all.
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  const busy = new Map<string, number>();
  for (const task of tasks) busy.set(`${task.pid}:${task.tid}`, (busy.get(`${task.pid}:${task.tid}`) ?? 0) + (task.dur ?? 0));
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];

  let ours = 0;
  let any = 0;
  for (const task of tasks) {
    if (`${task.pid}:${task.tid}` !== main || !task.dur) continue;
    any = Math.max(any, task.dur / 1000);
    const inside = samples.filter((sample) => sample.ts >= task.ts && sample.ts <= task.ts + task.dur! && sample.script);
    if (inside.length > 0 && inside.filter((sample) => sample.ours).length * 2 >= inside.length) ours = Math.max(ours, task.dur / 1000);
  }
  return { ours, any };
}
