/**
 * The browser's pack library and its active rule set, compiled once per pack change (and kept
 * across service-worker restarts, compiled-cache.ts) and shared
 * by every tab and frame (darkreader's rule: the background decides, the page applies). Content
 * scripts never carry or compile rules; a frame sends its text here and gets its judgement back.
 */
import { browser } from 'wxt/browser';
import type { CompiledRuleSet, PackInfo } from '../engine';
import { installedPacksItem } from '../packs/installed';
import { PackLibrary } from '../packs/library';
import { corePack } from '../rules/core-pack';
import { policyItem } from '../shared/policy';
import { cachedRuleSet, cacheRuleSet } from './compiled-cache';

export const library = new PackLibrary({
  bundled: corePack,
  read: () => installedPacksItem.getValue(),
  write: (packs) => installedPacksItem.setValue(packs),
  fetch: (input, init) => fetch(input, init),
  now: () => Date.now(),
  random: () => Math.random(),
  lastPolicy: () => policyItem.getValue(),
  cached: cachedRuleSet,
  cache: cacheRuleSet,
});

/** The active rule set: a service worker the browser restarted loads it from the cache, or compiles it once. */
export function activeRuleSet(): Promise<CompiledRuleSet> {
  return library.ruleSet();
}

export async function activePacks(): Promise<PackInfo[]> {
  return (await library.ruleSet()).packs;
}

const UPDATE_ALARM = 'lureguard-pack-updates';
/** Chrome does not fire alarms sooner than this; neither need we. */
const SOONEST_CHECK_MS = 60_000;

/** Sets the one alarm that wakes the background when the next subscription is due. */
export async function scheduleUpdates(): Promise<void> {
  const due = await library.nextCheck();
  if (due === undefined) await browser.alarms.clear(UPDATE_ALARM);
  else await browser.alarms.create(UPDATE_ALARM, { when: Math.max(due, Date.now() + SOONEST_CHECK_MS) });
}

export function isUpdateAlarm(alarm: { name: string }): boolean {
  return alarm.name === UPDATE_ALARM;
}
