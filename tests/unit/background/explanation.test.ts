/** "Why?" on the bar: the explanation opens once per page tab, however often it is asked for. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetExplanation, openExplanation } from '../../../src/background/explanation';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const explanationTabs = async () => (await browser.tabs.query({})).filter((tab) => tab.url?.includes('popup.html?tab=7'));

describe('openExplanation', () => {
  it('opens the popup when the browser lets it', async () => {
    const openPopup = vi.spyOn(browser.action, 'openPopup').mockResolvedValue(undefined as never);
    await openExplanation(7);
    expect(openPopup).toHaveBeenCalledOnce();
    expect(await explanationTabs()).toHaveLength(0);
  });

  it('otherwise opens one tab, and focuses it on later requests instead of opening more', async () => {
    vi.spyOn(browser.action, 'openPopup').mockRejectedValue(new Error('no focused window'));
    await Promise.all(Array.from({ length: 25 }, () => openExplanation(7)));
    const [shown, ...more] = await explanationTabs();
    expect(more).toHaveLength(0);
    const update = vi.spyOn(browser.tabs, 'update');
    await openExplanation(7);
    expect(await explanationTabs()).toHaveLength(1);
    expect(update).toHaveBeenCalledWith(shown!.id, { active: true });

    // Once that tab is gone, the next request opens a new one.
    update.mockRejectedValueOnce(new Error('No tab with id'));
    await openExplanation(7);
    expect(await explanationTabs()).toHaveLength(2);
  });

  it('opens a new tab for a page tab whose explanation tab was closed', async () => {
    vi.spyOn(browser.action, 'openPopup').mockRejectedValue(new Error('no focused window'));
    await openExplanation(7);
    const [shown] = await explanationTabs();
    forgetExplanation(shown!.id!);
    const update = vi.spyOn(browser.tabs, 'update');
    await openExplanation(7);
    expect(update).not.toHaveBeenCalled();
  });
});
