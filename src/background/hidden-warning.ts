/**
 * When a page keeps removing or hiding the warning bar, the warning leaves the page: a browser
 * notification, which no page can reach, says what the page looks like. Once per tab until it goes
 * to another address, and only for a tab whose verdict warns.
 */
import { browser } from 'wxt/browser';
import { CATEGORY_LABELS, RISK_LABELS } from '../engine/labels';
import { isFlagged } from '../engine/types';
import { resolveLang, translate } from '../shared/i18n';
import { settingsItem } from '../shared/settings';
import { verdictOfTab } from './tab-reports';

/** Tabs already warned about. */
const warned = new Set<number>();

export async function warnOutsidePage(tabId: number): Promise<void> {
  if (warned.has(tabId)) return;
  const verdict = await verdictOfTab(tabId);
  if (!verdict.warn || !isFlagged(verdict.risk) || warned.has(tabId)) return;
  warned.add(tabId);
  const settings = await settingsItem.getValue();
  const lang = resolveLang(settings.language, browser.i18n.getUILanguage());
  const kind = verdict.category ? ` — ${CATEGORY_LABELS[verdict.category][lang]}` : '';
  await browser.notifications.create(`lureguard-hidden-warning-${tabId}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png' as '/popup.html'),
    title: translate(lang, 'notificationTitle', `${RISK_LABELS[verdict.risk][lang]}${kind}`),
    message: translate(lang, 'warningHiddenByPage'),
  });
}

export function forgetWarned(tabId: number): void {
  warned.delete(tabId);
}
