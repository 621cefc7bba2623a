/**
 * What an admin's browser policy sets (storage.managed, described to the browser by
 * public/managed-schema.json): forced subscriptions, whether people may add packs, locked
 * settings, sites always trusted or always scanned, and whether the pause switch is shown.
 *
 * Policy comes from outside the extension, so it is read field by field: one malformed value is
 * ignored (and named in the options page), never the whole policy.
 */
import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { type Settings, siteOf } from './settings';

const fieldSchemas = {
  subscriptions: z.array(z.strictObject({ url: z.string().min(1), publicKey: z.string().min(1) })),
  allowUserPacks: z.boolean(),
  warningThreshold: z.enum(['medium', 'high', 'off']),
  highlight: z.boolean(),
  language: z.enum(['auto', 'en', 'zh']),
  trustedSites: z.array(z.string().min(1)),
  alwaysScanSites: z.array(z.string().min(1)),
  hidePauseSwitch: z.boolean(),
};

export type Policy = { [K in keyof typeof fieldSchemas]?: z.infer<(typeof fieldSchemas)[K]> } & {
  /** Policy fields that were set but could not be read. */
  ignored?: string[];
};

/** The settings a policy can lock. */
export const LOCKABLE_SETTINGS = ['warningThreshold', 'highlight', 'language'] as const satisfies readonly (keyof Settings)[];

export function parsePolicy(raw: unknown): Policy {
  const policy: Policy = {};
  if (!raw || typeof raw !== 'object') return policy;
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const schema = fieldSchemas[name as keyof typeof fieldSchemas];
    const parsed = schema?.safeParse(value);
    if (parsed?.success) (policy as Record<string, unknown>)[name] = parsed.data;
    else ignored.push(name);
  }
  if (ignored.length > 0) policy.ignored = ignored;
  // Site names as trusted sites are stored (lower case, no www.), and each address forced once.
  if (policy.trustedSites) policy.trustedSites = policy.trustedSites.map(siteOf);
  if (policy.alwaysScanSites) policy.alwaysScanSites = policy.alwaysScanSites.map(siteOf);
  if (policy.subscriptions) policy.subscriptions = policy.subscriptions.filter((s, i, all) => all.findIndex((other) => other.url === s.url) === i);
  return policy;
}

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
export const policyItem = storage.defineItem<Policy>('local:policy', { fallback: {}, version: 1 });
