/**
 * A compiled rule set as plain data, so that the background can store it and, when the browser
 * restarts its service worker, load it instead of compiling the packs again (about four times
 * slower). The data is plain objects, arrays, strings, numbers and typed arrays: what IndexedDB
 * stores by structured clone, typed arrays and all. Store it there: chrome.storage.local keeps
 * JSON, which turns a typed array into an object of numbered keys, and reading megabytes back
 * from it took longer than compiling (measured in a Chromium service worker: IndexedDB 80 ms,
 * chrome.storage 370 ms, compiling 350 ms).
 *
 * Tables derived from others (the rule maps) are rebuilt on loading rather than stored, and
 * caches start empty.
 */
import { Automaton, type AutomatonData } from './automaton';
import type { CompiledRule, CompiledRuleSet, FuzzyTerm, KeyMeaning, PackInfo, ReplacedRule } from './compile';
import { LinearRegex, type LinearRegexData } from './linear-regex';
import type { Thresholds } from './score';
import type { TokenTable, WordingModel } from './wording';

/**
 * Bump it whenever the data's form or meaning changes: a stored set of another version is
 * refused, and the caller compiles the packs again. It says nothing of the packs, or of the rest
 * of the engine (a change in normalization changes the compiled keys): store the set beside the
 * packs' ids and versions and the extension's version, and compile again when any differs.
 */
export const SERIALIZED_FORMAT_VERSION = 2;

export interface SerializedRuleSet {
  formatVersion: number;
  packs: PackInfo[];
  rules: CompiledRule[];
  replaced: ReplacedRule[];
  thresholds: Thresholds;
  automaton: AutomatonData;
  keys: KeyMeaning[][];
  patterns: { rule: number; regex: LinearRegexData; canonical: string }[];
  /** fuzzyByInitial's entries. */
  fuzzyByInitial: [number, FuzzyTerm[]][];
  minFuzzyLength: number;
  /** The wording model without its scratch space (`seen`). */
  wording: (Omit<WordingModel, 'weights'> & { weights: Omit<TokenTable, 'seen'> }) | null;
}

/** The set as data. It shares the set's objects (storing copies them): do not change either. */
export function serializeRuleSet(set: CompiledRuleSet): SerializedRuleSet {
  const { packs, rules, replaced, thresholds, keys, minFuzzyLength, wording } = set;
  return {
    formatVersion: SERIALIZED_FORMAT_VERSION,
    packs,
    rules,
    replaced,
    thresholds,
    automaton: set.automaton.toData(),
    keys,
    patterns: set.patterns.map(({ rule, regex, canonical }) => ({ rule, regex: regex.toData(), canonical })),
    fuzzyByInitial: [...set.fuzzyByInitial],
    minFuzzyLength,
    wording: wording && { ...wording, weights: withoutScratch(wording.weights) },
  };
}

// (`seen` stamps the slots of the segment being tallied: a fresh one is all zeros.)
const withoutScratch = ({ seen, ...table }: TokenTable): Omit<TokenTable, 'seen'> => table;

/**
 * The rule set stored as `data`, or undefined when `data` is not a set stored by this version of
 * the format (an older extension's, or nothing at all): compile the packs again then.
 */
export function deserializeRuleSet(data: SerializedRuleSet): CompiledRuleSet | undefined {
  if (data?.formatVersion !== SERIALIZED_FORMAT_VERSION) return undefined;
  const { packs, rules, replaced, thresholds, keys, minFuzzyLength, wording } = data;
  return {
    packs,
    rules,
    replaced,
    thresholds,
    ruleById: new Map(rules.map((rule) => [rule.id, rule])),
    ruleIndex: new Map(rules.map((rule, index) => [rule.id, index])),
    automaton: Automaton.fromData(data.automaton),
    keys,
    patterns: data.patterns.map(({ rule, regex, canonical }) => ({ rule, regex: LinearRegex.fromData(regex), canonical })),
    fuzzyByInitial: new Map(data.fuzzyByInitial),
    minFuzzyLength,
    wording: wording && { ...wording, weights: { ...wording.weights, seen: new Uint32Array(wording.weights.keys.length) } },
    fuzzyCache: new Map(),
  };
}
