/**
 * The active rule set, kept across service-worker restarts: a browser stops an idle worker
 * often, and loading the stored set (IndexedDB, structured clone with its typed arrays) takes
 * about a quarter of compiling the packs again. One set is kept, under a key naming what it was
 * compiled from (the packs' ids, versions and rules) and by which version of Lureguard (a new
 * engine may compile the same packs differently); any other key is a miss, and the caller
 * compiles.
 */
import { del, get, set } from 'idb-keyval';
import { browser } from 'wxt/browser';
import type { CompiledRuleSet } from '../engine';
import { deserializeRuleSet, type SerializedRuleSet, serializeRuleSet } from '../engine/serialize';

const ENTRY = 'active-rule-set';

interface StoredRuleSet {
  key: string;
  data: SerializedRuleSet;
}

const fullKey = (key: string) => `${browser.runtime.getManifest().version}\n${key}`;

export async function cachedRuleSet(key: string): Promise<CompiledRuleSet | undefined> {
  try {
    const stored = await get<StoredRuleSet>(ENTRY);
    return stored?.key === fullKey(key) ? deserializeRuleSet(stored.data) : undefined;
  } catch {
    // No IndexedDB (a private window's restrictions, a full disk): compile instead.
    return undefined;
  }
}

export async function cacheRuleSet(key: string, ruleSet: CompiledRuleSet): Promise<void> {
  try {
    await set(ENTRY, { key: fullKey(key), data: serializeRuleSet(ruleSet) } satisfies StoredRuleSet);
  } catch {
    // Not stored: the next restart compiles, as it would without a cache. (Without IndexedDB at
    // all, del throws too, and there is nothing to delete.)
    try {
      await del(ENTRY);
    } catch {
      // Nothing stored, nothing to remove.
    }
  }
}
