/**
 * Per-tab state and the last selection check, in session storage. Kept apart from settings.ts:
 * content scripts may not use session storage ("Access to storage is not allowed from this
 * context"), and nothing of it belongs in their bundle.
 */
import { storedItem } from './stored-item';
import type { PageReport } from './report';

/** What the background knows of a tab: the report of each frame, by frame id. */
export interface TabState {
  frames: Record<string, PageReport>;
}

/** Per-tab state lives in session storage: MV3 service workers are stopped at any time. */
export const tabStateItem = (tabId: number) => storedItem<TabState>(`session:tab:${tabId}`, { frames: {} });

/** The last "Check selected text" result, shown by the popup. */
export const selectionCheckItem = storedItem<PageReport | null>('session:selectionCheck', null);

