/**
 * Which rules are active, from every pack a browser has: packs in the order of their origin
 * (bundled, imported, subscribed, policy: a later one's rule replaces an earlier one's with
 * `overrides: true`), without the packs and rules switched off. A pack's `disables` turns off
 * rules of packs from weaker origins only, and a person's switches do not reach policy packs:
 * what an admin forces stays on.
 */
import type { RulePack } from '../rules/schema';
import { PACK_ORIGINS, type PackOrigin } from './installed';

export interface OriginPack {
  pack: RulePack;
  origin: PackOrigin;
}

export interface Switches {
  disabledPacks: readonly string[];
  disabledRules: readonly string[];
}

export const originStrength = (origin: PackOrigin) => PACK_ORIGINS.indexOf(origin);

/** A person may switch a pack or rule off unless an admin's policy put it there. */
export const isSwitchable = (origin: PackOrigin) => origin !== 'policy';

/** The id of a pack from a stronger origin whose `disables` turns off this rule of a pack from origin, if any. */
export function disablerOf(packs: readonly OriginPack[], origin: PackOrigin, ruleId: string): string | undefined {
  return packs.find((other) => originStrength(other.origin) > originStrength(origin) && other.pack.disables?.includes(ruleId))?.pack.id;
}

/** The packs to compile, weakest first, each with only its active rules; packs left without rules are dropped. */
export function packsToCompile(packs: readonly OriginPack[], switches: Switches): RulePack[] {
  const present = packs
    .filter(({ pack, origin }) => !(isSwitchable(origin) && switches.disabledPacks.includes(pack.id)))
    .sort((a, b) => originStrength(a.origin) - originStrength(b.origin));
  const disabledRules = new Set(switches.disabledRules);
  return present
    .map(({ pack, origin }) => {
      const rules = pack.rules.filter((rule) => disablerOf(present, origin, rule.id) === undefined && !(isSwitchable(origin) && disabledRules.has(rule.id)));
      return rules.length === pack.rules.length ? pack : { ...pack, rules };
    })
    .filter((pack) => pack.rules.length > 0);
}
