/** Scans a piece of text (a selection, a pasted message) with the core rule set. */
import { type CompiledRuleSet, compileRuleSet, scan, segmentText } from '../engine';
import { corePack } from '../rules/core-pack';
import { type PageReport, buildReport } from './report';

let ruleSet: CompiledRuleSet | undefined;

/** Compiled on first use: derived data, cheap to rebuild if the worker was stopped. */
export function coreRuleSet(): CompiledRuleSet {
  return (ruleSet ??= compileRuleSet([corePack]));
}

export function checkText(text: string, where: { url: string; host: string }): PageReport {
  const segments = segmentText(text);
  return buildReport(scan(segments, coreRuleSet()), segments, coreRuleSet(), where);
}
