/**
 * What a scan looks like to the rest of the extension: a PageReport is plain, serializable data
 * (findings with their context, the rules' explanations and sources) that the background stores
 * per tab and the popup shows as it is. Built the same way for pages, selections and pasted
 * messages.
 */
import type { Category, CompiledRuleSet, Localized, Risk, Role, ScanResult, Segment, Source } from '../engine';

export interface ReportedFinding {
  /** Identifies the match within its frame: "block:start:end" (offsets in the block's text). */
  id: string;
  rule: string;
  category: Category;
  role: Role;
  text: string;
  /** A little of the surrounding text, for showing the match in context. */
  before: string;
  after: string;
  /** The canonical term (e.g. "Myawaddy (Myanmar)"). */
  term: string;
  similarity: number;
  /** The page wrote the term in a disguised spelling (see Finding.obfuscated). */
  obfuscated: boolean;
  /** True when the decisive window of the verdict counted this finding. */
  decisive: boolean;
}

export interface ReportedRule {
  label: Localized;
  explanation: Localized;
  sources: Source[];
}

export interface PageReport {
  url: string;
  host: string;
  risk: Risk;
  score: number;
  category: Category | null;
  explanation: Localized;
  findings: ReportedFinding[];
  rules: Record<string, ReportedRule>;
  scanned: { segments: number; characters: number };
  scannedAt: number;
  /** When the frame's document started (performance.timeOrigin): tells a reload from an update. */
  documentStart?: number;
  /** Set when the page was deliberately not scanned. */
  skipped?: 'trusted' | 'paused';
}

const CONTEXT = 40;
/** Upper bound on findings kept per report: a huge page must not flood storage or the popup. */
export const MAX_REPORTED_FINDINGS = 200;

/**
 * How long a report's strings may be: the message schema (messages.ts) rejects longer ones, and
 * the report is built within them, so that a page cannot make its report vanish with a huge
 * address or a match padded with thousands of invisible characters.
 */
export const REPORT_LIMITS = { url: 8000, text: 2000, context: 200, term: 500 } as const;

const clip = (text: string, limit: number) => (text.length <= limit ? text : text.slice(0, limit));

/** The page address as reported: an address too long loses its fragment, then its tail. */
export function reportedUrl(url: string): string {
  if (url.length <= REPORT_LIMITS.url) return url;
  const hash = url.indexOf('#');
  return clip(hash >= 0 ? url.slice(0, hash) : url, REPORT_LIMITS.url);
}

export function buildReport(
  result: ScanResult,
  segments: readonly Segment[],
  ruleSet: CompiledRuleSet,
  where: { url: string; host: string },
  /** A stable name for a segment in finding ids (its index by default). */
  segmentKey: (index: number) => string | number = (index) => index,
  now = Date.now(),
): PageReport {
  const decisive = new Set(result.decisive);
  // Negated matches ("we never ask for a fee") and counter signals are not warnings.
  const shown = result.findings.filter((f) => !f.negated && f.role !== 'counter');
  // Decisive findings first, so a cap never drops what the verdict rests on.
  shown.sort((a, b) => Number(decisive.has(b)) - Number(decisive.has(a)) || a.start - b.start);
  const findings: ReportedFinding[] = shown.slice(0, MAX_REPORTED_FINDINGS).map((f) => {
    const segment = segments[f.segment]!;
    const start = f.start - segment.start;
    const end = f.end - segment.start;
    return {
      id: `${segmentKey(f.segment)}:${start}:${end}`,
      rule: f.rule,
      category: f.category,
      role: f.role,
      text: clip(f.text, REPORT_LIMITS.text),
      before: segment.text.slice(Math.max(0, start - CONTEXT), start),
      after: segment.text.slice(end, end + CONTEXT),
      term: clip(f.term, REPORT_LIMITS.term),
      similarity: f.similarity,
      obfuscated: f.obfuscated,
      decisive: decisive.has(f),
    };
  });
  findings.sort((a, b) => Number(b.decisive) - Number(a.decisive));
  const rules: Record<string, ReportedRule> = {};
  for (const f of [...findings, ...result.decisive]) {
    const rule = ruleSet.ruleById.get(f.rule);
    if (rule && !rules[f.rule]) rules[f.rule] = { label: rule.label, explanation: rule.explanation, sources: rule.sources };
  }
  return {
    url: reportedUrl(where.url),
    host: where.host,
    risk: result.risk,
    score: result.score,
    category: result.category,
    explanation: result.explanation,
    findings,
    rules,
    scanned: result.scanned,
    scannedAt: now,
  };
}

/** Parses a finding id back into its block key and offsets. */
export function parseFindingId(id: string): { block: string; start: number; end: number } | null {
  const match = /^([0-9a-z.]+):(\d+):(\d+)$/.exec(id);
  return match ? { block: match[1]!, start: Number(match[2]), end: Number(match[3]) } : null;
}

/** The report of a page that was not scanned on purpose (trusted site, Lureguard paused). */
export function skippedReport(where: { url: string; host: string }, skipped: 'trusted' | 'paused', now = Date.now()): PageReport {
  return {
    url: where.url,
    host: where.host,
    risk: 'none',
    score: 0,
    category: null,
    explanation: { en: '', zh: '' },
    findings: [],
    rules: {},
    scanned: { segments: 0, characters: 0 },
    scannedAt: now,
    skipped,
  };
}
