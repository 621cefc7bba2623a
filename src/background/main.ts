/**
 * The background: stores what content scripts report (validated: they run inside untrusted
 * pages), keeps the badge, clears a tab when it navigates, and runs the context menu.
 */
import { browser } from 'wxt/browser';
import { CATEGORY_LABELS, RISK_LABELS } from '../engine/labels';
import { resolveLang, translate } from '../shared/i18n';
import { parseContentMessage } from '../shared/messages';
import { selectionCheckItem, tabStateItem } from '../shared/session-state';
import { settingsItem, siteOf, trustedSitesItem } from '../shared/settings';
import { checkText } from '../shared/check-text';
import { clearTab, storeFrameReport } from './tab-reports';

const CHECK_SELECTION_MENU = 'lureguard-check-selection';

/** Opens the popup; where the browser will not (no focused window, older browser), the same view in a tab. */
async function openExplanation(tabId: number | undefined): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    const query = tabId === undefined ? '' : `?tab=${tabId}`;
    await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html${query}` as '/popup.html') });
  }
}

async function addTrustedSite(host: string): Promise<void> {
  const trusted = await trustedSitesItem.getValue();
  const site = siteOf(host);
  if (!trusted.includes(site)) await trustedSitesItem.setValue([...trusted, site].sort());
}

export async function checkSelection(text: string, tab: { id?: number; url?: string } | undefined): Promise<void> {
  const url = tab?.url ?? '';
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    // Some pages (PDF viewers, about: pages) have no usable URL; the check does not need one.
  }
  const report = checkText(text, { url, host });
  await selectionCheckItem.setValue(report);
  try {
    await browser.action.openPopup();
  } catch {
    const settings = await settingsItem.getValue();
    const lang = resolveLang(settings.language, browser.i18n.getUILanguage());
    const kind = report.category && report.risk !== 'low' && report.risk !== 'none' ? ` — ${CATEGORY_LABELS[report.category][lang]}` : '';
    await browser.notifications.create({
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png' as '/popup.html'),
      title: translate(lang, 'notificationTitle', `${RISK_LABELS[report.risk][lang]}${kind}`),
      message: report.explanation[lang],
    });
  }
}

export function runBackground(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: CHECK_SELECTION_MENU,
      title: browser.i18n.getMessage('contextMenuCheck') || 'Check selected text with Lureguard',
      contexts: ['selection'],
    });
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === CHECK_SELECTION_MENU && info.selectionText) void checkSelection(info.selectionText, tab);
  });

  browser.runtime.onMessage.addListener((raw, sender) => {
    // Only content scripts send these; anything malformed is ignored.
    const message = sender.tab ? parseContentMessage(raw) : null;
    const tabId = sender.tab?.id;
    if (!message || tabId === undefined) return undefined;
    if (message.type === 'page-report') return storeFrameReport(tabId, sender.frameId ?? 0, message.report).then(() => ({ ok: true }));
    if (message.type === 'open-explanation') return openExplanation(tabId).then(() => ({ ok: true }));
    if (message.type === 'trust-site') return addTrustedSite(message.host).then(() => ({ ok: true }));
    return undefined;
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    // The tab is going to another address: what it showed before no longer applies. (A frame
    // loading inside the page also sets "loading", but does not change the tab's address.)
    if (change.status === 'loading' && change.url !== undefined) void clearTab(tabId, change.url);
  });
  browser.tabs.onRemoved.addListener((tabId) => void tabStateItem(tabId).removeValue());
}
