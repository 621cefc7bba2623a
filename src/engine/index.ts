export { compileRuleSet, packInfo, type CompiledRuleSet, type CompiledRule, type PackInfo } from './compile';
export { analyzeSegment, analyzeSegmentFrom, judge, NOTHING_FOUND, segmentSignals, scan, segmentText, type SegmentAnalysis } from './scan';
export { normalize, normalizeTerm, type NormalizedText } from './normalize';
export { RISK_LABELS, CATEGORY_LABELS } from './labels';
export { SCORING } from './score';
export * from './types';
