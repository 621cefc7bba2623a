/**
 * Compiles rule packs once into the form the matcher needs: every term variant and every
 * pattern anchor, normalized exactly like page text, in one Aho-Corasick automaton; fuzzy
 * candidates bucketed by first letter; sources resolved. A page is then scanned in one pass.
 */
import type { RulePack } from '../rules/schema';
import { Automaton } from './automaton';
import { isWordChar } from './char-class';
import { normalizeTerm } from './normalize';
import { LinearRegex } from './linear-regex';
import { SCORING, type Thresholds } from './score';
import { WORDING_RULES, type WordingModel, wordingWeights } from './wording';
import type { Category, Localized, Role, Source } from './types';

export interface CompiledRule {
  id: string;
  pack: string;
  category: Category;
  role: Role;
  weight: number;
  negatable: boolean;
  label: Localized;
  explanation: Localized;
  sources: Source[];
}

/** What a hit of one automaton key means. */
export type KeyMeaning =
  | { kind: 'term'; rule: number; canonical: string; prefix: boolean; boundedStart: boolean; boundedEnd: boolean }
  | { kind: 'anchor'; pattern: number };

export interface CompiledPattern {
  rule: number;
  /** Run in time linear in the text, whatever the pattern (packs are written by others; pages are hostile). */
  regex: LinearRegex;
  canonical: string;
}

export interface FuzzyTerm {
  rule: number;
  term: string;
  canonical: string;
}

export interface PackInfo {
  id: string;
  name: string;
  version: string;
  publisher: string;
  updated: string;
  rules: number;
  /** Where people send false alarms and missed lures about the pack, when it says. */
  reports?: { url?: string; email?: string };
}

export interface CompiledRuleSet {
  packs: PackInfo[];
  rules: CompiledRule[];
  /** Rules that a later pack replaced, on purpose. */
  replaced: ReplacedRule[];
  /** Scores a window needs for medium and high: the first pack's that has them (the core pack's). */
  thresholds: Thresholds;
  ruleById: ReadonlyMap<string, CompiledRule>;
  /** Index of each rule in `rules`, by id. */
  ruleIndex: ReadonlyMap<string, number>;
  automaton: Automaton;
  /** Meanings of each automaton key (one key can serve several rules). */
  keys: KeyMeaning[][];
  patterns: CompiledPattern[];
  /** Fuzzy-matchable single Latin words, by the code of their first letter. */
  fuzzyByInitial: Map<number, FuzzyTerm[]>;
  /** Shortest fuzzy-matchable term length. */
  minFuzzyLength: number;
  /** The wording signal's model (the first pack's that has one), if any. */
  wording: WordingModel | null;
  /** Per rule set: fuzzy results of words already seen (pages repeat their words), by word hash. */
  fuzzyCache: Map<number, { word: string; hits: readonly FuzzyTerm[] }>;
}

const MIN_FUZZY_LENGTH = 7;

/** What a pack is, for people: its name, version, publisher, size, and where reports about it go. */
export function packInfo(pack: RulePack): PackInfo {
  const { id, name, version, publisher, updated, reports } = pack;
  return { id, name, version, publisher, updated, rules: pack.rules.length, ...(reports && { reports: { ...reports } }) };
}

/** Two packs with a rule of the same id, and the later one does not say it replaces the other. */
export class RuleConflict extends Error {}

/** A rule of a later pack that replaced one of an earlier pack (it said so: `overrides: true`). */
export interface ReplacedRule {
  rule: string;
  /** The pack whose rule now counts, and the pack whose rule it replaced. */
  pack: string;
  replaced: string;
}

