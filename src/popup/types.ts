/** The popup is a view over data and actions; the connector provides them, tests provide fixtures. */
import type { Lang } from '../shared/i18n';
import type { BlockSpan, PageReport } from '../shared/report';
import type { TabView } from './tab-view';

export interface PopupData {
  lang: Lang;
  /** The browser's locale (zh-TW, en-SG…): which anti-fraud hotline to name first. */
  locale: string;
  /** The current tab, or null when it has nothing to show (not a web page, not loaded yet). */
  tab: TabView | null;
  /** The result of "Check selected text", when the popup was opened for it. */
  selection: PageReport | null;
  paused: boolean;
  /** Whether the current tab's site is trusted. */
  trusted: boolean;
}

export interface PopupActions {
  showFinding(frameId: number, span: BlockSpan): void;
  setTrusted(host: string, trusted: boolean): void;
  setPaused(paused: boolean): void;
  openOptions(): void;
  /** The background judges it; undefined when it cannot be reached. */
  checkMessage(text: string): Promise<PageReport | undefined>;
}
