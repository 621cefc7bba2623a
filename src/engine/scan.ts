/**
 * The engine's entry point: text (or segments) and a compiled rule set in, findings and a
 * verdict out. Pure: no browser, DOM or Node APIs, so the content script, the popup's "check a
 * message" box, the CLI and the tests all run the same code.
 */
import type { CompiledRuleSet } from './compile';
import { explain } from './explain';
import { findMatches } from './match';
import { isNegated } from './negation';
import { normalizeTransient } from './normalize';
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

export function scan(input: string | readonly Segment[], ruleSet: CompiledRuleSet): ScanResult {
  const segments = typeof input === 'string' ? segmentText(input) : input;
  const findings: Finding[] = [];
  const signals: SegmentSignals[] = [];
  let characters = 0;

  const none: ReadonlySet<number> = new Set();
  segments.forEach((segment, segmentIndex) => {
    characters += segment.text.length;
    const normalized = normalizeTransient(segment.text);
    const matches = findMatches(normalized, ruleSet);
    if (matches.length === 0) {
      // Most segments of a page match nothing: keep them cheap.
      signals.push({ length: normalized.length, rules: none });
      return;
    }
    const rules = new Set<number>();
    const seen = new Set<number>();
    for (const match of matches) {
      const rule = ruleSet.rules[match.rule]!;
      const localStart = normalized.start[match.start]!;
      const localEnd = normalized.end[match.end - 1]!;
      // One finding per rule and span (several variants or patterns can find the same text).
      const key = (match.rule * 0x100000 + localStart) * 0x100000 + localEnd;
      if (seen.has(key)) continue;
      seen.add(key);
      const negated = rule.negatable && isNegated(normalized, match.start);
      if (!negated) rules.add(match.rule);
      findings.push({
        rule: rule.id,
        category: rule.category,
        role: rule.role,
        text: segment.text.slice(localStart, localEnd),
        start: segment.start + localStart,
        end: segment.start + localEnd,
        term: match.canonical,
        similarity: match.similarity,
        negated,
        segment: segmentIndex,
      });
    }
    signals.push({ length: normalized.length, rules });
  });

  const kept = withoutContainedDuplicates(findings);
  const worst = worstWindow(signals, ruleSet.rules);
  const verdict = worst?.verdict ?? null;
  const counted = new Set(verdict ? [...verdict.lures, ...verdict.places, ...verdict.counters].map((i) => ruleSet.rules[i]!.id) : []);
  const decisive = worst
    ? kept.filter((f) => !f.negated && f.segment >= worst.first && f.segment <= worst.last && counted.has(f.rule))
    : [];
  return {
    risk: verdict?.risk ?? 'none',
    score: verdict?.score ?? 0,
    category: verdict?.category ?? null,
    explanation: explain(verdict, ruleSet.rules),
    findings: kept,
    decisive,
    window:
      worst && segments[worst.first] && segments[worst.last]
        ? { start: segments[worst.first]!.start, end: segments[worst.last]!.start + segments[worst.last]!.text.length }
        : null,
    scanned: { segments: segments.length, characters },
  };
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
