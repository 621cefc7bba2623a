/**
 * `npm run bench`: engine throughput on 100 KB, 1 MB and 5 MB of mixed page text with the full
 * core pack, compared in the same run with (a) an exact-match baseline over the same terms on
 * the same normalized text and (b) a naive scan calling Fuse.match once per term (100 KB only).
 * Also the compile time of the rule set: the first compile in a fresh process (what the
 * background pays once when the browser starts its service worker) and warm recompiles, beside
 * the time to load the compiled set from its stored form instead (src/engine/serialize.ts).
 * Targets: 1 MB in under 30 ms, within 3x of the exact baseline.
 */
import Fuse from 'fuse.js';
import * as v8 from 'node:v8';
import { compileRuleSet, normalize, normalizeTerm, scan, segmentText } from '../../src/engine';
import { deserializeRuleSet, type SerializedRuleSet, serializeRuleSet } from '../../src/engine/serialize';
import { corePack } from '../../src/rules/core-pack';
import { pageText } from './page-text';

const coldStart = performance.now();
const ruleSet = compileRuleSet([corePack]);
const coldCompileMs = performance.now() - coldStart;
const terms = [
  ...new Set(
    corePack.rules.flatMap((rule) =>
      rule.terms.flatMap((group) => (typeof group === 'string' ? [group] : group.variants)).map((t) => normalizeTerm(t.replace(/\*$/, ''))),
    ),
  ),
].filter(Boolean);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(runs: number, work: () => unknown): number {
  work(); // warm up: compile regexes, fill caches, let the JIT settle
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// The exact baseline: one alternation of every term, longest first, run by V8's regex engine.
const exactPattern = new RegExp([...terms].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
function exactBaseline(normalizedLines: string[]): number {
  let count = 0;
  for (const line of normalizedLines) {
    exactPattern.lastIndex = 0;
    while (exactPattern.exec(line)) count++;
  }
  return count;
}

function naiveFuse(normalizedText: string): number {
  let count = 0;
  for (const term of terms) {
    if (Fuse.match(term, normalizedText, { threshold: 0.2, ignoreLocation: true }).isMatch) count++;
  }
  return count;
}

console.log(`core pack: ${corePack.rules.length} rules, ${terms.length} term variants, ${ruleSet.patterns.length} patterns`);
console.log(`compile: ${coldCompileMs.toFixed(0)} ms the first time in this process, ${time(5, () => compileRuleSet([corePack])).toFixed(0)} ms warm (median of 5)`);
// IndexedDB keeps the stored form in V8's structured-clone format: node:v8 reads and writes it.
const stored = v8.serialize(serializeRuleSet(ruleSet));
const load = () => deserializeRuleSet(v8.deserialize(stored) as SerializedRuleSet);
const coldLoadStart = performance.now();
load();
const coldLoadMs = performance.now() - coldLoadStart;
console.log(`load from the stored form (${(stored.length / 1e6).toFixed(1)} MB): ${coldLoadMs.toFixed(0)} ms the first time in this process, ${time(5, load).toFixed(0)} ms warm (median of 5)`);
const sizes: [string, number, number][] = [
  ['100 KB', 100 * 1024, 30],
  ['1 MB', 1024 * 1024, 15],
  ['5 MB', 5 * 1024 * 1024, 5],
];
const pages: [string, number][] = [
  ['typical page (1 paragraph in 10 is a listing or message)', 10],
  ['dense page (every other paragraph is a listing or message)', 2],
];
for (const [pageLabel, every] of pages) {
  console.log(`\n${pageLabel}`);
  console.log('size     scan ms   MB/s    exact ms  scan/exact  risk');
  for (const [label, bytes, runs] of sizes) {
    const text = pageText(bytes, every);
    const segments = segmentText(text);
    const normalizedLines = segments.map((s) => normalize(s.text).text);
    const scanMs = time(runs, () => scan(segments, ruleSet));
    const exactMs = time(runs, () => exactBaseline(normalizedLines));
    const mbps = bytes / (1024 * 1024) / (scanMs / 1000);
    const risk = scan(segments, ruleSet).risk;
    console.log(`${label.padEnd(8)} ${scanMs.toFixed(1).padStart(7)} ${mbps.toFixed(1).padStart(6)} ${exactMs.toFixed(1).padStart(10)} ${(scanMs / exactMs).toFixed(2).padStart(10)}x  ${risk}`);
    if (bytes === 100 * 1024 && every === 2) {
      const fuseMs = time(1, () => naiveFuse(normalizedLines.join('\n')));
      console.log(`         naive Fuse.match per term on this 100 KB: ${fuseMs.toFixed(0)} ms, ${(fuseMs / scanMs).toFixed(0)}x slower than the engine`);
    }
  }
}
