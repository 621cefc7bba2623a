/** Command-line arguments of `npm run scan`. */
import { parseArgs } from 'node:util';

export const USAGE = `usage: npm run scan -- [--pack FILE]... [--no-core] [--json] PATH...

Scans each PATH with the Lureguard engine and reports its risk, why, and the sourced cases.
  PATH         an .html/.htm file (visible text only), any other text file, or - for standard input
  --pack FILE  also load this rule pack (repeatable); it is validated first
  --no-core    do not load the bundled core pack (only the --pack packs)
  --json       one JSON object per input, one per line
Exit status: 0 when every input and pack was read, 2 when any could not be.`;

export interface CliOptions {
  packs: string[];
  core: boolean;
  json: boolean;
  inputs: string[];
  help: boolean;
}

export function parseCliArgs(argv: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      pack: { type: 'string', multiple: true, default: [] },
      'no-core': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return { packs: values.pack ?? [], core: !values['no-core'], json: values.json ?? false, inputs: positionals, help: values.help ?? false };
}
