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
import type { ImportedRecord, InstalledPacks, PackOrigin, SubscriptionRecord } from './installed';
import { type OriginPack, packsToCompile } from './merge';
import { nextCheckAfterFailure, nextCheckAfterSuccess, updateIntervalMs } from './schedule';
import { parsePublicKey } from './signature';
import { compareVersions } from './version';

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
  /** The policy last applied (before a restart): which packs count, until applyPolicy says otherwise. */
  lastPolicy?(): Promise<Policy>;
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
  // A pack of a person's with the id of a policy's pack stands aside: it cannot block what an admin forces.
  const forcedIds = new Set(installed.subscriptions.flatMap((record) => (record.origin === 'policy' && record.pack ? [record.pack.id] : [])));
  const usable = (pack: RulePack, origin: PackOrigin) => isAllowed({ origin }, policy) && (origin === 'policy' || !forcedIds.has(pack.id));
  for (const { pack } of installed.imported) if (usable(pack, 'imported')) packs.push({ pack, origin: 'imported' });
  for (const record of installed.subscriptions) if (record.pack && usable(record.pack, record.origin)) packs.push({ pack: record.pack, origin: record.origin });
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
    // Never behind a download in the queue: pages are judged with what is active meanwhile.
    if (this.active) return Promise.resolve(this.active.ruleSet);
    return this.serially(async () => {
      if (!this.active) {
        this.policy = (await this.env.lastPolicy?.()) ?? this.policy;
        this.active = await this.compileLeniently(await this.env.read());
      }
      return this.active.ruleSet;
    });
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
      const isForced = (record: SubscriptionRecord) => forced.some((s) => s.url === record.url);
      // Forced addresses become (or stay) the policy's, keeping the pack they hold (a rotated key
      // applies from the next update): nothing the browser had is lost on a policy change. A
      // person's own subscription to that address keeps its pack only if it trusted the same key.
      const forcedRecords = forced.map((s): SubscriptionRecord => {
        const found = installed.subscriptions.find((record) => record.url === s.url);
        const held = found && (found.origin === 'policy' || found.publicKey === s.publicKey) ? found : undefined;
        return { url: s.url, publicKey: s.publicKey, origin: 'policy', pack: held?.pack, status: held?.status ?? { failures: 0, nextCheck: this.env.now() } };
      });
      const userOnes = installed.subscriptions.filter((record) => record.origin === 'subscribed' && !isForced(record));
      // Applied whatever it holds: people's packs allowed again may conflict with a policy's, and
      // then only the bundled and policy packs are used (see compileLeniently).
      const next = { ...installed, subscriptions: [...userOnes, ...forcedRecords] };
      // The same policy at every start of the background: no write (every frame watches storage).
      await this.commit(next, { lenient: true, unchanged: JSON.stringify(next) === JSON.stringify(installed) });
      const added = forcedRecords.filter((record) => !record.pack);
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
      if (previous && compareVersions(pack.version, previous.pack.version) <= 0) {
        return failed(`version ${previous.pack.version} of "${pack.name}" is already imported: only a newer version replaces it`);
      }
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
    const clash = download.kind === 'new' && !record.pack ? this.idClash(installed, download.pack.id, record.origin) : null;
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

  /**
   * Another installed pack with this id, said as a reason to refuse. A policy's pack is checked
   * only against the bundled and policy packs: a person's pack cannot block what an admin forces
   * (it stands aside instead, see originPacks).
   */
  private idClash(installed: InstalledPacks, packId: string, origin: PackOrigin = 'subscribed'): string | null {
    const others = installed.subscriptions.filter((record) => origin !== 'policy' || record.origin === 'policy');
    const imported = origin === 'policy' ? [] : installed.imported;
    const ids = [this.env.bundled.id, ...imported.map((record) => record.pack.id), ...others.flatMap((record) => (record.pack ? [record.pack.id] : []))];
    return ids.includes(packId) ? `a pack with the id "${packId}" is already installed: remove it first, or ask the publisher for a distinct id` : null;
  }

  /** Compiles the candidate; stores it and makes it active only if that worked. */
  private async tryCommit(candidate: InstalledPacks): Promise<Outcome> {
    try {
      await this.commit(candidate);
      return { ok: true };
    } catch (error) {
      if (error instanceof RuleConflict) return failed(`the pack conflicts with another: ${error.message}`);
      return failed(`the packs could not be saved (${(error as Error).message}): free some disk space, or remove a pack you no longer need`);
    }
  }

  private async commit(candidate: InstalledPacks, { lenient = false, unchanged = false } = {}): Promise<void> {
    const previous = this.active;
    const next = lenient ? await this.compileLeniently(candidate) : await this.compile(candidate);
    // Stored before it is used: what is active is always what is stored.
    if (!unchanged) await this.env.write(candidate);
    this.active = next;
    // The first rule set of a (re)started background is no change: pages were judged with the same packs.
    if (previous && previous.ruleSet !== next.ruleSet) for (const listener of this.listeners) listener(next.ruleSet);
  }

  /** The rule set of these packs, compiled unless it is the active one or cached; throws RuleConflict. */
  private async compile(installed: InstalledPacks, policy = this.policy): Promise<{ key: string; ruleSet: CompiledRuleSet }> {
    const packs = packsToCompile(originPacks(this.env.bundled, installed, policy), installed);
    const key = ruleSetKey(packs);
    if (this.active?.key === key) return this.active;
    let ruleSet = await this.env.cached?.(key);
    if (!ruleSet) {
      ruleSet = compileRuleSet(packs);
      // Keeping it is an optimization: a failure costs a compile after the next restart, no more.
      void this.env.cache?.(key, ruleSet).catch(() => undefined);
    }
    return { key, ruleSet };
  }

  /** Never fails: packs that conflict leave only the bundled and policy packs in use. */
  private async compileLeniently(installed: InstalledPacks): Promise<{ key: string; ruleSet: CompiledRuleSet }> {
    try {
      return await this.compile(installed);
    } catch (error) {
      if (!(error instanceof RuleConflict)) throw error;
      console.warn(`Lureguard: people's packs conflict with the policy's, and are left out: ${error.message}`);
      return this.compile(installed, { ...this.policy, allowUserPacks: false });
    }
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
