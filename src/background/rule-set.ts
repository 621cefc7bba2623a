/**
 * The active rule set, compiled once per background lifetime and shared by every tab and frame
 * (darkreader's rule: the background decides, the page applies). Content scripts never carry or
 * compile rules; a frame sends its text here and gets its judgement back.
 */
import { type CompiledRuleSet, compileRuleSet, type PackInfo, packInfo } from '../engine';
import { corePack } from '../rules/core-pack';

let compiled: CompiledRuleSet | undefined;

/** Compiled on first use: a service worker the browser restarted compiles again, once. */
export function activeRuleSet(): CompiledRuleSet {
  return (compiled ??= compileRuleSet([corePack]));
}

export function activePacks(): PackInfo[] {
  return [packInfo(corePack)];
}
