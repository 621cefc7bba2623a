/**
 * The one place that decides what a tab looks like as a whole: its frames' reports in, the risk,
 * fraud type and number of findings out, and whether the in-page warning bar should show. The
 * badge, the popup and the bar all read this result.
 */
import { type Category, RISK_RANK, type Risk } from '../engine/types';
import type { PageReport } from './report';
import type { WarningThreshold } from './settings';

export interface TabVerdict {
  risk: Risk;
  category: Category | null;
  /** Findings of all the tab's frames. */
  findings: number;
  /** Whether the warning bar shows (the user's threshold is reached). */
  warn: boolean;
}

/** Whether a risk reaches the user's warning threshold. */
export function reachesThreshold(risk: Risk, threshold: WarningThreshold): boolean {
  return threshold !== 'off' && (risk === 'high' || (risk === 'medium' && threshold === 'medium'));
}

/** The frame whose verdict speaks for the tab: the worst one, the top frame (id 0) when equal. */
export function worstFrame(frames: Readonly<Record<string, PageReport>>): { frameId: number; report: PageReport } | null {
  let worst: { frameId: number; report: PageReport } | null = null;
  for (const [id, report] of Object.entries(frames)) {
    const frameId = Number(id);
    const rank = RISK_RANK[report.risk];
    if (!worst || rank > RISK_RANK[worst.report.risk] || (rank === RISK_RANK[worst.report.risk] && frameId < worst.frameId)) worst = { frameId, report };
  }
  return worst;
}

export function tabVerdict(frames: Readonly<Record<string, PageReport>>, threshold: WarningThreshold): TabVerdict {
  const worst = worstFrame(frames)?.report;
  let findings = 0;
  for (const report of Object.values(frames)) findings += report.findings.length;
  const risk = worst?.risk ?? 'none';
  return { risk, category: worst?.category ?? null, findings, warn: reachesThreshold(risk, threshold) };
}

export const NO_VERDICT: TabVerdict = { risk: 'none', category: null, findings: 0, warn: false };
