/**
 * `npm run scan`: the engine on files, for rule authors. One process, the rule set compiled
 * once, so many inputs in one call are fast. A bad pack or unreadable input is reported on
 * stderr and turns the exit status to 2; the other inputs are still scanned and reported.
 */
import { readFile } from 'node:fs/promises';
import { compileRuleSet, scan } from '../engine';
import { corePack } from '../rules/core-pack';
import type { RulePack } from '../rules/schema';
import { parsePack } from '../rules/validate';
import { USAGE, parseCliArgs } from './args';
import { loadInput } from './inputs';
import { jsonReport, readableReport } from './report';

async function loadPacks(paths: string[], includeCore: boolean): Promise<{ packs: RulePack[]; errors: string[] }> {
  const packs: RulePack[] = includeCore ? [corePack] : [];
  const errors: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      errors.push(`${path}: cannot read the rule pack: ${(error as Error).message}`);
      continue;
    }
    const result = parsePack(text, path);
    if (result.ok) packs.push(result.pack);
    else errors.push(...result.errors.map((e) => `${e} (pack not loaded)`));
  }
  return { packs, errors };
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file (check the path)';
  if (code === 'EISDIR') return 'it is a directory (give the files inside it)';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error).message;
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.inputs.length === 0) {
    console.error(`no input given\n\n${USAGE}`);
    return 2;
  }
  let status = 0;
  const { packs, errors } = await loadPacks(options.packs, options.core);
  for (const error of errors) console.error(`lureguard: ${error}`);
  if (errors.length > 0) status = 2;
  if (packs.length === 0) {
    console.error('lureguard: no rule pack could be loaded; nothing to scan with');
    return 2;
  }
  let ruleSet;
  try {
    ruleSet = compileRuleSet(packs);
  } catch (error) {
    console.error(`lureguard: ${(error as Error).message}`);
    return 2;
  }
  for (const { rule, pack, replaced } of ruleSet.replaced) console.error(`lureguard: pack "${pack}" replaces the rule "${rule}" of pack "${replaced}"`);
  for (const path of options.inputs) {
    let input;
    try {
      input = await loadInput(path);
    } catch (error) {
      console.error(`lureguard: ${path}: cannot read the input: ${describeReadError(error)}`);
      status = 2;
      continue;
    }
    const result = scan(input.segments, ruleSet);
    console.log(options.json ? jsonReport(path, result, ruleSet) : `${readableReport(path, input.text, result, ruleSet)}\n`);
  }
  return status;
}

main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
