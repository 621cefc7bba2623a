export { compileRuleSet, packInfo, RuleConflict, type CompiledRuleSet, type CompiledRule, type PackInfo, type ReplacedRule } from './compile';
export { analyzeSegment, analyzeSegmentFrom, judge, NOTHING_FOUND, segmentSignals, scan, segmentText, type SegmentAnalysis } from './scan';
export { normalize, normalizeTerm, type NormalizedText } from './normalize';
export { RISK_LABELS, CATEGORY_LABELS } from './labels';
export { SCORING } from './score';
export * from './types';