export function compileRuleSet(packs: readonly RulePack[]): CompiledRuleSet {
  // A later pack's rule replaces an earlier one with the same id only when it says so: an
  // admin's deliberate override is visible, an accidental clash of ids is an error.
  const byId = new Map<string, { pack: RulePack; rule: RulePack['rules'][number] }>();
  const replaced: ReplacedRule[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules) {
      const earlier = byId.get(rule.id);
      if (earlier && !rule.overrides) {
        throw new RuleConflict(`pack "${pack.id}" has a rule "${rule.id}", as pack "${earlier.pack.id}" does: to replace that rule, add "overrides": true to it; otherwise give it another id`);
      }
      if (earlier) replaced.push({ rule: rule.id, pack: pack.id, replaced: earlier.pack.id });
      byId.set(rule.id, { pack, rule });
    }
  }

  const rules: CompiledRule[] = [];
  const keyIndex = new Map<string, number>();
  const keys: KeyMeaning[][] = [];
  const patterns: CompiledPattern[] = [];
  const fuzzyByInitial = new Map<number, FuzzyTerm[]>();

  const addKey = (text: string, meaning: KeyMeaning) => {
    let index = keyIndex.get(text);
    if (index === undefined) {
      index = keys.length;
      keyIndex.set(text, index);
      keys.push([]);
    }
    keys[index]!.push(meaning);
  };

  for (const { pack, rule } of byId.values()) {
    const ruleIndex = rules.length;
    const sources = new Map(pack.sources.map((source) => [source.id, source]));
    rules.push({
      id: rule.id,
      pack: pack.id,
      category: rule.category,
      role: rule.role,
      weight: rule.weight,
      negatable: rule.negatable,
      label: rule.label,
      explanation: rule.explanation,
      sources: rule.sources.map((id) => sources.get(id)!).filter(Boolean),
    });
    for (const group of rule.terms) {
      const canonical = typeof group === 'string' ? group : group.canonical;
      const variants = typeof group === 'string' ? [group] : group.variants;
      for (const variant of variants) {
        const prefix = variant.endsWith('*');
        const text = normalizeTerm(prefix ? variant.slice(0, -1) : variant);
        if (!text) continue;
        addKey(text, {
          kind: 'term',
          rule: ruleIndex,
          canonical,
          prefix,
          // Latin words must match whole words ("line" not in "online"); Chinese has no spaces.
          boundedStart: isWordChar(text.charCodeAt(0)),
          boundedEnd: !prefix && isWordChar(text.charCodeAt(text.length - 1)),
        });
        if (rule.fuzzy && !prefix && text.length >= MIN_FUZZY_LENGTH && /^[a-z]+$/.test(text)) {
          const bucket = fuzzyByInitial.get(text.charCodeAt(0)) ?? [];
          bucket.push({ rule: ruleIndex, term: text, canonical });
          fuzzyByInitial.set(text.charCodeAt(0), bucket);
        }
      }
    }
    for (const pattern of rule.patterns) {
      const patternIndex = patterns.length;
      patterns.push({ rule: ruleIndex, regex: new LinearRegex(pattern.regex), canonical: pattern.canonical });
      for (const anchor of pattern.anchors) {
        const text = normalizeTerm(anchor);
        if (text) addKey(text, { kind: 'anchor', pattern: patternIndex });
      }
    }
  }

  // The wording signals are rules too (indexes in `rules`), without terms or patterns.
  let wording: WordingModel | null = null;
  const wordingPack = packs.find((pack) => pack.wording);
  if (wordingPack?.wording) {
    const model = wordingPack.wording;
    const sources = new Map(wordingPack.sources.map((source) => [source.id, source]));
    const signal = (side: 'lure' | 'plain'): CompiledRule => ({
      id: WORDING_RULES[side],
      pack: wordingPack.id,
      category: side === 'lure' ? 'pressure-tactic' : 'news-or-advice',
      role: side === 'lure' ? 'lure' : 'counter',
      weight: side === 'lure' ? model.lureWeight : model.plainWeight,
      negatable: false,
      label: model[side].label,
      explanation: model[side].explanation,
      sources: model.sources.map((id) => sources.get(id)!).filter(Boolean),
    });
    wording = {
      rule: rules.push(signal('lure')) - 1,
      plainRule: rules.push(signal('plain')) - 1,
      weights: wordingWeights(model.weights),
      threshold: model.threshold,
      plainThreshold: model.plainThreshold,
      minTokens: model.minTokens,
      plainMinTokens: model.plainMinTokens,
    };
  }

  return {
    packs: packs.map(packInfo),
    wording,
    rules,
    thresholds: packs.find((pack) => pack.scoring)?.scoring ?? SCORING.defaultThresholds,
    replaced,
    ruleById: new Map(rules.map((rule) => [rule.id, rule])),
    ruleIndex: new Map(rules.map((rule, index) => [rule.id, index])),
    automaton: new Automaton([...keyIndex.keys()]),
    keys,
    patterns,
    fuzzyByInitial,
    minFuzzyLength: MIN_FUZZY_LENGTH,
    fuzzyCache: new Map(),
  };
}
