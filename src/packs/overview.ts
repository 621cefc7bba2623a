/**
 * The packs as the options page lists them: each with where it comes from, its state, what a
 * person may do with it, and its rules with their explanations and sources. Built in the
 * background (which holds the bundled pack) from what is stored; plain data for a message.
 */
import type { Localized } from '../engine';
import type { RulePack } from '../rules/schema';
import type { Policy } from '../shared/policy';
import type { InstalledPacks, PackOrigin, UpdateStatus } from './installed';
import { isAllowed } from './library';
import { disablerOf, isSwitchable, type OriginPack } from './merge';

export interface RuleView {
  id: string;
  category: string;
  label: Localized;
  explanation: Localized;
  sources: { title: string; url: string; publisher: string; date: string }[];
  enabled: boolean;
  /** A policy pack's rules stay on. */
  switchable: boolean;
  /** The pack whose `disables` turned this rule off, if one did. */
  disabledBy?: string;
}

export interface PackView {
  id: string;
  name: string;
  version: string;
  publisher: string;
  updated: string;
  origin: PackOrigin;
  enabled: boolean;
  /** Policy packs cannot be switched off or removed; the bundled pack cannot be removed. */
  switchable: boolean;
  removable: boolean;
  /** Installed, but not in use because the browser policy does not allow packs people add. */
  blockedByPolicy: boolean;
  /** A subscription's address and update status. */
  url?: string;
  status?: UpdateStatus;
  reports?: RulePack['reports'];
  rules: RuleView[];
}

/** A subscription that has not delivered a pack yet (its first download failed). */
export interface PendingSubscription {
  url: string;
  origin: 'subscribed' | 'policy';
  status: UpdateStatus;
}

export interface PacksOverview {
  packs: PackView[];
  pending: PendingSubscription[];
  /** People may add subscriptions and import packs (no policy forbids it). */
  userPacksAllowed: boolean;
}

export function packsOverview(bundled: RulePack, installed: InstalledPacks, policy: Policy): PacksOverview {
  const entries: (OriginPack & { url?: string; status?: UpdateStatus })[] = [
    { pack: bundled, origin: 'bundled' },
    ...installed.imported.map(({ pack }) => ({ pack, origin: 'imported' as const })),
    ...installed.subscriptions.flatMap((record) => (record.pack ? [{ pack: record.pack, origin: record.origin, url: record.url, status: record.status }] : [])),
  ];
  const disabledRules = new Set(installed.disabledRules);
  const packs = entries.map(({ pack, origin, url, status }): PackView => {
    const switchable = isSwitchable(origin);
    const sourceById = new Map(pack.sources.map((source) => [source.id, source]));
    return {
      id: pack.id,
      name: pack.name,
      version: pack.version,
      publisher: pack.publisher,
      updated: pack.updated,
      origin,
      enabled: !switchable || !installed.disabledPacks.includes(pack.id),
      switchable,
      removable: origin === 'imported' || origin === 'subscribed',
      blockedByPolicy: origin !== 'bundled' && !isAllowed({ origin }, policy),
      url,
      status,
      reports: pack.reports,
      rules: pack.rules.map((rule) => {
        const disabledBy = disablerOf(entries, origin, rule.id);
        return {
          id: rule.id,
          category: rule.category,
          label: rule.label,
          explanation: rule.explanation,
          sources: rule.sources.flatMap((id) => {
            const source = sourceById.get(id);
            return source ? [{ title: source.title, url: source.url, publisher: source.publisher, date: source.date }] : [];
          }),
          enabled: disabledBy === undefined && (!switchable || !disabledRules.has(rule.id)),
          switchable: switchable && disabledBy === undefined,
          ...(disabledBy && { disabledBy }),
        };
      }),
    };
  });
  const pending = installed.subscriptions.filter((record) => !record.pack).map(({ url, origin, status }) => ({ url, origin, status }));
  return { packs, pending, userPacksAllowed: policy.allowUserPacks !== false };
}
