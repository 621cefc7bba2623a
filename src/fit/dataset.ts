/**
 * Corpus items analyzed once for fitting: the costly part (normalize and match every segment) is
 * done once, and each item keeps the distinct rule sets of its neighbourhoods, which is all that
 * scoring sees. Refitting weights or thresholds then costs nothing per item but arithmetic.
 */
import { analyzeSegment, type CompiledRuleSet, type Segment, type SegmentAnalysis, segmentSignals } from '../engine';
import { neighbourhoods } from '../engine/score';
import { type CorpusItem, itemSegments } from './corpus';

export interface AnalyzedItem {
  item: CorpusItem;
  segments: Segment[];
  analyses: SegmentAnalysis[];
  /** The distinct rule sets (sorted rule indexes) of the item's neighbourhoods. */
  windows: number[][];
}

export function analyzeItems(items: readonly CorpusItem[], ruleSet: CompiledRuleSet): AnalyzedItem[] {
  return items.map((item) => {
    const segments = itemSegments(item);
    const analyses = segments.map((segment) => analyzeSegment(segment.text, ruleSet));
    const seen = new Set<string>();
    const windows: number[][] = [];
    for (const { rules } of neighbourhoods(segmentSignals(segments, analyses), ruleSet.wording)) {
      const window = [...rules].sort((a, b) => a - b);
      const key = window.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        windows.push(window);
      }
    }
    return { item, segments, analyses, windows };
  });
}
