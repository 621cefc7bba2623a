/**
 * Per-tab state and the last selection check, in session storage. Kept apart from settings.ts:
 * content scripts may not use session storage, and a session item defined in a module they import
 * throws on every page ("Access to storage is not allowed from this context").
 */
import { storage } from 'wxt/utils/storage';
import type { PageReport } from './report';

/** What the background knows of a tab: the report of each frame, by frame id. */
export interface TabState {
  frames: Record<string, PageReport>;
}

/** A tab of which nothing is stored (a fresh object each time: callers may build on it). */
const noState = (): TabState => ({ frames: {} });

/**
 * Per-tab state lives in session storage: MV3 service workers are stopped at any time. Not a
 * WXT storage item: defining one reads its value at once, and the background would then read a
 * tab's whole state (often ~100 KB) back from storage every time it writes it.
 */
export const tabStateItem = (tabId: number) => {
  const key = `session:tab:${tabId}` as const;
  return {
    getValue: async (): Promise<TabState> => (await storage.getItem<TabState>(key)) ?? noState(),
    setValue: (state: TabState) => storage.setItem(key, state),
    removeValue: () => storage.removeItem(key),
    watch: (onChange: (state: TabState) => void) => storage.watch<TabState>(key, (state) => onChange(state ?? noState())),
  };
};

/** The last "Check selected text" result, shown by the popup. */
export const selectionCheckItem = storage.defineItem<PageReport | null>('session:selectionCheck', { fallback: null });

