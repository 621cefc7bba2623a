/** Scans a piece of text (a selection, a pasted message) with the active rule set. */
import { scan, segmentText } from '../engine';
import { type PageReport, buildReport } from '../shared/report';
import { activeRuleSet } from './rule-set';

export function checkText(text: string, where: { url: string; host: string }): PageReport {
  const segments = segmentText(text);
  return buildReport(scan(segments, activeRuleSet()), segments, activeRuleSet(), where);
}
