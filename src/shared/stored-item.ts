/**
 * A value kept in extension storage under one key, read as a fallback while nothing is stored.
 *
 * Written on the browser's storage areas directly, not on WXT's storage module:
 * - its `defineItem` reads the item's value as soon as it is defined, so every frame of every page
 *   made a storage call per item its modules define before its own read of the settings (which a
 *   page's scan waits for), and the background read a tab's whole state back each time it wrote it;
 * - the module with its lock library was ~8 KB of the content script's 56 (built), which every
 *   frame compiles, for the four calls used here (no versions, migrations or metadata).
 */
import { browser } from 'wxt/browser';

type AreaName = 'local' | 'session' | 'sync' | 'managed';
/** An item's key: its storage area, a colon, its name in that area ("local:settings"). */
export type StoredItemKey = `${AreaName}:${string}`;

type StorageArea = (typeof browser.storage)['local'];
type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;

export interface StoredItem<T> {
  readonly key: StoredItemKey;
  readonly fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back when another value is stored (or it is removed: the fallback); returns the unsubscribe function. */
  watch(onChange: (value: T, previous: T) => void): () => void;
}

/** The area and the name in it of a key ("session:tabState:4" is "tabState:4" in session storage). */
function placeOf(key: StoredItemKey): { area: StorageArea; name: string } {
  const colon = key.indexOf(':');
  const area = browser.storage[key.slice(0, colon) as AreaName] as StorageArea | undefined;
  if (!area) throw new Error(`this browser has no ${key.slice(0, colon)} storage (item ${key})`);
  return { area, name: key.slice(colon + 1) };
}

/** A stored value as read: missing or null is the fallback (as WXT's items read it). */
const orFallback = <T>(value: unknown, fallback: T): T => (value ?? fallback) as T;

export function storedItem<T>(key: StoredItemKey, fallback: T): StoredItem<T> {
  return {
    key,
    fallback,
    getValue: async () => {
      const { area, name } = placeOf(key);
      return orFallback((await area.get(name))[name], fallback);
    },
    setValue: async (value) => {
      const { area, name } = placeOf(key);
      await area.set({ [name]: value });
    },
    removeValue: async () => {
      const { area, name } = placeOf(key);
      await area.remove(name);
    },
    watch: (onChange) => {
      const { area, name } = placeOf(key);
      const listener = (changes: Changes) => {
        const change = changes[name];
        // Storage values are JSON, so equal JSON is the same value: a browser may report a value
        // stored again unchanged, and a watcher (a page's rescan) need not run for it.
        if (!change || JSON.stringify(change.newValue) === JSON.stringify(change.oldValue)) return;
        onChange(orFallback(change.newValue, fallback), orFallback(change.oldValue, fallback));
      };
      area.onChanged.addListener(listener);
      return () => area.onChanged.removeListener(listener);
    },
  };
}

type ValuesOf<Items extends readonly StoredItem<unknown>[]> = { [Index in keyof Items]: Items[Index] extends StoredItem<infer T> ? T : never };

/** Several items' values, with one storage call per area (a page's start-up waits for its settings). */
export async function readStoredItems<const Items extends readonly StoredItem<unknown>[]>(items: Items): Promise<ValuesOf<Items>> {
  const namesByArea = new Map<StorageArea, string[]>();
  const places = items.map((item) => placeOf(item.key));
  for (const { area, name } of places) namesByArea.set(area, [...(namesByArea.get(area) ?? []), name]);
  const found = new Map<StorageArea, Record<string, unknown>>();
  await Promise.all([...namesByArea].map(async ([area, names]) => found.set(area, await area.get(names))));
  return places.map(({ area, name }, index) => orFallback(found.get(area)![name], items[index]!.fallback)) as ValuesOf<Items>;
}
