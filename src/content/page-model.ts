/**
 * The page as the content script knows it: its text blocks in reading order, each with its
 * engine analysis. Blocks are analyzed once; when the page changes only the changed blocks are
 * read and analyzed again, and the verdict (cheap) is recomputed over all of them.
 */
import { type CompiledRuleSet, type ScanResult, type Segment, type SegmentAnalysis, analyzeSegment, judge } from '../engine';
import type { TextBlock } from './extract';

export interface AnalyzedBlock extends TextBlock {
  analysis: SegmentAnalysis;
  /** A stable name for the block within the page (finding ids use it; indexes shift as the page changes). */
  key: number;
}

export class PageModel {
  blocks: AnalyzedBlock[] = [];

  constructor(readonly ruleSet: CompiledRuleSet) {}

  private nextKey = 1;

  analyze(block: TextBlock): AnalyzedBlock {
    const analyzed = block as AnalyzedBlock;
    analyzed.analysis = analyzeSegment(block.text, this.ruleSet);
    analyzed.key = this.nextKey++;
    return analyzed;
  }

  clear(): void {
    this.blocks = [];
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
