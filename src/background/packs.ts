/**
 * The background's side of pack administration: the admin's policy read from managed storage,
 * the options page's commands, and open tabs told when the rules changed (they are judged again
 * without a reload).
 */
import { browser } from 'wxt/browser';
import type { PackCommand, TabMessage } from '../shared/messages';
import { parsePolicy } from '../shared/policy-schema';
import { policyItem } from '../shared/policy';
import { type PacksOverview, packsOverview } from '../packs/overview';
import type { Outcome } from '../packs/library';
import { corePack } from '../rules/core-pack';
import { library, scheduleUpdates } from './rule-set';

/**
 * Reads the policy (none where the browser has no managed storage for us), mirrors it where
 * content scripts and extension pages read settings, and applies it to the packs.
 */
export async function readManagedPolicy(): Promise<void> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get();
  } catch (error) {
    // Firefox without policies.json says there is no managed storage: no policy. Any other
    // failure keeps the policy last read, rather than dropping what it forced.
    if (!/managed storage manifest not found/i.test(String((error as Error)?.message))) return library.applyPolicy(await policyItem.getValue());
    raw = {};
  }
  const policy = parsePolicy(raw);
  // Written only when it changed: every open page's content script watches it.
  if (JSON.stringify(await policyItem.getValue()) !== JSON.stringify(policy)) await policyItem.setValue(policy);
  await library.applyPolicy(policy);
}

export async function packsOverviewNow(): Promise<PacksOverview> {
  await library.ruleSet();
  // The policy as mirrored: the one the library applies (also after a restart, before managed storage is read).
  return packsOverview(corePack, await library.installed(), await policyItem.getValue());
}

export async function onPackCommand(command: PackCommand): Promise<Outcome> {
  const outcome = await run(command);
  await scheduleUpdates();
  return outcome;
}

function run(command: PackCommand): Promise<Outcome> {
  switch (command.type) {
    case 'subscribe':
      return library.subscribe(String(command.url), String(command.publicKey));
    case 'import-pack':
      return library.importPack(String(command.text), String(command.fileName));
    case 'update-pack':
      return library.update(String(command.url));
    case 'remove-pack':
      return library.remove(String(command.packId));
    case 'unsubscribe':
      return library.unsubscribe(String(command.url));
    case 'set-pack-enabled':
      return library.setPackEnabled(String(command.packId), command.enabled === true);
    case 'set-rule-enabled':
      return library.setRuleEnabled(String(command.ruleId), command.enabled === true);
  }
}

/** Every open tab's frames are judged again with the new rules (the background has their texts). */
export async function rulesChanged(): Promise<void> {
  const message: TabMessage = { type: 'rules-changed' };
  for (const tab of await browser.tabs.query({})) {
    if (tab.id !== undefined) void browser.tabs.sendMessage(tab.id, message).catch(() => undefined);
  }
}
