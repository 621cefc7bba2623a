/** `rules masscheck`: per-rule statistics of packs over labelled corpora. */
import { parseArgs } from 'node:util';
import { compileRuleSet } from '../engine';
import { readCorpora } from '../fit/corpus';
import { analyzeItems } from '../fit/dataset';
import { formatMasscheck, masscheck } from '../fit/masscheck';
import type { RulePack } from '../rules/schema';
import { CORE_SOURCE } from './rules-build';
import { loadPackPath } from './pack-path';

/** Loads the --pack paths (default: the core pack's source); errors are printed. */
export function loadPacks(paths: readonly string[]): RulePack[] | null {
  const packs: RulePack[] = [];
  let failed = false;
  for (const path of paths.length > 0 ? paths : [CORE_SOURCE]) {
    const loaded = loadPackPath(path);
    if (loaded.ok) packs.push(loaded.pack);
    else {
      for (const error of loaded.errors) console.error(error);
      failed = true;
    }
  }
  return failed ? null : packs;
}

/** Reads the corpora; errors are printed. */
export function loadCorpora(paths: readonly string[]) {
  if (paths.length === 0) {
    console.error('name at least one corpus (.jsonl, the schema of shared/corpus/README.md)');
    return null;
  }
  const { items, errors } = readCorpora(paths);
  for (const error of errors) console.error(error);
  return errors.length > 0 ? null : items;
}

export function masscheckCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { pack: { type: 'string', multiple: true, default: [] }, benign: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  const packs = loadPacks(values.pack ?? []);
  const items = loadCorpora(positionals);
  if (!packs || !items) return 2;
  const ruleSet = compileRuleSet(packs);
  const result = masscheck(analyzeItems(items, ruleSet), ruleSet);
  console.log(values.json ? JSON.stringify(result) : formatMasscheck(result, values.benign ?? false));
  return 0;
}
