/**
 * The one message protocol between content scripts, background, popup and options. Every
 * message is a member of a tagged union declared here; messages that come from content scripts
 * (which run inside untrusted pages) are validated before use.
 */
import { z } from 'zod';
import { CATEGORIES, RISKS, ROLES } from '../engine/types';
import type { Category, Risk } from '../engine/types';
import { type PageReport, REPORT_LIMITS } from './report';

/** Content script -> background. */
export type ContentMessage =
  | { type: 'page-report'; report: PageReport }
  | { type: 'open-explanation' }
  | { type: 'trust-site'; host: string };

/** Popup/options -> background. */
export type ExtensionMessage = { type: 'get-tab-state'; tabId: number } | { type: 'check-text'; text: string };

/** Popup/background -> content script. */
export type TabMessage =
  | { type: 'show-finding'; findingId: string }
  | { type: 'rescan' }
  | { type: 'get-report' }
  /** To the top frame: the worst verdict of the tab's other frames (a chat widget in an iframe). */
  | { type: 'frames-verdict'; risk: Risk; category: Category | null };

const localized = z.object({ en: z.string().max(5000), zh: z.string().max(5000) });
const source = z.object({
  id: z.string().max(200),
  url: z.string().url().max(2000).refine((url) => /^https?:/i.test(url), 'source links must be http(s)'),
  title: z.string().max(500),
  publisher: z.string().max(500),
  date: z.string().max(20),
  summary: localized,
});
const finding = z.object({
  id: z.string().max(64),
  rule: z.string().max(200),
  category: z.enum(CATEGORIES),
  role: z.enum(ROLES),
  text: z.string().max(REPORT_LIMITS.text),
  before: z.string().max(REPORT_LIMITS.context),
  after: z.string().max(REPORT_LIMITS.context),
  term: z.string().max(REPORT_LIMITS.term),
  similarity: z.number().min(0).max(1),
  obfuscated: z.boolean(),
  decisive: z.boolean(),
});
export const pageReportSchema = z.object({
  url: z.string().max(REPORT_LIMITS.url),
  host: z.string().max(500),
  risk: z.enum(RISKS as [string, ...string[]]),
  score: z.number().min(0).max(10_000),
  category: z.enum(CATEGORIES).nullable(),
  explanation: localized,
  findings: z.array(finding).max(500),
  rules: z.record(z.string().max(200), z.object({ label: localized, explanation: localized, sources: z.array(source).max(50) })),
  scanned: z.object({ segments: z.number().int().min(0), characters: z.number().int().min(0) }),
  scannedAt: z.number(),
  documentStart: z.number().optional(),
  skipped: z.enum(['trusted', 'paused']).optional(),
});

const contentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page-report'), report: pageReportSchema }),
  z.object({ type: z.literal('open-explanation') }),
  z.object({ type: z.literal('trust-site'), host: z.string().min(1).max(500) }),
]);

/** A content script's message, or null when it is not one (a hostile page can reach it). */
export function parseContentMessage(message: unknown): ContentMessage | null {
  const result = contentMessageSchema.safeParse(message);
  return result.success ? (result.data as ContentMessage) : null;
}
