/**
 * When a page keeps removing or hiding the warning bar, the warning leaves the page: a browser
 * notification, which no page can reach, says what the page looks like. Once per tab until it goes
 * to another address, and only for a tab whose verdict warns.
 */
import { isFlagged } from '../engine/types';
import { translate } from '../shared/i18n';
import { notifyVerdict } from './notify';
import { verdictOfTab } from './tab-reports';

/** Tabs already warned about. */
const warned = new Set<number>();

export async function warnOutsidePage(tabId: number): Promise<void> {
  if (warned.has(tabId)) return;
  const verdict = await verdictOfTab(tabId);
  if (!verdict.warn || !isFlagged(verdict.risk) || warned.has(tabId)) return;
  warned.add(tabId);
  await notifyVerdict(verdict, (lang) => translate(lang, 'warningHiddenByPage'), `lureguard-hidden-warning-${tabId}`);
}

export function forgetWarned(tabId: number): void {
  warned.delete(tabId);
}
