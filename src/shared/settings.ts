/** Settings, as typed storage items (stored-item.ts). Per-tab state is in session-state.ts. */
import { effectiveSettings, type Policy, policyItem } from './policy';
import { readStoredItems, storedItem } from './stored-item';

export type WarningThreshold = 'medium' | 'high' | 'off';
export type LanguageSetting = 'auto' | 'en' | 'zh';

export interface Settings {
  /** Highlight matched text on pages. */
  highlight: boolean;
  /** The lowest risk that shows the in-page warning bar. */
  warningThreshold: WarningThreshold;
  language: LanguageSetting;
  /** Lureguard paused: no scanning anywhere until resumed. */
  paused: boolean;
}

export const DEFAULT_SETTINGS: Settings = { highlight: true, warningThreshold: 'medium', language: 'auto', paused: false };

export const settingsItem = storedItem<Settings>('local:settings', DEFAULT_SETTINGS);

/** Host names the user trusts: never scanned. */
export const trustedSitesItem = storedItem<string[]>('local:trustedSites', []);

/**
 * The settings and trusted sites for a page at host, as the admin's policy leaves them (locked
 * settings, sites it trusts, sites it always scans), in one read of storage: a page's start-up
 * waits for it.
 */
export async function readProtectionSettings(host: string): Promise<{ settings: Settings; trusted: string[] }> {
  const [settings, trusted, policy] = await readStoredItems([settingsItem, trustedSitesItem, policyItem]);
  return { settings: effectiveSettings(settings, policy), trusted: trustedFor(host, trusted, policy) };
}

/** The settings as the policy leaves them (for the background and the popup). */
export async function readSettings(): Promise<Settings> {
  const [settings, policy] = await readStoredItems([settingsItem, policyItem]);
  return effectiveSettings(settings, policy);
}

/** The sites trusted on host: the user's and the policy's, none where the policy always scans. */
export function trustedFor(host: string, userTrusted: readonly string[], policy: Policy): string[] {
  if (isTrusted(host, policy.alwaysScanSites ?? [])) return [];
  return [...userTrusted, ...(policy.trustedSites ?? [])];
}

/** A host is trusted when it or a parent domain is in the list (trusting example.com covers www.example.com). */
export function isTrusted(host: string, trusted: readonly string[]): boolean {
  const name = host.toLowerCase();
  return trusted.some((site) => name === site || name.endsWith(`.${site}`));
}

/** The name a trusted site is stored under: lower case, without "www." (which the match covers). */
export function siteOf(host: string): string {
  return host.toLowerCase().replace(/^www\./, '');
}

/** Normalizes what a user typed as a site into a host name, or null when it is not one. */
export function siteFromInput(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`);
    return /^[a-z0-9.-]+$/.test(url.hostname) && url.hostname.includes('.') ? siteOf(url.hostname) : null;
  } catch {
    return null;
  }
}
