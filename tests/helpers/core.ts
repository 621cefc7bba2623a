import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRuleSet } from '../../src/engine';
import { readPackSource } from '../../src/rules/pack-source';

// Path arithmetic on the file path, not the URL class: DOM test environments replace URL.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoPath = (relative: string) => join(ROOT, relative);

/**
 * The core pack from its source files (rules/core), validated the way any pack is. A test
 * checks that rules/core.json, what the extension ships, is exactly this pack built.
 */
export function loadCorePack() {
  const source = readPackSource(repoPath('rules/core'), ROOT);
  if (!source.ok) throw new Error(source.errors.join('\n'));
  return source.pack;
}

export const coreRuleSet = () => compileRuleSet([loadCorePack()]);
