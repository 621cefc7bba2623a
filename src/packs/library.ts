/**
 * The rule packs of this browser and the rule set they compile to. Every change (a subscription
 * added or updated, a file imported, a pack or rule switched, a policy applied) is tried on a
 * copy first: the copy is compiled, and only a copy that compiles replaces what is active and is
 * stored. Whatever fails, a download, a signature, a conflict between packs, the packs and rules
 * in use stay as they were, and the failure is recorded with its time where the options page
 * shows it. Changes run one at a time. Browser-free: the background gives it storage, fetch and
 * the clock.
 */
import { type CompiledRuleSet, compileRuleSet, RuleConflict } from '../engine';
import { parsePack } from '../rules/validate';
import type { RulePack } from '../rules/schema';
import type { Policy } from '../shared/policy';
import { type DownloadLimits, downloadPack, subscriptionUrlProblem } from './download';
import type { ImportedRecord, InstalledPacks, SubscriptionRecord } from './installed';
import { type OriginPack, packsToCompile } from './merge';
import { nextCheckAfterFailure, nextCheckAfterSuccess, updateIntervalMs } from './schedule';
import { parsePublicKey } from './signature';

export interface LibraryEnv {
  bundled: RulePack;
  read(): Promise<InstalledPacks>;
  write(packs: InstalledPacks): Promise<void>;
  fetch: typeof fetch;
  /** Time and size limits of a download (the defaults unless a test shortens them). */
  limits?: DownloadLimits;
  now(): number;
  /** In [0, 1): the jitter of the update schedule. */
  random(): number;
  /** A compiled rule set from before a restart, if its packs are these (see ruleSetKey). */
  cached?(key: string): Promise<CompiledRuleSet | undefined>;
  cache?(key: string, ruleSet: CompiledRuleSet): Promise<void>;
}

export type Outcome = { ok: true } | { ok: false; error: string };

const failed = (error: string): Outcome => ({ ok: false, error });

/** Whether a subscription or import is in use under a policy. */
export function isAllowed(record: { origin?: string }, policy: Policy): boolean {
  return record.origin === 'policy' || policy.allowUserPacks !== false;
}

/** The packs in play, with their origins: the bundled one, and what policy allows of the rest. */
export function originPacks(bundled: RulePack, installed: InstalledPacks, policy: Policy): OriginPack[] {
  const packs: OriginPack[] = [{ pack: bundled, origin: 'bundled' }];
  if (isAllowed({ origin: 'imported' }, policy)) for (const { pack } of installed.imported) packs.push({ pack, origin: 'imported' });
  for (const record of installed.subscriptions) if (record.pack && isAllowed(record, policy)) packs.push({ pack: record.pack, origin: record.origin });
  return packs;
}

/** Names a rule set by what it is made of: the same packs and switches give the same key. */
export function ruleSetKey(packs: readonly RulePack[]): string {
  return JSON.stringify(packs.map((pack) => [pack.id, pack.version, pack.rules.map((rule) => rule.id)]));
}

export class PackLibrary {
  private active: { key: string; ruleSet: CompiledRuleSet } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private policy: Policy = {};
  private readonly listeners = new Set<(ruleSet: CompiledRuleSet) => void>();

  constructor(private readonly env: LibraryEnv) {}

