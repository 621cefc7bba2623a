/**
 * What a scan looks like to the rest of the extension: a PageReport is plain, serializable data
 * (findings with their context, the rules' explanations and sources) that the background stores
 * per tab and the popup shows as it is. Built the same way for pages, selections and pasted
 * messages. The zod schema is the one definition: the types are inferred from it, and the
 * background checks what it stores against it.
 */
import { z } from 'zod';
import type { CompiledRuleSet, ScanResult, Segment } from '../engine';
import { CATEGORIES, RISKS, ROLES } from '../engine/types';
import { MAX_URL_LENGTH, reportedUrl } from './page-address';

/**
 * How long a report's strings may be. The report is built within them, so that a page cannot
 * make its report vanish with a huge address or a match padded with thousands of invisible
 * characters.
 */
export const REPORT_LIMITS = { url: MAX_URL_LENGTH, text: 2000, context: 200, term: 500, findings: 200 } as const;

const localizedSchema = z.object({ en: z.string().max(5000), zh: z.string().max(5000) });
const sourceSchema = z.object({
  id: z.string().max(200),
  url: z.string().url().max(2000).refine((url) => /^https?:/i.test(url), 'source links must be http(s)'),
  title: z.string().max(500),
  publisher: z.string().max(500),
  date: z.string().max(20),
  summary: localizedSchema,
});

/** Where a match is on the page: a block of page text (by its key) and offsets in the block's text. */
export const blockSpanSchema = z.object({
  block: z.string().max(40),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type BlockSpan = z.infer<typeof blockSpanSchema>;

export const reportedFindingSchema = blockSpanSchema.extend({
  rule: z.string().max(200),
  category: z.enum(CATEGORIES),
  role: z.enum(ROLES),
  text: z.string().max(REPORT_LIMITS.text),
  /** A little of the surrounding text, for showing the match in context. */
  before: z.string().max(REPORT_LIMITS.context),
  after: z.string().max(REPORT_LIMITS.context),
  /** The canonical term (e.g. "Myawaddy (Myanmar)"). */
  term: z.string().max(REPORT_LIMITS.term),
  similarity: z.number().min(0).max(1),
  /** The page wrote the term in a disguised spelling (see Finding.obfuscated). */
  obfuscated: z.boolean(),
  /** True when the decisive window of the verdict counted this finding. */
  decisive: z.boolean(),
});
export type ReportedFinding = z.infer<typeof reportedFindingSchema>;

const reportedRuleSchema = z.object({
  /** The pack the rule comes from: where a false alarm about it is reported. */
  pack: z.string().max(200),
  label: localizedSchema,
  explanation: localizedSchema,
  sources: z.array(sourceSchema).max(50),
});
export type ReportedRule = z.infer<typeof reportedRuleSchema>;

export const SKIP_REASONS = ['trusted', 'paused'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const pageReportSchema = z.object({
  url: z.string().max(REPORT_LIMITS.url),
  host: z.string().max(500),
  risk: z.enum(RISKS),
  score: z.number().min(0).max(10_000),
  category: z.enum(CATEGORIES).nullable(),
  explanation: localizedSchema,
  findings: z.array(reportedFindingSchema).max(REPORT_LIMITS.findings),
  rules: z.record(z.string().max(200), reportedRuleSchema),
  scanned: z.object({ blocks: z.number().int().min(0), characters: z.number().int().min(0) }),
  scannedAt: z.number(),
  /** When the frame's document started (performance.timeOrigin): tells a reload from an update. */
  documentStart: z.number().optional(),
  /** Set when the page was deliberately not scanned. */
  skipped: z.enum(SKIP_REASONS).optional(),
});
export type PageReport = z.infer<typeof pageReportSchema>;

const CONTEXT = 40;

const clip = (text: string, limit: number) => (text.length <= limit ? text : text.slice(0, limit));

export function buildReport(
  result: ScanResult,
  segments: readonly Segment[],
  ruleSet: CompiledRuleSet,
  where: { url: string; host: string },
  /** The key of a segment's block on the page (its index by default: a pasted text's lines). */
  blockKey: (index: number) => string = String,
  now = Date.now(),
): PageReport {
  const decisive = new Set(result.decisive);
  // Negated matches ("we never ask for a fee") and counter signals are not warnings.
  const shown = result.findings.filter((f) => !f.negated && f.role !== 'counter');
  // Decisive findings first, so a cap never drops what the verdict rests on.
  shown.sort((a, b) => Number(decisive.has(b)) - Number(decisive.has(a)) || a.start - b.start);
  const findings: ReportedFinding[] = shown.slice(0, REPORT_LIMITS.findings).map((f) => {
    const segment = segments[f.segment]!;
    const start = f.start - segment.start;
    const end = f.end - segment.start;
    return {
      block: blockKey(f.segment),
      start,
      end,
      rule: f.rule,
      category: f.category,
      role: f.role,
      text: clip(f.text, REPORT_LIMITS.text),
      before: clip(segment.text.slice(Math.max(0, start - CONTEXT), start), REPORT_LIMITS.context),
      after: clip(segment.text.slice(end, end + CONTEXT), REPORT_LIMITS.context),
      term: clip(f.term, REPORT_LIMITS.term),
      similarity: f.similarity,
      obfuscated: f.obfuscated,
      decisive: decisive.has(f),
    };
  });
  const rules: Record<string, ReportedRule> = {};
  for (const f of [...findings, ...result.decisive]) {
    const rule = ruleSet.ruleById.get(f.rule);
    if (rule && !rules[f.rule]) rules[f.rule] = { pack: rule.pack, label: rule.label, explanation: rule.explanation, sources: rule.sources };
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
    scanned: { blocks: result.scanned.segments, characters: result.scanned.characters },
    scannedAt: now,
  };
}

/** The report of a page that was not scanned on purpose (trusted site, Lureguard paused). */
export function skippedReport(where: { url: string; host: string }, skipped: SkipReason, now = Date.now()): PageReport {
  return {
    url: reportedUrl(where.url),
    host: where.host,
    risk: 'none',
    score: 0,
    category: null,
    explanation: { en: '', zh: '' },
    findings: [],
    rules: {},
    scanned: { blocks: 0, characters: 0 },
    scannedAt: now,
    skipped,
  };
}
