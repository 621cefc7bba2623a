/**
 * The packs a browser has besides the bundled core pack, as stored (storage.local, one item):
 * subscriptions (by a user or forced by policy) with their last good pack and update status,
 * packs imported from files, and the user's switches for packs and single rules.
 */
import { storedItem } from '../shared/stored-item';
import type { RulePack } from '../rules/schema';

/**
 * Where a pack comes from, from the weakest to the strongest: a rule of a later origin replaces a
 * rule of an earlier one (with `overrides: true`), and only a later origin's pack may turn an
 * earlier one's rules off (a file a user imported cannot switch off the rules an admin forced).
 */
export const PACK_ORIGINS = ['bundled', 'imported', 'subscribed', 'policy'] as const;
export type PackOrigin = (typeof PACK_ORIGINS)[number];

export interface PackError {
  message: string;
  at: number;
}

/** What a subscription remembers between updates. */
export interface UpdateStatus {
  /** When the publisher was last asked, and when that last brought a new version. */
  lastChecked?: number;
  lastUpdated?: number;
  /** The last failure, until an update succeeds. */
  error?: PackError;
  /** Failures in a row: each waits longer before the next try (no retry storm). */
  failures: number;
  /** When the next check is due. */
  nextCheck: number;
  /** The server's validators, for a conditional request (ETag / Last-Modified). */
  etag?: string;
  lastModified?: string;
}

export interface SubscriptionRecord {
  url: string;
  /** The publisher's Ed25519 public key (base64 of its 32 bytes). */
  publicKey: string;
  origin: 'subscribed' | 'policy';
  /** The last good pack: kept whatever goes wrong later. Absent until a first download succeeds. */
  pack?: RulePack;
  status: UpdateStatus;
}

export interface ImportedRecord {
  pack: RulePack;
  importedAt: number;
  fileName: string;
}

export interface InstalledPacks {
  subscriptions: SubscriptionRecord[];
  imported: ImportedRecord[];
  /** Packs the user switched off, by pack id (the bundled one included). */
  disabledPacks: string[];
  /** Single rules the user switched off, by rule id. */
  disabledRules: string[];
}

export const NO_INSTALLED_PACKS: InstalledPacks = { subscriptions: [], imported: [], disabledPacks: [], disabledRules: [] };

export const installedPacksItem = storedItem<InstalledPacks>('local:installedPacks', NO_INSTALLED_PACKS);
