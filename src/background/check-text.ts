/** Scans a piece of text (a selection, a pasted message) with the active rule set. */
import { scan, segmentText } from '../engine';
import { type PageReport, buildReport } from '../shared/report';
import { activeRuleSet } from './rule-set';

export async function checkText(text: string, where: { url: string; host: string }): Promise<PageReport> {
  const segments = segmentText(text);
  const ruleSet = await activeRuleSet();
  return buildReport(scan(segments, ruleSet), segments, ruleSet, where);
}
