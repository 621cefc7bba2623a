/**
 * A verdict as a browser notification, where no page reaches and when the popup cannot open:
 * "Lureguard: High risk — a fake job abroad", in the user's language, and a message.
 */
import { browser } from 'wxt/browser';
import { CATEGORY_LABELS, RISK_LABELS } from '../engine/labels';
import { type Category, isFlagged, type Risk } from '../engine/types';
import { type Lang, resolveLang, translate } from '../shared/i18n';
import { readSettings } from '../shared/settings';

export async function notifyVerdict(
  verdict: { risk: Risk; category: Category | null },
  message: (lang: Lang) => string,
  id?: string,
): Promise<void> {
  const settings = await readSettings();
  const lang = resolveLang(settings.language, browser.i18n.getUILanguage());
  const kind = verdict.category && isFlagged(verdict.risk) ? ` — ${CATEGORY_LABELS[verdict.category][lang]}` : '';
  const options = {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('/icon/128.png' as '/popup.html'),
    title: translate(lang, 'notificationTitle', `${RISK_LABELS[verdict.risk][lang]}${kind}`),
    message: message(lang),
  };
  await (id === undefined ? browser.notifications.create(options) : browser.notifications.create(id, options));
}
