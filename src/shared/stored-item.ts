/**
 * A value kept in extension storage under one key, read as a fallback while nothing is stored.
 * Not WXT's storage.defineItem: defining one of those reads its value from storage at once, so
 * every frame of every page would make a storage call per item its modules define before its own
 * read of the settings (which a page's scan waits for), and the background would read a tab's
 * whole state back each time it wrote it. These read only when asked.
 */
import { storage, type StorageItemKey } from 'wxt/utils/storage';

export interface StoredItem<T> {
  readonly key: StorageItemKey;
  readonly fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back when another value is stored (or it is removed: the fallback); returns the unsubscribe function. */
  watch(onChange: (value: T, previous: T) => void): () => void;
}

/** The item; `storage.getItems` reads several items in one call. */
export function storedItem<T>(key: StorageItemKey, fallback: T): StoredItem<T> {
  return {
    key,
    fallback,
    getValue: async () => (await storage.getItem<T>(key)) ?? fallback,
    setValue: (value) => storage.setItem(key, value),
    removeValue: () => storage.removeItem(key),
    watch: (onChange) => storage.watch<T>(key, (value, previous) => onChange(value ?? fallback, previous ?? fallback)),
  };
}
