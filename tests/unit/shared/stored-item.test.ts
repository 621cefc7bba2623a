/** Stored items: a fallback until something is stored, changes seen by watchers, and no storage call until asked. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readStoredItems, storedItem } from '../../../src/shared/stored-item';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('storedItem', () => {
  it('reads the fallback until a value is stored, and again once it is removed', async () => {
    const item = storedItem<string[]>('local:sites', []);
    expect(await item.getValue()).toEqual([]);
    await item.setValue(['example.com']);
    expect(await item.getValue()).toEqual(['example.com']);
    await item.removeValue();
    expect(await item.getValue()).toEqual([]);
  });

  it('tells watchers of a new value, and of a removal as the fallback', async () => {
    const item = storedItem<{ paused: boolean }>('local:switch', { paused: false });
    const seen: [boolean, boolean][] = [];
    const stop = item.watch((value, previous) => seen.push([value.paused, previous.paused]));
    await item.setValue({ paused: true });
    await item.setValue({ paused: true }); // stored again unchanged: no call
    await item.removeValue();
    stop();
    await item.setValue({ paused: true });
    expect(seen).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('is read with others in one storage call, each with its fallback', async () => {
    const first = storedItem('local:first', 1);
    const second = storedItem('local:second', 2);
    await second.setValue(20);
    const get = vi.spyOn(browser.storage.local, 'get');
    expect(await readStoredItems([first, second])).toEqual([1, 20]);
    expect(get).toHaveBeenCalledOnce();
  });

  it('keeps items of different areas apart', async () => {
    const local = storedItem('local:same', 'local fallback');
    const session = storedItem('session:same', 'session fallback');
    await session.setValue('in session');
    expect(await readStoredItems([local, session])).toEqual(['local fallback', 'in session']);
    expect(await local.getValue()).toBe('local fallback');
  });

  it('makes no storage call when defined (every frame of every page defines the settings items)', async () => {
    const get = vi.spyOn(browser.storage.local, 'get');
    storedItem('local:settings', { paused: false });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(get).not.toHaveBeenCalled();
  });
});