  /** Called with the new rule set whenever a change replaced the active one. */
  onChange(listener: (ruleSet: CompiledRuleSet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The active rule set: compiled (or loaded from the cache) on first use, after a change only when it compiled. */
  ruleSet(): Promise<CompiledRuleSet> {
    return this.serially(async () => (this.active ?? (await this.activate(await this.env.read()))).ruleSet);
  }

  installed(): Promise<InstalledPacks> {
    return this.env.read();
  }

  /** Applies an admin policy: its subscriptions are added (and downloaded) or dropped, user packs allowed or not. */
  applyPolicy(policy: Policy): Promise<void> {
    return this.serially(async () => {
      this.policy = policy;
      const installed = await this.env.read();
      const forced = policy.subscriptions ?? [];
      const kept = installed.subscriptions.filter((record) => record.origin !== 'policy' || forced.some((s) => s.url === record.url && s.publicKey === record.publicKey));
      // A user's own subscription to a forced address becomes the policy's.
      const userOnes = kept.filter((record) => !(record.origin === 'subscribed' && forced.some((s) => s.url === record.url)));
      const added = forced
        .filter((s) => !userOnes.some((record) => record.origin === 'policy' && record.url === s.url))
        .map((s): SubscriptionRecord => ({ url: s.url, publicKey: s.publicKey, origin: 'policy', status: { failures: 0, nextCheck: this.env.now() } }));
      // Forced subscriptions are added without a pack (downloaded next), so they cannot conflict;
      // people's packs allowed again could, with a policy pack: then the packs in use stay.
      const outcome = await this.tryCommit({ ...installed, subscriptions: [...userOnes, ...added] });
      if (!outcome.ok) console.warn(`Lureguard: the policy's packs could not be applied: ${outcome.error}`);
      for (const record of added) await this.refresh(record.url);
    });
  }

  /** Subscribes to a signed pack: added only when its first download and compile succeed. */
  subscribe(url: string, publicKey: string): Promise<Outcome> {
    return this.serially(async () => {
      if (this.policy.allowUserPacks === false) return failed('your organization does not allow adding rule packs here (browser policy)');
      const address = url.trim();
      const key = parsePublicKey(publicKey);
      const problem = subscriptionUrlProblem(address) ?? (key.ok ? null : key.error);
      if (problem) return failed(problem);
      const installed = await this.env.read();
      if (installed.subscriptions.some((record) => record.url === address)) return failed('you are already subscribed to this address');
      const download = await downloadPack(address, publicKey.trim(), { validators: {} }, this.env.fetch, this.env.limits);
      if (download.kind !== 'new') return failed(download.kind === 'failed' ? download.error : 'the server sent no pack');
      const clash = this.idClash(installed, download.pack.id);
      if (clash) return failed(clash);
      const now = this.env.now();
      const record: SubscriptionRecord = {
        url: address,
        publicKey: publicKey.trim(),
        origin: 'subscribed',
        pack: download.pack,
        status: { failures: 0, lastChecked: now, lastUpdated: now, ...download.validators, nextCheck: nextCheckAfterSuccess(now, updateIntervalMs(download.pack.updateInterval), this.env.random()) },
      };
      return this.tryCommit({ ...installed, subscriptions: [...installed.subscriptions, record] });
    });
  }

  /** Imports a pack file a person chose: validated and compiled before it is accepted; a newer version replaces an older one. */
  importPack(text: string, fileName: string): Promise<Outcome> {
    return this.serially(async () => {
      if (this.policy.allowUserPacks === false) return failed('your organization does not allow adding rule packs here (browser policy)');
      const parsed = parsePack(text, fileName);
      if (!parsed.ok) {
        const more = parsed.errors.length > 5 ? `\n… and ${parsed.errors.length - 5} more` : '';
        return failed(`this file is not a rule pack Lureguard can use:\n${parsed.errors.slice(0, 5).join('\n')}${more}`);
      }
      const { pack } = parsed;
      const installed = await this.env.read();
      const previous = installed.imported.find((record) => record.pack.id === pack.id);
      if (previous && previous.pack.version === pack.version) return failed(`version ${pack.version} of "${pack.name}" is already imported`);
      const clash = previous ? null : this.idClash(installed, pack.id);
      if (clash) return failed(clash);
      const record: ImportedRecord = { pack, importedAt: this.env.now(), fileName };
      return this.tryCommit({ ...installed, imported: [...installed.imported.filter((other) => other !== previous), record] });
    });
  }

  /** Checks one subscription now ("Update now"); the outcome is also recorded in its status. */
  update(url: string): Promise<Outcome> {
    return this.serially(() => this.refresh(url));
  }

  /** Checks every subscription that is due. */
  updateDue(): Promise<void> {
    return this.serially(async () => {
      const installed = await this.env.read();
      const now = this.env.now();
      for (const record of installed.subscriptions) if (record.status.nextCheck <= now && isAllowed(record, this.policy)) await this.refresh(record.url);
    });
  }

  /** When the next subscription is due, if any. */
  async nextCheck(): Promise<number | undefined> {
    const installed = await this.env.read();
    const due = installed.subscriptions.filter((record) => isAllowed(record, this.policy)).map((record) => record.status.nextCheck);
    return due.length > 0 ? Math.min(...due) : undefined;
  }

  /** Removes a subscription or an imported pack (never the bundled one or a policy's). */
  remove(packId: string): Promise<Outcome> {
    return this.serially(async () => {
      const installed = await this.env.read();
      const subscriptions = installed.subscriptions.filter((record) => record.origin === 'policy' || record.pack?.id !== packId);
      const imported = installed.imported.filter((record) => record.pack.id !== packId);
      if (subscriptions.length === installed.subscriptions.length && imported.length === installed.imported.length) return failed('this pack cannot be removed');
      return this.tryCommit({ ...installed, subscriptions, imported });
    });
  }

  /** Removes a subscription that never delivered a pack (it has no pack id yet). */
  unsubscribe(url: string): Promise<Outcome> {
    return this.serially(async () => {
      const installed = await this.env.read();
      const subscriptions = installed.subscriptions.filter((record) => record.origin === 'policy' || record.url !== url);
      if (subscriptions.length === installed.subscriptions.length) return failed('this subscription cannot be removed');
      return this.tryCommit({ ...installed, subscriptions });
    });
  }

  setPackEnabled(packId: string, enabled: boolean): Promise<Outcome> {
    return this.serially(async () => {
      const installed = await this.env.read();
      return this.tryCommit({ ...installed, disabledPacks: toggled(installed.disabledPacks, packId, !enabled) });
    });
  }

  setRuleEnabled(ruleId: string, enabled: boolean): Promise<Outcome> {
    return this.serially(async () => {
      const installed = await this.env.read();
      return this.tryCommit({ ...installed, disabledRules: toggled(installed.disabledRules, ruleId, !enabled) });
    });
  }

  /** Downloads one subscription and records the outcome; its pack is replaced only by one that compiles. */
  private async refresh(url: string): Promise<Outcome> {
    const installed = await this.env.read();
    const record = installed.subscriptions.find((candidate) => candidate.url === url);
    if (!record) return failed('no subscription at this address');
    const now = this.env.now();
    const interval = updateIntervalMs(record.pack?.updateInterval);
    const download = await downloadPack(record.url, record.publicKey, { pack: record.pack, validators: { etag: record.status.etag, lastModified: record.status.lastModified } }, this.env.fetch, this.env.limits);
    const withStatus = (status: SubscriptionRecord['status'], pack = record.pack): InstalledPacks => ({
      ...installed,
      subscriptions: installed.subscriptions.map((candidate) => (candidate === record ? { ...record, pack, status } : candidate)),
    });
    const failure = (error: string): Promise<Outcome> => {
      const failures = record.status.failures + 1;
      const status = { ...record.status, lastChecked: now, failures, error: { message: error, at: now }, nextCheck: nextCheckAfterFailure(now, interval, failures, this.env.random()) };
      return this.env.write(withStatus(status)).then(() => failed(error));
    };
    if (download.kind === 'failed') return failure(download.error);
    const pack = download.kind === 'new' ? download.pack : record.pack;
    const clash = download.kind === 'new' && !record.pack ? this.idClash(installed, download.pack.id) : null;
    if (clash) return failure(clash);
    const status = {
      ...download.validators,
      lastChecked: now,
      lastUpdated: download.kind === 'new' ? now : record.status.lastUpdated,
      failures: 0,
      nextCheck: nextCheckAfterSuccess(now, updateIntervalMs(pack?.updateInterval), this.env.random()),
    };
    if (download.kind === 'unchanged') {
      await this.env.write(withStatus(status));
      return { ok: true };
    }
    const outcome = await this.tryCommit(withStatus(status, pack));
    return outcome.ok ? outcome : failure(outcome.error);
  }

  /** Another installed pack with this id, said as a reason to refuse. */
  private idClash(installed: InstalledPacks, packId: string): string | null {
    const ids = [this.env.bundled.id, ...installed.imported.map((record) => record.pack.id), ...installed.subscriptions.flatMap((record) => (record.pack ? [record.pack.id] : []))];
    return ids.includes(packId) ? `a pack with the id "${packId}" is already installed: remove it first, or ask the publisher for a distinct id` : null;
  }

  /** Compiles the candidate; stores it and makes it active only if that worked. */
  private async tryCommit(candidate: InstalledPacks): Promise<Outcome> {
    try {
      await this.commit(candidate);
      return { ok: true };
    } catch (error) {
      if (error instanceof RuleConflict) return failed(`the pack conflicts with another: ${error.message}`);
      throw error;
    }
  }

  private async commit(candidate: InstalledPacks): Promise<void> {
    const previous = this.active;
    const next = await this.activate(candidate);
    await this.env.write(candidate);
    // The first rule set of a (re)started background is no change: pages were judged with the same packs.
    if (previous && previous.ruleSet !== next.ruleSet) for (const listener of this.listeners) listener(next.ruleSet);
  }

  /** The rule set of these packs, compiled unless it is the active one or cached; throws RuleConflict. */
  private async activate(installed: InstalledPacks): Promise<{ key: string; ruleSet: CompiledRuleSet }> {
    const packs = packsToCompile(originPacks(this.env.bundled, installed, this.policy), installed);
    const key = ruleSetKey(packs);
    if (this.active?.key === key) return this.active;
    let ruleSet = await this.env.cached?.(key);
    if (!ruleSet) {
      ruleSet = compileRuleSet(packs);
      void this.env.cache?.(key, ruleSet);
    }
    this.active = { key, ruleSet };
    return this.active;
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function toggled(list: readonly string[], id: string, present: boolean): string[] {
  const without = list.filter((entry) => entry !== id);
  return present ? [...without, id] : without;
}
