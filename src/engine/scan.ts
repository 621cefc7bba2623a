/**
 * The engine's entry point: text (or segments) and a compiled rule set in, findings and a
 * verdict out. Pure: no browser, DOM or Node APIs, so the content script, the popup's "check a
 * message" box, the CLI and the tests all run the same code.
 *
 * Two stages, so that callers can spread the work: analyzeSegment (normalize and match one
 * segment: the costly part, done once per segment and kept) and judge (combine the segments'
 * signals into a verdict: cheap, redone whenever segments change).
 */
import type { CompiledRule, CompiledRuleSet } from './compile';
import { explain } from './explain';
import { findMatches } from './match';
import { isNegated } from './negation';
import { type NormalizedView, normalizeTransient } from './normalize';
import { tallyWording, type WordingModel } from './wording';
import { type SegmentSignals, worstWindow } from './score';
import type { Finding, ScanResult, Segment } from './types';

/** Splits plain text into line segments (a line is a paragraph or a message in text files). */
export function segmentText(text: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) segments.push({ text: line, start });
    start += line.length + 1;
  }
  return segments;
}

export interface SegmentAnalysis {
  /** Findings with offsets in the segment's own text (segment index 0; judge sets the real ones). */
  findings: Finding[];
  signals: SegmentSignals;
  /** The segment's strongest lure-like wording (original offsets), shown when the wording signal decides. */
  wording?: { text: string; start: number; end: number; weight: number }[];
}

const NO_RULES: ReadonlySet<number> = new Set();

/** Normalizes and matches one segment. */
export function analyzeSegment(text: string, ruleSet: CompiledRuleSet): SegmentAnalysis {
  const normalized = normalizeTransient(text);
  const matches = findMatches(normalized, ruleSet);
  const wording = ruleSet.wording ? wordingOf(text, normalized, ruleSet.wording) : undefined;
  // Most segments of a page match nothing: keep them cheap.
  if (matches.length === 0) return { findings: [], signals: { length: normalized.length, rules: NO_RULES, wording: wording?.tally }, wording: wording?.top };
  const rules = new Set<number>();
  const seen = new Set<number>();
  const findings: Finding[] = [];
  for (const match of matches) {
    const rule = ruleSet.rules[match.rule]!;
    const start = normalized.start[match.start]!;
    const end = normalized.end[match.end - 1]!;
    // One finding per rule and span (several variants or patterns can find the same text).
    const key = (match.rule * 0x100000 + start) * 0x100000 + end;
    if (seen.has(key)) continue;
    seen.add(key);
    const negated = rule.negatable && isNegated(normalized, match.start);
    if (!negated) rules.add(match.rule);
    const original = text.slice(start, end);
    findings.push({
      rule: rule.id,
      category: rule.category,
      role: rule.role,
      text: original,
      start,
      end,
      term: match.canonical,
      similarity: match.similarity,
      obfuscated: isObfuscated(original, normalized.codes, match.start, match.end),
      negated,
      segment: 0,
    });
  }
  return { findings: withoutContainedDuplicates(findings), signals: { length: normalized.length, rules, wording: wording?.tally }, wording: wording?.top };
}

/** The segment's wording tally, its strongest tokens mapped back to the original text. */
function wordingOf(text: string, normalized: NormalizedView, model: WordingModel) {
  const tally = tallyWording(normalized, model);
  if (tally.count === 0) return undefined;
  const top = tally.top.map((token) => {
    const start = normalized.start[token.start]!;
    const end = normalized.end[token.end - 1]!;
    return { text: text.slice(start, end), start, end, weight: token.weight };
  });
  return { tally: { sum: tally.sum, count: tally.count }, top };
}

/**
 * Analyzes a segment's text from `offset` on (a chat message after its sender's name: a name is
 * not a signal), with offsets still in the whole segment's text.
 */
export function analyzeSegmentFrom(text: string, offset: number, ruleSet: CompiledRuleSet): SegmentAnalysis {
  const analysis = analyzeSegment(text.slice(offset), ruleSet);
  if (offset === 0) return analysis;
  for (const finding of analysis.findings) {
    finding.start += offset;
    finding.end += offset;
  }
  for (const token of analysis.wording ?? []) {
    token.start += offset;
    token.end += offset;
  }
  return analysis;
}

/** The analysis of a segment that is not scanned at all (a sender's name on its own). */
export const NOTHING_FOUND: SegmentAnalysis = { findings: [], signals: { length: 0, rules: NO_RULES } };

