/**
 * What an admin's browser policy sets (storage.managed, described to the browser by
 * public/managed-schema.json): forced subscriptions, whether people may add packs, locked
 * settings, sites always trusted or always scanned, and whether the pause switch is shown.
 *
 * Read from managed storage by policy-schema.ts (in the background only: it brings zod, which the
 * content script, reading the mirrored policy below, does without).
 */
import { storedItem } from './stored-item';
import type { Policy } from './policy-schema';
import type { Settings } from './settings';

export type { Policy };

/** The settings a policy can lock. */
export const LOCKABLE_SETTINGS = ['warningThreshold', 'highlight', 'language'] as const satisfies readonly (keyof Settings)[];

/** The user's settings with the policy's locked ones put over them; no pausing where the switch is hidden. */
export function effectiveSettings(settings: Settings, policy: Policy): Settings {
  const locked: Partial<Settings> = {};
  for (const name of LOCKABLE_SETTINGS) if (policy[name] !== undefined) (locked as Record<string, unknown>)[name] = policy[name];
  return { ...settings, ...locked, paused: policy.hidePauseSwitch ? false : settings.paused };
}

/**
 * The policy as the background last read it, mirrored into local storage: content scripts read
 * it with the settings in one storage call (and managed storage is missing in some browsers).
 */
export const policyItem = storedItem<Policy>('local:policy', {});
