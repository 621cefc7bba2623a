/**
 * Judges one frame from the blocks its content script reports. Pure (no browser APIs): the
 * background calls it with the frame's memory, tests call it directly.
 *
 * A frame sends a block's text once; later messages name the block by its key. The memory keeps
 * each text's analysis (the costly part), so a chat message appended to a long page costs the
 * analysis of that message and a cheap judgement of the whole page.
 */
import { type CompiledRuleSet, type Segment, type SegmentAnalysis, analyzeSegment, analyzeSegmentFrom, judge, NOTHING_FOUND } from '../engine';
import { textIdOf } from '../shared/block-keys';
import type { BlockEntry, PageInfo } from '../shared/messages';
import { buildReport, type PageReport } from '../shared/report';

interface KnownText {
  text: string;
  analysis: SegmentAnalysis;
  /** The analysis after a sender's name, for the last name length it was asked for. */
  withoutSender?: { prefix: number; analysis: SegmentAnalysis };
}

/** What the background remembers of one frame's document: the analysis of each text, by text id. */
export class FrameMemory {
  readonly texts = new Map<string, KnownText>();
  constructor(readonly documentStart: number) {}
}

export type FrameJudgeResult = { report: PageReport } | { missing: string[] };

export function judgeFrame(ruleSet: CompiledRuleSet, memory: FrameMemory, page: PageInfo, blocks: readonly BlockEntry[], now = Date.now()): FrameJudgeResult {
  const missing: string[] = [];
  const used = new Set<string>();
  for (const block of blocks) {
    const id = textIdOf(block.key);
    used.add(id);
    if (memory.texts.has(id)) continue;
    if (block.text === undefined) missing.push(block.key);
    else memory.texts.set(id, { text: block.text, analysis: analyzeSegment(block.text, ruleSet) });
  }
  // Texts no longer on the page are forgotten: the memory never outgrows the page.
  for (const id of memory.texts.keys()) if (!used.has(id)) memory.texts.delete(id);
  if (missing.length > 0) return { missing };

  let start = 0;
  const segments: Segment[] = [];
  const analyses: SegmentAnalysis[] = [];
  for (const block of blocks) {
    const known = memory.texts.get(textIdOf(block.key))!;
    const segment: Segment = { text: known.text, start };
    if (block.conversation !== undefined) segment.conversation = block.conversation;
    segments.push(segment);
    analyses.push(analysisAfterSender(known, block.sender ?? 0, ruleSet));
    start += known.text.length + 1;
  }
  const result = judge(segments, analyses, ruleSet);
  const report = buildReport(result, segments, ruleSet, page, (index) => blocks[index]!.key, now);
  return { report: { ...report, documentStart: page.documentStart } };
}

/** What a block counts for: a sender's name counts for nothing, a message only after its sender's name. */
function analysisAfterSender(known: KnownText, sender: number, ruleSet: CompiledRuleSet): SegmentAnalysis {
  if (sender < 0) return NOTHING_FOUND;
  if (sender === 0) return known.analysis;
  if (known.withoutSender?.prefix !== sender) {
    known.withoutSender = { prefix: sender, analysis: analyzeSegmentFrom(known.text, Math.min(sender, known.text.length), ruleSet) };
  }
  return known.withoutSender.analysis;
}