/** The signals scoring reads of each analyzed segment, with the conversation it belongs to. */
export function segmentSignals(segments: readonly Segment[], analyses: readonly SegmentAnalysis[]): SegmentSignals[] {
  return analyses.map((analysis, index) => {
    const conversation = segments[index]!.conversation;
    return conversation === undefined ? analysis.signals : { ...analysis.signals, conversation };
  });
}

/** Combines analyzed segments (in reading order) into findings with input offsets and a verdict. */
export function judge(segments: readonly Segment[], analyses: readonly SegmentAnalysis[], ruleSet: CompiledRuleSet): ScanResult {
  const findings: Finding[] = [];
  let characters = 0;
  analyses.forEach((analysis, segment) => {
    const offset = segments[segment]!.start;
    characters += segments[segment]!.text.length;
    for (const f of analysis.findings) findings.push({ ...f, start: f.start + offset, end: f.end + offset, segment });
  });
  const worst = worstWindow(segmentSignals(segments, analyses), ruleSet);
  const verdict = worst?.verdict ?? null;
  if (worst && ruleSet.wording && verdict!.lures.includes(ruleSet.wording.rule)) {
    findings.push(...wordingFindings(segments, analyses, worst.first, worst.last, ruleSet.rules[ruleSet.wording.rule]!));
    findings.sort((a, b) => a.start - b.start || b.end - a.end);
  }
  const counted = new Set(verdict ? [...verdict.lures, ...verdict.places, ...verdict.counters].map((i) => ruleSet.rules[i]!.id) : []);
  const decisive = worst
    ? findings.filter((f) => !f.negated && f.segment >= worst.first && f.segment <= worst.last && counted.has(f.rule))
    : [];
  return {
    risk: verdict?.risk ?? 'none',
    score: verdict?.score ?? 0,
    category: verdict?.category ?? null,
    explanation: explain(verdict, ruleSet.rules),
    findings,
    decisive,
    window:
      worst && segments[worst.first] && segments[worst.last]
        ? { start: segments[worst.first]!.start, end: segments[worst.last]!.start + segments[worst.last]!.text.length }
        : null,
    scanned: { segments: segments.length, characters },
  };
}

const WORDING_FINDINGS = 3;

/** When the wording signal decides: the decisive window's most lure-like words, as findings. */
function wordingFindings(segments: readonly Segment[], analyses: readonly SegmentAnalysis[], first: number, last: number, rule: CompiledRule): Finding[] {
  const candidates: { segment: number; text: string; start: number; end: number; weight: number }[] = [];
  for (let segment = first; segment <= last; segment++) for (const token of analyses[segment]!.wording ?? []) candidates.push({ segment, ...token });
  candidates.sort((a, b) => b.weight - a.weight);
  // The same words in several messages are shown once.
  const shown = new Set<string>();
  const distinct = candidates.filter((candidate) => {
    const key = candidate.text.toLowerCase();
    if (shown.has(key)) return false;
    shown.add(key);
    return true;
  });
  return distinct.slice(0, WORDING_FINDINGS).map(({ segment, text, start, end }) => ({
    rule: rule.id,
    category: rule.category,
    role: rule.role,
    text,
    start: start + segments[segment]!.start,
    end: end + segments[segment]!.start,
    term: text,
    similarity: 1,
    obfuscated: false,
    negated: false,
    segment,
  }));
}

export function scan(input: string | readonly Segment[], ruleSet: CompiledRuleSet): ScanResult {
  const segments = typeof input === 'string' ? segmentText(input) : input;
  return judge(
    segments,
    segments.map((segment) => analyzeSegment(segment.text, ruleSet)),
    ruleSet,
  );
}

/**
 * Sorts findings by position and drops a finding that lies inside another of the same rule
 * ("no experience" inside "no experience needed"): one highlight per place is enough.
 */
function withoutContainedDuplicates(findings: Finding[]): Finding[] {
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const reach = new Map<string, number>();
  return findings.filter((finding) => {
    const key = `${finding.rule}:${finding.negated}`;
    if ((reach.get(key) ?? -1) >= finding.end) return false;
    reach.set(key, finding.end);
    return true;
  });
}

/**
 * Whether normalization changed a match beyond case: planted separators or invisible characters
 * (the lengths differ), full-width or look-alike letters, leetspeak, traditional characters.
 * Compared unit by unit, without building strings: it runs for every finding.
 */
function isObfuscated(original: string, codes: Uint16Array, from: number, to: number): boolean {
  if (original.length !== to - from) return true;
  for (let k = 0; k < original.length; k++) {
    let code = original.charCodeAt(k);
    if (code >= 65 && code <= 90) code += 32;
    else if (code >= 0x80 && code !== codes[from + k]) code = String.fromCharCode(code).toLowerCase().charCodeAt(0);
    if (code !== codes[from + k]) return true;
  }
  return false;
}
