/**
 * The protection settings of the top frame, asked for as the document starts (by the script that
 * runs then, entrypoints/click-shield.ts): the content script runs only once the document is
 * parsed, and reading storage then made a page's scan wait a round trip to the browser, a
 * sizeable part of the time from the page's load to its verdict. Read this early, the answer is
 * there when the content script starts. Nothing of the page is read before the settings are known.
 *
 * Kept on the isolated world's global object, which the page's scripts cannot see, so that the
 * early script and the content script (separate bundles) share it, like the click shield.
 */
import { readProtectionSettings } from '../shared/settings';

const EARLY_SETTINGS = Symbol.for('lureguard.early-settings');

export type ProtectionSettings = Awaited<ReturnType<typeof readProtectionSettings>>;

interface EarlyRead {
  host: string;
  read: Promise<ProtectionSettings>;
}

type EarlyGlobal = typeof globalThis & { [EARLY_SETTINGS]?: EarlyRead };

/** Starts reading the settings for host (at document_start). */
export function readSettingsEarly(global: typeof globalThis, host: string, read = readProtectionSettings): void {
  const pending = read(host);
  // Never an unhandled rejection: the content script reads again if this read failed.
  pending.catch(() => undefined);
  (global as EarlyGlobal)[EARLY_SETTINGS] = { host, read: pending };
}

/**
 * The settings for host: those read early when there are (once: a later start reads afresh),
 * else a read now. `early` says which, so that the caller can check for a change it could have
 * missed meanwhile.
 */
export async function settingsAtStart(global: typeof globalThis, host: string, read = readProtectionSettings): Promise<ProtectionSettings & { early: boolean }> {
  const early = (global as EarlyGlobal)[EARLY_SETTINGS];
  delete (global as EarlyGlobal)[EARLY_SETTINGS];
  if (early?.host === host) {
    try {
      return { ...(await early.read), early: true };
    } catch {
      // Read again below.
    }
  }
  return { ...(await read(host)), early: false };
}

/** Whether two readings of the settings differ. */
export function settingsDiffer(a: ProtectionSettings, b: ProtectionSettings): boolean {
  return JSON.stringify([a.settings, a.trusted]) !== JSON.stringify([b.settings, b.trusted]);
}
