import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRuleSet } from '../../src/engine';
import { validatePack } from '../../src/rules/validate';

// Path arithmetic on the file path, not the URL class: DOM test environments replace URL.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoPath = (relative: string) => join(ROOT, relative);

/** The core pack as shipped, validated the way any pack is. */
export function loadCorePack() {
  const validation = validatePack(JSON.parse(readFileSync(repoPath('rules/core.json'), 'utf8')), 'rules/core.json');
  if (!validation.ok) throw new Error(validation.errors.join('\n'));
  return validation.pack;
}

export const coreRuleSet = () => compileRuleSet([loadCorePack()]);
