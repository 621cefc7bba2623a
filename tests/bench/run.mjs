// Bundles the benchmark with esbuild, as the extension's own build bundles the engine, and runs
// it: the figures are then those of the code that ships, not of a per-module dev transform.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

const [entry, ...flags] = process.argv.slice(2);
// Browser benchmarks drive Chromium through playwright-core, which stays a plain dependency.
const external = flags.includes('--external-packages') ? { packages: 'external' } : {};
mkdirSync('node_modules/.cache/bench', { recursive: true });
const outfile = `node_modules/.cache/bench/${entry.split('/').pop().replace(/\.ts$/, '.mjs')}`;
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error', ...external });
await import(`${process.cwd()}/${outfile}`);
