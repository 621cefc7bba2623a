/** "Check selected text with Lureguard": the result is kept for the popup, or notified when the popup cannot open. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkSelection } from '../../../src/background/main';
import { selectionCheckItem } from '../../../src/shared/session-state';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

const SELECTION = 'Sihanoukville company needs chat agents: $3,000 a month, no experience, free flights, contract signed on arrival.';

describe('checkSelection', () => {
  it('keeps the verdict for the popup and opens it', async () => {
    const openPopup = vi.spyOn(browser.action, 'openPopup').mockResolvedValue(undefined as never);
    await checkSelection(SELECTION, { id: 3, url: 'https://chat.example/room' });
    expect(openPopup).toHaveBeenCalledOnce();
    const stored = await selectionCheckItem.getValue();
    expect(stored?.risk).toBe('high');
    expect(stored?.host).toBe('chat.example');
    expect(stored?.findings.map((f) => f.text)).toContain('Sihanoukville');
  });

  it('notifies the verdict when the popup cannot open', async () => {
    vi.spyOn(browser.action, 'openPopup').mockRejectedValue(new Error('no focused window'));
    vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('en-US');
    await checkSelection(SELECTION, undefined);
    const notifications = Object.values(await browser.notifications.getAll()) as unknown as { title: string; message: string }[];
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.title).toBe('Lureguard: High risk — a fake job abroad (trafficking lure)');
    expect(notifications[0]!.message).toMatch(/^High risk: this looks like a fake job abroad/);
  });
});
