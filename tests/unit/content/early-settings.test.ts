import { describe, expect, it, vi } from 'vitest';
import { type ProtectionSettings, readSettingsEarly, settingsAtStart, settingsDiffer } from '../../../src/content/early-settings';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

const reading = (trusted: string[] = []): ProtectionSettings => ({ settings: { ...DEFAULT_SETTINGS }, trusted });

/** A global object of its own per test: what the isolated world's would be. */
const freshGlobal = () => ({}) as typeof globalThis;

describe('settings read as the document starts', () => {
  it('are what the content script starts with, without reading storage again', async () => {
    const global = freshGlobal();
    readSettingsEarly(global, 'jobs.example', async () => reading(['jobs.example']));
    const readNow = vi.fn(async () => reading());
    const start = await settingsAtStart(global, 'jobs.example', readNow);
    expect(start).toEqual({ ...reading(['jobs.example']), early: true });
    expect(readNow).not.toHaveBeenCalled();
  });

  it('serve one start only: a later start (back from the cache, a new page in the app) reads afresh', async () => {
    const global = freshGlobal();
    readSettingsEarly(global, 'jobs.example', async () => reading(['old.example']));
    await settingsAtStart(global, 'jobs.example', async () => reading());
    const again = await settingsAtStart(global, 'jobs.example', async () => reading(['new.example']));
    expect(again).toEqual({ ...reading(['new.example']), early: false });
  });

  it('are not used for another host', async () => {
    const global = freshGlobal();
    readSettingsEarly(global, 'jobs.example', async () => reading(['jobs.example']));
    const start = await settingsAtStart(global, 'other.example', async () => reading());
    expect(start).toEqual({ ...reading(), early: false });
  });

  it('that failed are read again, and their failure is never left unhandled', async () => {
    const global = freshGlobal();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    readSettingsEarly(global, 'jobs.example', () => Promise.reject(new Error('storage unavailable')));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const start = await settingsAtStart(global, 'jobs.example', async () => reading(['jobs.example']));
    process.off('unhandledRejection', unhandled);
    expect(start).toEqual({ ...reading(['jobs.example']), early: false });
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('are told apart from a later reading when a setting or the trusted sites changed', () => {
    expect(settingsDiffer(reading(), reading())).toBe(false);
    expect(settingsDiffer(reading(), reading(['jobs.example']))).toBe(true);
    expect(settingsDiffer(reading(), { ...reading(), settings: { ...DEFAULT_SETTINGS, paused: true } })).toBe(true);
  });
});
