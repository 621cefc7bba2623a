/** `rules build`: a pack source folder, validated and checked, compiled into the pack JSON the code loads. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { lintPack } from '../rules/lint';
import { readPackSource } from '../rules/pack-source';
import { formatLint } from './rules-validate';

export const CORE_SOURCE = 'rules/core';
export const CORE_PACK = 'rules/core.json';

export function buildCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' } } });
  const sourceDir = positionals[0] ?? CORE_SOURCE;
  const out = values.out ?? (positionals[0] ? `${sourceDir.replace(/\/+$/, '')}.json` : CORE_PACK);
  const source = readPackSource(sourceDir);
  for (const warning of source.warnings) console.error(`warning: ${warning}`);
  if (!source.ok) {
    for (const error of source.errors) console.error(error);
    console.error(`${sourceDir}: not built (${source.errors.length} error${source.errors.length === 1 ? '' : 's'}); ${out} is unchanged`);
    return 2;
  }
  const problems = lintPack(source.pack);
  if (problems.length > 0) {
    console.error(formatLint(problems, source.ruleFiles, source.pack));
    console.error(`${sourceDir}: not built; ${out} is unchanged`);
    return 2;
  }
  // Generated: the header says so, and $schema gives editors the pack shape.
  const pack = { $schema: './schema.json', ...source.pack };
  writeFileSync(out, `${JSON.stringify(pack, null, 2)}\n`);
  console.log(`wrote ${out}: ${pack.rules.length} rules, ${pack.sources.length} sources (generated from ${sourceDir}; do not edit by hand)`);
  return 0;
}
