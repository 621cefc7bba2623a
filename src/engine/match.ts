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
  const { length, classes } = normalized;
  // Latin letters and digits make words; the normalizer already classified every character.
  const isWordAt = (i: number) => classes[i] === LETTER || classes[i] === DIGIT;
  const matches: RawMatch[] = [];
  // Anchor hits per pattern (start, end pairs); created on the first one: most segments have none.
  let anchored: Map<number, number[]> | undefined;

  ruleSet.automaton.search(normalized.codes, length, (keyId, start, end) => {
    for (const meaning of ruleSet.keys[keyId]!) {
      if (meaning.kind === 'term') {
        if (meaning.boundedStart && start > 0 && isWordAt(start - 1)) continue;
        if (meaning.boundedEnd && end < length && isWordAt(end)) continue;
        let stop = end;
        if (meaning.prefix) while (stop < length && isWordAt(stop)) stop++;
        matches.push({ rule: meaning.rule, start, end: stop, canonical: meaning.canonical, similarity: 1 });
        continue;
      }
      anchored ??= new Map();
      const hits = anchored.get(meaning.pattern);
      if (hits) hits.push(start, end);
      else anchored.set(meaning.pattern, [start, end]);
    }
  });

  if (anchored) findPatternMatches(normalized, ruleSet, anchored, matches);
  if (ruleSet.fuzzyByInitial.size > 0) findFuzzyMatches(normalized, ruleSet, matches);
  return matches;
}

/** Segments up to this length are searched whole by an anchored pattern of unbounded reach; longer ones around each anchor. */
const WHOLE_SEGMENT = 2000;

/**
 * Runs each pattern that had an anchor hit. Every match of a pattern contains one of its anchors
 * (that is what anchors are). A pattern of bounded reach is searched only where a match could
 * begin: from its reach before an anchor's end to the anchor's start, in the whole segment (so
 * that ^, $, \b and lookarounds see what they would see). One of unbounded reach is searched
 * whole in a short segment, and in windows around the anchors in a long one.
 */
function findPatternMatches(normalized: NormalizedView, ruleSet: CompiledRuleSet, anchored: Map<number, number[]>, matches: RawMatch[]): void {
  const { length } = normalized;
  let whole: string | undefined;
  for (const [patternIndex, hits] of anchored) {
    const pattern = ruleSet.patterns[patternIndex]!;
    const found = (start: number, end: number) => {
      if (end > start) matches.push({ rule: pattern.rule, start, end, canonical: pattern.canonical, similarity: 1 });
    };
    const { reach } = pattern.regex;
    if (reach !== Infinity) {
      whole ??= sliceOf(normalized, 0, length);
      if (!pattern.regex.mayMatchIn(whole)) continue;
      let searchedTo = 0;
      for (const [from, lastStart] of mergedRanges(hits, (start, end) => [Math.max(0, end - reach), start])) {
        // Matches do not overlap: one that began in an earlier range may reach into this one.
        for (const match of pattern.regex.matches(whole, Math.max(from, searchedTo), lastStart)) {
          found(match.start, match.end);
          searchedTo = Math.max(match.end, match.start + 1);
        }
      }
      continue;
    }
    const windows = length <= WHOLE_SEGMENT ? [[0, length] as [number, number]] : mergedRanges(hits, (start, end) => [Math.max(0, start - PATTERN_REACH), Math.min(length, end + PATTERN_REACH)]);
    for (const [from, to] of windows) {
      const text = from === 0 && to === length ? (whole ??= sliceOf(normalized, 0, length)) : sliceOf(normalized, from, to);
      if (!pattern.regex.mayMatchIn(text)) continue;
      for (const match of pattern.regex.matches(text)) found(from + match.start, from + match.end);
    }
  }
}

/** The ranges made from anchor hits (start, end pairs), in order, merged where they overlap. */
function mergedRanges(hits: readonly number[], rangeOf: (start: number, end: number) => [number, number]): [number, number][] {
  const ranges: [number, number][] = [];
  for (let k = 0; k < hits.length; k += 2) ranges.push(rangeOf(hits[k]!, hits[k + 1]!));
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

function findFuzzyMatches(normalized: NormalizedView, ruleSet: CompiledRuleSet, matches: RawMatch[]): void {
  const { codes, length, classes } = normalized;
  const { fuzzyByInitial, minFuzzyLength } = ruleSet;
  const shortest = minFuzzyLength - MAX_FUZZY_LENGTH_DIFFERENCE;
  let i = 0;
  while (i < length) {
    if (classes[i] !== LETTER && classes[i] !== DIGIT) {
      i++;
      continue;
    }
    // Only words sharing an initial with a fuzzy term and long enough are worth a look.
    const candidate = fuzzyByInitial.has(codes[i]!);
    let hash = 0x811c9dc5;
    let j = i;
    while (j < length && (classes[j] === LETTER || classes[j] === DIGIT)) {
      if (candidate) hash = Math.imul(hash ^ codes[j]!, 0x01000193);
      j++;
    }
    if (candidate && j - i >= shortest && j - i <= 32) {
      for (const hit of fuzzyHits(normalized, i, j, hash >>> 0, ruleSet)) {
        matches.push({ rule: hit.rule, start: i, end: j, canonical: hit.canonical, similarity: hit.similarity });
      }
    }
    i = j;
  }
}

interface FuzzyHit extends FuzzyTerm {
  similarity: number;
}

function sameWord(word: string, codes: Uint16Array, from: number, to: number): boolean {
  if (word.length !== to - from) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== codes[from + k]) return false;
  return true;
}

/** Fuzzy hits of the word [from, to); key is its FNV-1a hash, so a word seen before costs no string. */
function fuzzyHits(normalized: NormalizedView, from: number, to: number, key: number, ruleSet: CompiledRuleSet): readonly FuzzyHit[] {
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
