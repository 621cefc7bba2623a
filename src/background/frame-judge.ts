/**
 * Judges one frame from the blocks its content script reports. Pure (no browser APIs): the
 * background calls it with the frame's memory, tests call it directly.
 *
 * A frame sends a block's text once, as soon as it has read it (page-texts); judging names the
 * blocks by their keys, and after the first time sends only what changed in the list. The memory
 * keeps each text's analysis (the costly part), so a chat message appended to a long page costs
 * the analysis of that message and a cheap judgement of the whole page.
 */
import { type CompiledRuleSet, type Segment, type SegmentAnalysis, analyzeSegment, analyzeSegmentFrom, judge, NOTHING_FOUND } from '../engine';
import { textIdOf } from '../shared/block-keys';
import type { BlockEntry } from '../shared/block-entries';
import type { BlockChange, PageInfo, ReceivedContentMessage } from '../shared/messages';
import { buildReport, type PageReport } from '../shared/report';

interface KnownText {
  text: string;
  analysis: SegmentAnalysis;
  /** The analysis after a sender's name, for the last name length it was asked for. */
  withoutSender?: { prefix: number; analysis: SegmentAnalysis };
}

/** What the background remembers of one frame's document: each text's analysis, by text id, and the block list last judged. */
export class FrameMemory {
  readonly texts = new Map<string, KnownText>();
  /** The rule set the analyses were made with: a pack change makes them stale. */
  ruleSet: CompiledRuleSet | undefined;
  /** The blocks last judged, in reading order: a change applies to them. */
  entries: readonly BlockEntry[] | undefined;
  constructor(readonly documentStart: number) {}
}

/** The blocks to judge as a page-blocks message carries them: a whole list, or a change to the list last judged. */
type SentList = Pick<Extract<ReceivedContentMessage, { type: 'page-blocks' }>, 'blocks' | 'change'>;

export type FrameJudgeResult = { report: PageReport } | { resend: true };

/** Analyzes texts as they arrive (the costly part), before the frame asks for a judgement. */
export function rememberTexts(ruleSet: CompiledRuleSet, memory: FrameMemory, texts: readonly { key: string; text: string }[]): void {
  analyzeWith(ruleSet, memory);
  for (const { key, text } of texts) {
    const id = textIdOf(key);
    // A frame never gives one id to two texts, but the message comes from the page's process:
    // never judge a text by the analysis of another.
    if (memory.texts.get(id)?.text !== text) memory.texts.set(id, { text, analysis: analyzeSegment(text, ruleSet) });
  }
}

/** Analyzes what the memory holds again when the rules changed since (a pack was added, updated or switched off). */
function analyzeWith(ruleSet: CompiledRuleSet, memory: FrameMemory): void {
  if (memory.ruleSet === ruleSet) return;
  if (memory.ruleSet) {
    for (const known of memory.texts.values()) {
      known.analysis = analyzeSegment(known.text, ruleSet);
      known.withoutSender = undefined;
    }
  }
  memory.ruleSet = ruleSet;
}

/** Keeps a part of the frame's list that more parts follow: the list is judged when the last one arrives. */
export function rememberList(memory: FrameMemory, list: SentList): void {
  memory.entries = list.blocks ?? applyChange(memory.entries, list.change) ?? undefined;
}

/**
 * Judges the frame's blocks. Asks for everything again when it lacks a text or the list a change
 * applies to (the service worker was restarted meanwhile).
 */
export function judgeFrame(ruleSet: CompiledRuleSet, memory: FrameMemory, page: PageInfo, list: SentList, now = Date.now()): FrameJudgeResult {
  analyzeWith(ruleSet, memory);
  const blocks = list.blocks ?? applyChange(memory.entries, list.change);
  const known = blocks?.map((block) => memory.texts.get(textIdOf(block.key)));
  if (!blocks || !known || known.includes(undefined)) {
    memory.entries = undefined;
    return { resend: true };
  }
  memory.entries = blocks;
  // Texts no longer on the page are forgotten: the memory never holds more texts than the page
  // has blocks. (A chat message added to a page leaves nothing to forget: no need to look.)
  if (memory.texts.size > blocks.length) {
    const used = new Set(known);
    for (const [id, text] of memory.texts) if (!used.has(text)) memory.texts.delete(id);
  }

  let start = 0;
  const segments: Segment[] = [];
  const analyses: SegmentAnalysis[] = [];
  for (const [index, block] of blocks.entries()) {
    const text = known[index]!;
    const segment: Segment = { text: text.text, start };
    if (block.conversation !== undefined) segment.conversation = block.conversation;
    segments.push(segment);
    analyses.push(analysisAfterSender(text, block.sender ?? 0, ruleSet));
    start += text.text.length + 1;
  }
  const result = judge(segments, analyses, ruleSet);
  const report = buildReport(result, segments, ruleSet, page, (index) => blocks[index]!.key, now);
  return { report: { ...report, documentStart: page.documentStart } };
}

function applyChange(entries: readonly BlockEntry[] | undefined, change: BlockChange | undefined): BlockEntry[] | null {
  if (!entries || !change || change.at + change.remove > entries.length) return null;
  return [...entries.slice(0, change.at), ...change.insert, ...entries.slice(change.at + change.remove)];
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
