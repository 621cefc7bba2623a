// Bundles the benchmark with esbuild, as the extension's own build bundles the engine, and runs
// it: the figures are then those of the code that ships, not of a per-module dev transform.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

const [entry] = process.argv.slice(2);
mkdirSync('node_modules/.cache/bench', { recursive: true });
const outfile = `node_modules/.cache/bench/${entry.split('/').pop().replace(/\.ts$/, '.mjs')}`;
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
await import(`${process.cwd()}/${outfile}`);
