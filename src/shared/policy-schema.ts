/**
 * Reads an admin's policy (storage.managed) field by field: it comes from outside the extension,
 * so one malformed value is ignored (and named in the options page), never the whole policy.
 * The fields are those of public/managed-schema.json.
 */
import { z } from 'zod';
import { siteOf } from './settings';

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
