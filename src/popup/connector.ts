/** Feeds the popup: reads the tab's reports and the settings from storage, and performs its actions. */
import { browser } from 'wxt/browser';
import type { PackInfo } from '../engine';
import { saveReportDraft } from '../report/draft-store';
import { askBackground } from '../shared/ask-background';
import { resolveLang } from '../shared/i18n';
import type { TabMessage } from '../shared/messages';
import type { PageReport } from '../shared/report';
import { selectionCheckItem, tabStateItem } from '../shared/session-state';
import { policyItem } from '../shared/policy';
import { isTrusted, readSettings, settingsItem, siteOf, trustedFor, trustedSitesItem } from '../shared/settings';
import { viewOfTab } from './tab-view';
import type { PopupActions, PopupData } from './types';

/** A selection check older than this was not what the popup was opened for. */
const SELECTION_FRESH_MS = 60_000;

/** The tab the popup is about: ?tab=ID when opened as a page, else the active tab (when it is a web page). */
export async function popupTabId(search: string): Promise<number | null> {
  const param = new URLSearchParams(search).get('tab');
  if (param && /^\d+$/.test(param)) return Number(param);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  // Lureguard sees the address of web pages only; any other page (settings, PDF viewer, a new
  // tab) is never scanned, whatever the tab showed before.
  return active?.id !== undefined && active.url && /^https?:/.test(active.url) ? active.id : null;
}

/** The active packs come from the background, which holds the rules (the popup does not carry them). */
async function activePacks(): Promise<PackInfo[]> {
  return askBackground<PackInfo[]>({ type: 'pack-info' }, []);
}

export async function loadPopupData(tabId: number | null): Promise<PopupData> {
  const [state, settings, trustedSites, policy, selection, packs] = await Promise.all([
    tabId === null ? Promise.resolve({ frames: {} }) : tabStateItem(tabId).getValue(),
    readSettings(),
    trustedSitesItem.getValue(),
    policyItem.getValue(),
    selectionCheckItem.getValue(),
    activePacks(),
  ]);
  const tab = viewOfTab(state);
  const host = tab?.report.host;
  return {
    lang: resolveLang(settings.language, browser.i18n.getUILanguage()),
    locale: browser.i18n.getUILanguage(),
    tab,
    selection: selection && Date.now() - selection.scannedAt < SELECTION_FRESH_MS ? selection : null,
    paused: settings.paused,
    trusted: !!host && isTrusted(host, trustedFor(host, trustedSites, policy)),
    pauseHidden: policy.hidePauseSwitch === true,
    // A site the policy trusts or always scans: a person's trust would change nothing.
    trustLocked: !!host && (isTrusted(host, policy.trustedSites ?? []) || isTrusted(host, policy.alwaysScanSites ?? [])),
    packs,
  };
}

/** Calls onChange whenever anything the popup shows changes; returns the unsubscribe function. */
export function watchPopupData(tabId: number | null, onChange: () => void): () => void {
  const stops = [settingsItem.watch(onChange), trustedSitesItem.watch(onChange), policyItem.watch(onChange)];
  if (tabId !== null) stops.push(tabStateItem(tabId).watch(onChange));
  return () => stops.forEach((stop) => stop());
}

export function popupActions(tabId: number | null, openedAsPage: boolean): PopupActions {
  return {
    showFinding(frameId, { block, start, end }) {
      if (tabId === null) return;
      const message: TabMessage = { type: 'show-finding', span: { block, start, end } };
      void browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined);
      // Opened as a page (not as the toolbar popup), the page to show is another tab.
      if (openedAsPage) void browser.tabs.update(tabId, { active: true });
    },
    async setTrusted(host, trusted) {
      const site = siteOf(host);
      const sites = await trustedSitesItem.getValue();
      const next = trusted ? [...new Set([...sites, site])].sort() : sites.filter((s) => s !== site && !isTrusted(host, [s]));
      await trustedSitesItem.setValue(next);
    },
    async setPaused(paused) {
      await settingsItem.setValue({ ...(await settingsItem.getValue()), paused });
    },
    openOptions() {
      void browser.runtime.openOptionsPage();
    },
    async checkMessage(text) {
      return askBackground<PageReport | undefined>({ type: 'check-text', text }, undefined);
    },
    async openReport(draft) {
      // In a tab of its own: the toolbar popup closes as soon as the person looks elsewhere.
      await browser.tabs.create({ url: browser.runtime.getURL(await saveReportDraft(draft)) });
    },
  };
}

/** The selection check has been shown: do not show it again next time. */
export async function consumeSelectionCheck(): Promise<void> {
  await selectionCheckItem.setValue(null);
}
