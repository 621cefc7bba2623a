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

/** Per-tab state lives in session storage: MV3 service workers are stopped at any time. */
export const tabStateItem = (tabId: number) => storage.defineItem<TabState>(`session:tab:${tabId}`, { fallback: { frames: {} } });

/** The last "Check selected text" result, shown by the popup. */
export const selectionCheckItem = storage.defineItem<PageReport | null>('session:selectionCheck', { fallback: null });

