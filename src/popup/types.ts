/** The popup is a view over data and actions; the connector provides them, tests provide fixtures. */
import type { PackInfo } from '../engine';
import type { Lang } from '../shared/i18n';
import type { BlockSpan, PageReport } from '../shared/report';
import type { ReportDraft } from '../shared/report-draft';
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
  /** What the admin's policy decides here: no pause switch, and whether this site is trusted. */
  pauseHidden: boolean;
  trustLocked: boolean;
  /** The active rule packs: which of them take reports, and where. */
  packs: PackInfo[];
}

export interface PopupActions {
  showFinding(frameId: number, span: BlockSpan): void;
  setTrusted(host: string, trusted: boolean): void;
  setPaused(paused: boolean): void;
  openOptions(): void;
  /** The background judges it; undefined when it cannot be reached. */
  checkMessage(text: string): Promise<PageReport | undefined>;
  /** Opens the report for the person to review and send (nothing is sent by opening it). */
  openReport(draft: ReportDraft): void;
}
