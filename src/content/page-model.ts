/**
 * The page as the content script knows it: its text blocks in reading order, each with its
 * engine analysis. Blocks are analyzed once; when the page changes only the changed blocks are
 * read and analyzed again, and the verdict (cheap) is recomputed over all of them.
 */
import { type CompiledRuleSet, type ScanResult, type Segment, type SegmentAnalysis, analyzeSegment, judge } from '../engine';
import type { TextBlock } from './extract';

export interface AnalyzedBlock extends TextBlock {
  analysis: SegmentAnalysis;
  /**
   * A stable name for the block within the page, from its text (finding ids use it): indexes
   * shift as the page changes, and a new scan of the same page must give the same ids.
   */
  key: string;
}

export class PageModel {
  blocks: AnalyzedBlock[] = [];

  constructor(readonly ruleSet: CompiledRuleSet) {}

  /** How many blocks with each text hash have been named: the same text twice gets "h", then "h.1". */
  private seen = new Map<string, number>();

  analyze(block: TextBlock): AnalyzedBlock {
    const analyzed = block as AnalyzedBlock;
    analyzed.analysis = analyzeSegment(block.text, this.ruleSet);
    const hash = textHash(block.text);
    const count = this.seen.get(hash) ?? 0;
    this.seen.set(hash, count + 1);
    analyzed.key = count === 0 ? hash : `${hash}.${count}`;
    return analyzed;
  }

  clear(): void {
    this.blocks = [];
    this.seen.clear();
  }

  /** Replaces the blocks inside `root` (which may be gone) with `fresh`, keeping reading order. */
  replaceWithin(root: Element, fresh: AnalyzedBlock[]): void {
    const kept = this.blocks.filter((b) => b.element !== root && !root.contains(b.element) && b.element.isConnected);
    // New blocks go before the first kept block that follows them in the document.
    for (const block of fresh) {
      const index = firstAfter(kept, block.element);
      kept.splice(index, 0, block);
    }
    this.blocks = kept;
  }

  /** Drops blocks whose element left the document. */
  dropDisconnected(): boolean {
    const before = this.blocks.length;
    this.blocks = this.blocks.filter((b) => b.element.isConnected && b.pieces.every((p) => p.node.isConnected));
    return this.blocks.length !== before;
  }

  /** Segments with offsets in a virtual concatenation (blocks joined by newlines). */
  segments(): Segment[] {
    let start = 0;
    return this.blocks.map((block) => {
      const segment = { text: block.text, start };
      start += block.text.length + 1;
      return segment;
    });
  }

  judge(segments: readonly Segment[] = this.segments()): ScanResult {
    return judge(
      segments,
      this.blocks.map((b) => b.analysis),
      this.ruleSet,
    );
  }
}

/** Index of the first block whose element comes after `element` in the document (binary search). */
function firstAfter(blocks: readonly AnalyzedBlock[], element: Element): number {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const other = blocks[middle]!.element;
    const position = element.compareDocumentPosition(other);
    // FOLLOWING: `other` comes after `element`; same element (a cut block): keep reading order.
    if (position & Node.DOCUMENT_POSITION_FOLLOWING && !(position & Node.DOCUMENT_POSITION_CONTAINED_BY)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** FNV-1a of a block's text, in base 36. */
function textHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}
