/**
 * Finds the raw matches of a compiled rule set in one normalized segment:
 *  - exact term hits and pattern anchors from a single automaton pass;
 *  - patterns (regular expressions) only in a short window around their anchors;
 *  - fuzzy candidates only for words that are long enough and share an initial with a fuzzy
 *    term, verified and scored by fuse.js, with results cached per distinct word.
 */
import Fuse from 'fuse.js';
import { DIGIT, LETTER } from './char-class';
import type { CompiledRuleSet, FuzzyTerm } from './compile';
import { type NormalizedView, sliceOf } from './normalize';

export interface RawMatch {
  rule: number;
  /** Offsets in the normalized segment text. */
  start: number;
  end: number;
  canonical: string;
  similarity: number;
}

/** How far around an anchor a pattern may reach. */
const PATTERN_REACH = 60;
// At most about one edit in five letters: Myawady, Miyawaddy, Sihanoukvile; not Mandarin for Myanmar.
const FUZZY_THRESHOLD = 0.2;
const MAX_FUZZY_LENGTH_DIFFERENCE = 2;
const FUZZY_CACHE_LIMIT = 50_000;
const FUSE_OPTIONS = { threshold: FUZZY_THRESHOLD, ignoreLocation: true, isCaseSensitive: true, includeScore: true } as const;

export function findMatches(normalized: NormalizedView, ruleSet: CompiledRuleSet): RawMatch[] {
  const { codes, length, classes } = normalized;
  // Latin letters and digits make words; the normalizer already classified every character.
  const isWordAt = (i: number) => classes[i] === LETTER || classes[i] === DIGIT;
  const matches: RawMatch[] = [];
  // Created on the first pattern anchor: most segments have none.
  let seenPattern: Set<string> | undefined;
  let patternWindowEnd: Map<number, number> | undefined;

  ruleSet.automaton.search(codes, length, (keyId, start, end) => {
    for (const meaning of ruleSet.keys[keyId]!) {
      if (meaning.kind === 'term') {
        if (meaning.boundedStart && start > 0 && isWordAt(start - 1)) continue;
        if (meaning.boundedEnd && end < length && isWordAt(end)) continue;
        let stop = end;
        if (meaning.prefix) while (stop < length && isWordAt(stop)) stop++;
        matches.push({ rule: meaning.rule, start, end: stop, canonical: meaning.canonical, similarity: 1 });
        continue;
      }
      seenPattern ??= new Set();
      patternWindowEnd ??= new Map();
      // Anchors close together share one window: skip an anchor inside the last window tried.
      if (end <= (patternWindowEnd.get(meaning.pattern) ?? -1) - PATTERN_REACH / 2) continue;
      const from = Math.max(0, start - PATTERN_REACH);
      const to = Math.min(length, end + PATTERN_REACH);
      patternWindowEnd.set(meaning.pattern, to);
      const pattern = ruleSet.patterns[meaning.pattern]!;
      const window = sliceOf(normalized, from, to);
      pattern.regex.lastIndex = 0;
      for (let m = pattern.regex.exec(window); m; m = pattern.regex.exec(window)) {
        if (m[0].length === 0) {
          pattern.regex.lastIndex++;
          continue;
        }
        const key = `${meaning.pattern}:${from + m.index}`;
        if (seenPattern.has(key)) continue;
        seenPattern.add(key);
        matches.push({ rule: pattern.rule, start: from + m.index, end: from + m.index + m[0].length, canonical: pattern.canonical, similarity: 1 });
      }
    }
  });

  if (ruleSet.fuzzyByInitial.size > 0) findFuzzyMatches(normalized, ruleSet, matches);
  return matches;
}

function findFuzzyMatches(normalized: NormalizedView, ruleSet: CompiledRuleSet, matches: RawMatch[]): void {
  const { codes, length, classes } = normalized;
  const { fuzzyByInitial, minFuzzyLength } = ruleSet;
  let i = 0;
  while (i < length) {
    if (classes[i] !== LETTER && classes[i] !== DIGIT) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < length && (classes[j] === LETTER || classes[j] === DIGIT)) j++;
    // Only words long enough for a fuzzy term and sharing its initial are worth a look.
    if (j - i >= minFuzzyLength - MAX_FUZZY_LENGTH_DIFFERENCE && j - i <= 32 && fuzzyByInitial.has(codes[i]!)) {
      for (const hit of fuzzyHits(normalized, i, j, ruleSet)) {
        matches.push({ rule: hit.rule, start: i, end: j, canonical: hit.canonical, similarity: hit.similarity });
      }
    }
    i = j;
  }
}

interface FuzzyHit extends FuzzyTerm {
  similarity: number;
}

/** FNV-1a over the word's code units: the cache key, so a word seen before costs no string. */
function hashOf(codes: Uint16Array, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let k = from; k < to; k++) hash = Math.imul(hash ^ codes[k]!, 0x01000193);
  return hash >>> 0;
}

function sameWord(word: string, codes: Uint16Array, from: number, to: number): boolean {
  if (word.length !== to - from) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== codes[from + k]) return false;
  return true;
}

function fuzzyHits(normalized: NormalizedView, from: number, to: number, ruleSet: CompiledRuleSet): readonly FuzzyHit[] {
  const key = hashOf(normalized.codes, from, to);
  const cached = ruleSet.fuzzyCache.get(key);
  if (cached && sameWord(cached.word, normalized.codes, from, to)) return cached.hits as FuzzyHit[];
  const word = sliceOf(normalized, from, to);
  const hits: FuzzyHit[] = [];
  for (const candidate of ruleSet.fuzzyByInitial.get(word.charCodeAt(0)) ?? []) {
    // Exact matches were already found by the automaton.
    if (candidate.term === word || Math.abs(candidate.term.length - word.length) > MAX_FUZZY_LENGTH_DIFFERENCE) continue;
    if (!sharesEnoughBigrams(candidate.term, word)) continue;
    const result = Fuse.match(candidate.term, word, FUSE_OPTIONS);
    if (result.isMatch && result.score <= FUZZY_THRESHOLD) hits.push({ ...candidate, similarity: round(1 - result.score) });
  }
  if (ruleSet.fuzzyCache.size >= FUZZY_CACHE_LIMIT) ruleSet.fuzzyCache.clear();
  ruleSet.fuzzyCache.set(key, { word, hits });
  return hits;
}

/** Cheap pre-filter before fuse.js: at least two thirds of the term's letter pairs occur in the word. */
function sharesEnoughBigrams(term: string, word: string): boolean {
  let shared = 0;
  for (let k = 0; k + 1 < term.length; k++) if (word.includes(term.slice(k, k + 2))) shared++;
  return shared * 3 >= (term.length - 1) * 2;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
