/**
 * The page as the content script knows it: its text blocks in reading order, each with its
 * engine analysis. Blocks are analyzed once; when the page changes only the changed blocks are
 * read and analyzed again, and the verdict (cheap) is recomputed over all of them.
 */
import { type CompiledRuleSet, type ScanResult, type Segment, type SegmentAnalysis, analyzeSegment, analyzeSegmentFrom, judge, NOTHING_FOUND } from '../engine';
import { type BlockRole, conversationRoles, type TreeAdapter } from '../extract/conversations';
import type { TextBlock } from './extract';

export interface AnalyzedBlock extends TextBlock {
  analysis: SegmentAnalysis;
  /**
   * A stable name for the block within the page, from its text (finding ids use it): indexes
   * shift as the page changes, and a new scan of the same page must give the same ids.
   */
  key: string;
  /** The analysis of the message after its sender's name, once the block is known to have one. */
  withoutSender?: { prefix: number; analysis: SegmentAnalysis };
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

  /**
   * Replaces the blocks inside each root (roots may be gone) with the fresh blocks read from it,
   * keeping reading order. Linear in the blocks and roots (a page may add thousands of blocks at
   * once: infinite scroll, chat history): which blocks a root holds is found by walking each
   * block's ancestors against a set, and the fresh blocks are merged in, not inserted one by one.
   */
  replaceWithin(changes: readonly { root: Element; fresh: AnalyzedBlock[] }[]): void {
    const roots = new Set(changes.map((change) => change.root));
    const kept = this.blocks.filter((block) => block.element.isConnected && !isWithin(block.element, roots));
    // Fresh blocks in document order: roots sorted by position (each root's blocks are in reading order).
    const ordered = changes.filter((change) => change.root.isConnected).sort((a, b) => (follows(a.root, b.root) ? 1 : -1));
    const fresh = ordered.flatMap((change) => change.fresh);
    const merged: AnalyzedBlock[] = [];
    let k = 0;
    for (const block of fresh) {
      while (k < kept.length && !follows(kept[k]!.element, block.element)) merged.push(kept[k++]!);
      merged.push(block);
    }
    while (k < kept.length) merged.push(kept[k++]!);
    this.blocks = merged;
  }

  /** Drops blocks whose element left the document. */
  dropDisconnected(): boolean {
    const before = this.blocks.length;
    this.blocks = this.blocks.filter((b) => b.element.isConnected && b.pieces.every((p) => p.node.isConnected));
    return this.blocks.length !== before;
  }

  /**
   * Judges the page. Segments are the blocks with offsets in a virtual concatenation (blocks
   * joined by newlines), one per block; a chat's messages form a conversation, and a sender's
   * name (a block of its own, or a name before the message) counts for nothing.
   */
  judge(): { result: ScanResult; segments: Segment[] } {
    const roles = conversationRoles(this.blocks, DOM_TREE);
    let start = 0;
    const segments = this.blocks.map((block, index) => {
      const segment: Segment = { text: block.text, start };
      const conversation = roles[index]!.conversation;
      if (conversation !== undefined) segment.conversation = conversation;
      start += block.text.length + 1;
      return segment;
    });
    const analyses = this.blocks.map((block, index) => this.messageAnalysis(block, roles[index]!));
    return { result: judge(segments, analyses, this.ruleSet), segments };
  }

  /** What a block counts for: a sender's name counts for nothing, a message only after its sender's name. */
  private messageAnalysis(block: AnalyzedBlock, role: BlockRole): SegmentAnalysis {
    if (role.isSender) return NOTHING_FOUND;
    if (role.senderPrefix === 0) return block.analysis;
    if (block.withoutSender?.prefix !== role.senderPrefix) {
      block.withoutSender = { prefix: role.senderPrefix, analysis: analyzeSegmentFrom(block.text, role.senderPrefix, this.ruleSet) };
    }
    return block.withoutSender.analysis;
  }
}

const DOM_TREE: TreeAdapter<Element> = {
  parent: (element) => element.parentElement,
  children: (element) => Array.from(element.children),
  firstChild: (element) => element.firstElementChild ?? undefined,
  tag: (element) => element.localName,
  attribute: (element, name) => element.getAttribute(name),
  text: (element) => element.textContent ?? '',
};

/** Whether `element` is one of `roots` or inside one (not crossing shadow roots, like contains()). */
function isWithin(element: Element, roots: ReadonlySet<Element>): boolean {
  for (let current: Element | null = element; current; current = current.parentElement) if (roots.has(current)) return true;
  return false;
}

/** Whether `other` comes after `element` in the document (and is not inside it). */
function follows(other: Element, element: Element): boolean {
  const position = element.compareDocumentPosition(other);
  return (position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && (position & Node.DOCUMENT_POSITION_CONTAINED_BY) === 0;
}

/** FNV-1a of a block's text, in base 36. */
function textHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}
