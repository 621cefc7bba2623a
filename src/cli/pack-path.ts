/** Loads a pack from what an author names on the command line: a pack source folder or a pack JSON file. */
import { readFileSync, statSync } from 'node:fs';
import { readPackSource } from '../rules/pack-source';
import type { RulePack } from '../rules/schema';
import { parsePack } from '../rules/validate';

/** ruleFiles: each rule's own file, for a source folder (messages then name it). */
export type LoadedPack = { ok: true; pack: RulePack; warnings: string[]; ruleFiles: string[] | null } | { ok: false; errors: string[] };

export function loadPackPath(path: string): LoadedPack {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    return { ok: false, errors: [`${path}: cannot read the rule pack: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`] };
  }
  if (isFolder) {
    const source = readPackSource(path);
    return source.ok ? { ok: true, pack: source.pack, warnings: source.warnings, ruleFiles: source.ruleFiles } : { ok: false, errors: source.errors };
  }
  const parsed = parsePack(readFileSync(path, 'utf8'), path);
  return parsed.ok ? { ok: true, pack: parsed.pack, warnings: [], ruleFiles: null } : parsed;
}
