/**
 * What the popup shows for a tab: the verdict of its worst frame and the findings of all its
 * frames, grouped by fraud category and then by rule.
 */
import { CATEGORIES, type Category } from '../engine/types';
import type { PageReport, ReportedFinding, ReportedRule } from '../shared/report';
import type { TabState } from '../shared/session-state';
import { worstFrame } from '../shared/tab-verdict';

export interface ShownFinding extends ReportedFinding {
  frameId: number;
}

export interface RuleGroup {
  rule: string;
  info: ReportedRule | undefined;
  findings: ShownFinding[];
}

export interface CategoryGroup {
  category: Category;
  rules: RuleGroup[];
}

export interface TabView {
  /** The report whose verdict is shown (the worst frame's; the top frame's when equal). */
  report: PageReport;
  groups: CategoryGroup[];
}


export function groupFindings(findings: readonly ShownFinding[], rules: Record<string, ReportedRule>): CategoryGroup[] {
  const byCategory = new Map<Category, Map<string, RuleGroup>>();
  for (const finding of findings) {
    const groups = byCategory.get(finding.category) ?? new Map<string, RuleGroup>();
    byCategory.set(finding.category, groups);
    const group = groups.get(finding.rule) ?? { rule: finding.rule, info: rules[finding.rule], findings: [] };
    groups.set(finding.rule, group);
    group.findings.push(finding);
  }
  return CATEGORIES.filter((c) => byCategory.has(c)).map((category) => ({
    category,
    // Rules the verdict rests on first.
    rules: [...byCategory.get(category)!.values()].sort(
      (a, b) => Number(b.findings.some((f) => f.decisive)) - Number(a.findings.some((f) => f.decisive)),
    ),
  }));
}

export function viewOfReport(report: PageReport, frameId = 0): TabView {
  return { report, groups: groupFindings(report.findings.map((f) => ({ ...f, frameId })), report.rules) };
}

export function viewOfTab(state: TabState): TabView | null {
  const worst = worstFrame(state.frames)?.report;
  if (!worst) return null;
  const rules: Record<string, ReportedRule> = {};
  const findings: ShownFinding[] = [];
  // The worst frame's findings first, then the others' in frame order.
  const frames = Object.entries(state.frames).sort(([a, x], [b, y]) => Number(y === worst) - Number(x === worst) || Number(a) - Number(b));
  for (const [frameId, report] of frames) {
    Object.assign(rules, report.rules);
    for (const finding of report.findings) findings.push({ ...finding, frameId: Number(frameId) });
  }
  // The page itself (top frame) decides what "this site" is, even when a frame is worse.
  const top = state.frames['0'];
  const report = top && worst !== top ? { ...worst, host: top.host, url: top.url, skipped: top.skipped } : worst;
  return { report, groups: groupFindings(findings, rules) };
}
