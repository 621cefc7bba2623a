/**
 * Opens the explanation of a tab's warning ("Why?" on the bar): the popup, or where the browser
 * will not open it (no focused window, an older browser) the same view in a tab. One at a time per
 * page tab: a click while one is opening does nothing, and a second click focuses the tab already
 * opened instead of opening another. (The bar only sends this on a person's click; this is the
 * second line, for whatever else could send it.)
 */
import { browser } from 'wxt/browser';

const opening = new Set<number>();
/** Page tab -> the tab showing its explanation. Lost with the service worker, which is harmless. */
const explanationTabs = new Map<number, number>();

export async function openExplanation(tabId: number): Promise<void> {
  if (opening.has(tabId)) return;
  opening.add(tabId);
  try {
    await openOnce(tabId);
  } finally {
    opening.delete(tabId);
  }
}

async function openOnce(tabId: number): Promise<void> {
  try {
    await browser.action.openPopup();
    return;
  } catch {
    // Fall through to a tab.
  }
  const shown = explanationTabs.get(tabId);
  if (shown !== undefined) {
    try {
      const tab = await browser.tabs.update(shown, { active: true });
      if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
      return;
    } catch {
      explanationTabs.delete(tabId); // Closed since.
    }
  }
  const tab = await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?tab=${tabId}` as '/popup.html') });
  if (tab.id !== undefined) explanationTabs.set(tabId, tab.id);
}

/** A tab closed: it no longer needs, nor is, an explanation. */
export function forgetExplanation(tabId: number): void {
  explanationTabs.delete(tabId);
  for (const [page, shown] of explanationTabs) if (shown === tabId) explanationTabs.delete(page);
}
