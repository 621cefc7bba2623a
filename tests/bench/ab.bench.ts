/**
 * `npm run bench:ab -- <build A> <build B> [page] [loads]`: two builds of the extension (each a
 * .output/chrome-mv3 directory) in two browsers at once, loading the same bench page in turn
 * (A B, then B A, ...), so that both meet the same state of this noisy machine. Medians of each,
 * and of the difference per pair: navigation → load event, → first paint, → the verdict (the
 * complete report of that document), and load → verdict.
 *
 * Why: figures of separate runs of bench:browser drift by a third, more than most changes. And
 * "load → verdict" alone can mislead: a change that reads the page before its load event makes
 * that figure smaller by making the load event later (measured so: see README).
 */
import { launchWithExtension } from '../e2e/support/browser';
import { startServer } from '../e2e/support/server';
import { benchPage, listPage } from './bench-pages';
import { firstPaintOf, loadEndOf, quantile } from './page-measures';
import { followStoredReports, type StoredReports } from './stored-reports';

const [buildA, buildB, pageName = '100', loadsArg = '24'] = process.argv.slice(3).filter((arg) => !arg.startsWith('--'));
if (!buildA || !buildB) throw new Error('usage: npm run bench:ab -- <build A> <build B> [page] [loads] (each a built .output/chrome-mv3 directory; page: KB of the bench page, or list:<items>)');
const LOADS = Number(loadsArg);
const WARM_UP = 2;

const listItems = /^list:(\d+)$/.exec(pageName)?.[1];
const { html, blocks } = listItems ? listPage(Number(listItems)) : benchPage(Number(pageName) * 1024);
const server = await startServer();
server.set('/bench.html', html);
const builds = { A: await launchWithExtension({ extension: buildA }), B: await launchWithExtension({ extension: buildB }) };
const stored: Record<keyof typeof builds, StoredReports> = { A: await followStoredReports(builds.A), B: await followStoredReports(builds.B) };

type Timings = { load: number; paint: number; verdict: number; afterLoad: number };

async function loadOnce(name: keyof typeof builds, tag: string): Promise<Timings> {
  const { context } = builds[name];
  const page = await context.newPage();
  await page.goto(`${server.origin}/bench.html?${name}=${tag}-${Date.now()}`, { waitUntil: 'load', timeout: 120_000 });
  const origin = await page.evaluate(() => performance.timeOrigin);
  const report = await stored[name].ofDocument(origin, blocks);
  const load = await loadEndOf(page);
  const paint = await firstPaintOf(page);
  await page.close();
  const verdict = report.scannedAt - origin;
  return { load, paint, verdict, afterLoad: verdict - load };
}

try {
  for (let load = 0; load < WARM_UP; load++) for (const name of ['A', 'B'] as const) await loadOnce(name, `warm-${load}`);
  const pairs: { A: Timings; B: Timings }[] = [];
  for (let load = 0; load < LOADS; load++) {
    // Each build goes first in every other pair: neither always meets the machine just after the other.
    const order = load % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const);
    const pair = {} as { A: Timings; B: Timings };
    for (const name of order) pair[name] = await loadOnce(name, String(load));
    pairs.push(pair);
  }
  console.log(`${listItems ? `list of ${listItems} items` : `${pageName} KB bench page`} (${blocks} blocks), ${LOADS} pairs of loads; A = ${buildA}, B = ${buildB}`);
  console.log('from navigation start to   A median   B median   median of B − A   pairs where B is sooner');
  for (const [key, label] of [['load', 'load event'], ['paint', 'first paint'], ['verdict', 'verdict'], ['afterLoad', '(load → verdict)']] as const) {
    const a = pairs.map((pair) => pair.A[key]);
    const b = pairs.map((pair) => pair.B[key]);
    const differences = pairs.map((pair) => pair.B[key] - pair.A[key]);
    const sooner = differences.filter((difference) => difference < 0).length;
    console.log(`${label.padEnd(24)} ${quantile(a, 0.5).toFixed(0).padStart(6)} ms ${quantile(b, 0.5).toFixed(0).padStart(7)} ms ${quantile(differences, 0.5).toFixed(0).padStart(12)} ms ${String(sooner).padStart(14)} / ${pairs.length}`);
  }
} finally {
  for (const build of Object.values(builds)) await build.close();
  await server.close();
}
