/**
 * Finds the raw matches of a compiled rule set in one normalized segment:
 *  - exact term hits and pattern anchors from a single automaton pass;
 *  - patterns (regular expressions) only in a short window around their anchors;
 *  - fuzzy candidates only for words that are long enough and share an initial with a fuzzy
 *    term, verified and scored by fuse.js, with results cached per distinct word.
 */
import Fuse from 'fuse.js';
import { isWordChar } from './char-class';
import type { CompiledRuleSet, FuzzyTerm } from './compile';

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

export function findMatches(text: string, ruleSet: CompiledRuleSet): RawMatch[] {
  const matches: RawMatch[] = [];
  const seenPattern = new Set<string>();
  const patternWindowEnd = new Map<number, number>();

  ruleSet.automaton.search(text, (keyId, start, end) => {
    for (const meaning of ruleSet.keys[keyId]!) {
      if (meaning.kind === 'term') {
        if (meaning.boundedStart && start > 0 && isWordChar(text.charCodeAt(start - 1))) continue;
        if (meaning.boundedEnd && end < text.length && isWordChar(text.charCodeAt(end))) continue;
        let stop = end;
        if (meaning.prefix) while (stop < text.length && isWordChar(text.charCodeAt(stop))) stop++;
        matches.push({ rule: meaning.rule, start, end: stop, canonical: meaning.canonical, similarity: 1 });
        continue;
      }
      // Anchors close together share one window: skip an anchor inside the last window tried.
      if (end <= (patternWindowEnd.get(meaning.pattern) ?? -1) - PATTERN_REACH / 2) continue;
      const from = Math.max(0, start - PATTERN_REACH);
      const to = Math.min(text.length, end + PATTERN_REACH);
      patternWindowEnd.set(meaning.pattern, to);
      const pattern = ruleSet.patterns[meaning.pattern]!;
      const window = text.slice(from, to);
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

  if (ruleSet.fuzzyByInitial.size > 0) findFuzzyMatches(text, ruleSet, matches);
  return matches;
}

function findFuzzyMatches(text: string, ruleSet: CompiledRuleSet, matches: RawMatch[]): void {
  let i = 0;
  while (i < text.length) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && isWordChar(text.charCodeAt(j))) j++;
    if (j - i >= 5 && j - i <= 32) {
      for (const hit of fuzzyHits(text.slice(i, j), ruleSet)) {
        matches.push({ rule: hit.rule, start: i, end: j, canonical: hit.canonical, similarity: hit.similarity });
      }
    }
    i = j;
  }
}

interface FuzzyHit extends FuzzyTerm {
  similarity: number;
}

function fuzzyHits(word: string, ruleSet: CompiledRuleSet): FuzzyHit[] {
  const cached = ruleSet.fuzzyCache.get(word);
  if (cached !== undefined) return (cached as FuzzyHit[] | null) ?? [];
  const hits: FuzzyHit[] = [];
  for (const candidate of ruleSet.fuzzyByInitial.get(word[0]!) ?? []) {
    // Exact matches were already found by the automaton.
    if (candidate.term === word || Math.abs(candidate.term.length - word.length) > MAX_FUZZY_LENGTH_DIFFERENCE) continue;
    if (!sharesEnoughBigrams(candidate.term, word)) continue;
    const result = Fuse.match(candidate.term, word, FUSE_OPTIONS);
    if (result.isMatch && result.score <= FUZZY_THRESHOLD) hits.push({ ...candidate, similarity: round(1 - result.score) });
  }
  if (ruleSet.fuzzyCache.size >= FUZZY_CACHE_LIMIT) ruleSet.fuzzyCache.clear();
  ruleSet.fuzzyCache.set(word, hits.length > 0 ? hits : null);
  return hits;
}

/** Cheap pre-filter before fuse.js: at least two thirds of the term's letter pairs occur in the word. */
function sharesEnoughBigrams(term: string, word: string): boolean {
  let shared = 0;
  for (let k = 0; k + 1 < term.length; k++) if (word.includes(term.slice(k, k + 2))) shared++;
  return shared * 3 >= (term.length - 1) * 2;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
