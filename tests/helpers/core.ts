import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileRuleSet } from '../../src/engine';
import { validatePack } from '../../src/rules/validate';

export const repoPath = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

/** The core pack as shipped, validated the way any pack is. */
export function loadCorePack() {
  const validation = validatePack(JSON.parse(readFileSync(repoPath('rules/core.json'), 'utf8')), 'rules/core.json');
  if (!validation.ok) throw new Error(validation.errors.join('\n'));
  return validation.pack;
}

export const coreRuleSet = () => compileRuleSet([loadCorePack()]);
