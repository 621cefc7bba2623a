/**
 * The visible text of a page as blocks (paragraphs, list items, chat bubbles), read with a
 * TreeWalker-like iterative walk that can stop and resume, so a huge page is read in slices.
 * Skips script/style/noscript content, what is not shown (display:none) and form fields, descends into open
 * shadow roots (and slots), and remembers which text node every character came from so that
 * matches can be highlighted without touching the page's DOM.
 */
import { BLOCK_ELEMENTS, HIDDEN_ELEMENTS, HIDING_ATTRIBUTES, hidesElement } from '../extract/blocks';
import { composedParent, selfOrAncestorPasses } from './reading-order';
import { MAX_BLOCK_LENGTH } from '../shared/block-limits';
import { isOwnUi, mayBeOwnUi } from './own-ui';

/** A run of a block's text that comes from one text node. */
export interface TextPiece {
  node: Text;
  /** Offset of the run in the node's data. */
  nodeOffset: number;
  /** Offset of the run in the block's text. */
  start: number;
  length: number;
}

export interface TextBlock {
  /** The innermost block element the text belongs to. */
  element: Element;
  text: string;
  /**
   * Where the text came from: the block element itself when its text is all of its text nodes
   * (read whole, see wholeTextOf: its text nodes are found only when a highlight needs them), the
   * text node it all begins at the start of, or its runs. Keeping no object per run is ~5 MB less
   * on a list of 75,000 items.
   */
  source: Element | Text | readonly TextPiece[];
}

/**
 * A block's runs of text, one per text node, or null when the text nodes of a block read whole
 * no longer hold its text.
 */
function piecesOf(block: TextBlock): readonly TextPiece[] | null {
  const { source } = block;
  if (isPieceList(source)) return source;
  if (source.nodeType !== Node.ELEMENT_NODE) return [{ node: source as Text, nodeOffset: 0, start: 0, length: block.text.length }];
  return piecesWithin(source as Element, block.text);
}

/** The text nodes of an element read whole, as runs of its text (null once they hold another text). */
function piecesWithin(element: Element, text: string): TextPiece[] | null {
  const pieces: TextPiece[] = [];
  // CDATA sections are text too (shown as such in XHTML pages; textContent includes them).
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_CDATA_SECTION);
  let start = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const data = node.data;
    if (!text.startsWith(data, start)) return null;
    if (data.length > 0) pieces.push({ node, nodeOffset: 0, start, length: data.length });
    start += data.length;
  }
  return start === text.length ? pieces : null;
}

/** Whether every text node a block's text came from is still in the document. */
export function isSourceConnected(block: TextBlock): boolean {
  const { source } = block;
  return isPieceList(source) ? source.every((piece) => piece.node.isConnected) : source.isConnected;
}

/**
 * Where a block's text begins on the page: its first text node, or the first child of its element
 * when read whole (a block the page puts in front of that text is then placed before it).
 */
export function firstNodeOf(block: TextBlock): Node {
  const { source } = block;
  if (isPieceList(source)) return source[0]!.node;
  return source.nodeType === Node.ELEMENT_NODE ? (source.firstChild ?? source) : source;
}

const isPieceList = (source: TextBlock['source']): source is readonly TextPiece[] => Array.isArray(source);

const FORM_FIELDS = new Set(['input', 'textarea', 'select', 'option']);

/**
 * Markup that may hide an element (hidesElement decides): one selector match per element with
 * attributes instead of four attribute reads, each a costly call from a content script's world.
 */
const MAY_HIDE = HIDING_ATTRIBUTES.map((name) => `[${name}]`).join(',');

/**
 * Whether an element's content can be seen: markup first (cheap), then the computed style, but
 * only for block and custom elements that a stylesheet can single out (a class, an id). Checking
 * every element's style would make reading a large page several times slower, and stylesheets
 * hide menus, dialogs and templates, not bare paragraphs and inline runs. `tag` is the element's
 * localName (the reader has it already).
 */
export function isHidden(element: Element, tag = element.localName): boolean {
  return hiddenBy(element, tag) !== undefined;
}

/**
 * What keeps an element's content from being read: what it is ('element': a script, a form
 * field, our own UI; it never shows text), or that it is not shown now ('markup': its hidden
 * attribute or an inline display:none, unless a stylesheet shows it all the same; 'stylesheet':
 * a class or an id a rule singles out). Either of the last two may be shown later without a
 * change to its text (ChangeWatcher.watchUntilShown). Undefined when nothing does.
 */
export function hiddenBy(element: Element, tag = element.localName): 'element' | 'markup' | 'stylesheet' | undefined {
  if (HIDDEN_ELEMENTS.has(tag) || FORM_FIELDS.has(tag) || (mayBeOwnUi(tag) && isOwnUi(element))) return 'element';
  // Most elements of a page have no attributes at all: nothing in their markup can hide them.
  const attributed = element.hasAttributes();
  // A page's stylesheet can show what the markup hides ([hidden] { display: block }).
  if (attributed && element.matches(MAY_HIDE) && hidesElement((name) => element.getAttribute(name))) return isRendered(element) ? undefined : 'markup';
  const custom = tag.includes('-');
  if (!BLOCK_ELEMENTS.has(tag) && !custom) return undefined;
  if (!custom && (!attributed || (!element.hasAttribute('class') && !element.hasAttribute('id')))) return undefined;
  return isRendered(element) ? undefined : 'stylesheet';
}

/**
 * Whether the browser shows an element: it has a box (no display:none on it or around it, no
 * content-visibility:hidden around it). Its visibility is not asked: visibility:hidden hides
 * nothing for certain (a child can be visibility:visible), and the box appearing is what
 * ChangeWatcher follows to see an element shown.
 */
export function isRendered(element: Element): boolean {
  const visible = (element as Element & { checkVisibility?: () => boolean }).checkVisibility;
  if (typeof visible === 'function') return visible.call(element);
  const view = element.ownerDocument.defaultView;
  return !view || view.getComputedStyle(element).display !== 'none';
}

/**
 * Whether an element is inside one that is hidden (shadow roots and slots crossed): a change is
 * read from the changed element down, and what the page adds or shows inside a hidden container
 * is still not shown. `known` keeps what was learned of each ancestor for the next element of the
 * same change (16,000 items appended to one list look at that list's ancestors once).
 */
export function isInsideHidden(element: Element, known = new Map<Element, boolean>()): boolean {
  return selfOrAncestorPasses(composedParent(element), (ancestor) => isHidden(ancestor), known);
}

/**
 * Inline elements that can neither show a shadow root instead of their children (only span, the
 * block elements and custom elements can have one), nor be a slot, a block, a form field, hidden
 * content or ours. A block element with no descendant but these and text shows all its text:
 * it is read whole, with one call, instead of node by node (one DOM object per node made for the
 * script, which on a list of 75,000 links made collections of 50–125 ms).
 */
const PLAIN_INLINE = ['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr'];
/** Any descendant that keeps a block from being read whole. */
const NOT_READ_WHOLE = `${PLAIN_INLINE.map((tag) => `:not(${tag})`).join('')},${MAY_HIDE}`;

/**
 * A block element's text when it can be read whole (see PLAIN_INLINE) and fits in one block, or
 * undefined when it must be read node by node.
 */
function wholeTextOf(element: Element): string | undefined {
  if (element.querySelector(NOT_READ_WHOLE)) return undefined;
  let text: string;
  try {
    text = element.textContent ?? '';
  } catch {
    // Text nodes too long together for one string (a page padding a paragraph without end): the
    // node-by-node read takes them a piece at a time, up to the page's character budget.
    return undefined;
  }
  return text.length <= MAX_BLOCK_LENGTH ? text : undefined;
}

/**
 * The reader's stack: the next child to read of a parent (walked sibling by sibling, so that a
 * list of 75,000 items is not taken in at once), a list of nodes (a slot's), or a block element
 * to leave once its children are read.
 */
type Step = { parent: Node; next: Node | null } | { list: readonly Node[]; index: number } | { leave: Element };

/** What the reader tells the watcher about what it meets (shadow DOM, hidden elements, a lost place), so that the watcher can follow it. */
export interface ReaderHooks {
  /** An open shadow root was read: its changes are not seen from the document. */
  onShadowRoot?: (root: ShadowRoot) => void;
  /** A custom element with no shadow root yet: a lazily defined widget may attach one later. */
  onCustomElement?: (element: Element) => void;
  /**
   * The page moved or removed the child the reader was to read next (it changed while being read
   * in slices): the rest of this parent's children must be read again.
   */
  onLostPlace?: (parent: Node) => void;
  /**
   * A shadow root the page closed to scripts (closed-shadow-root.ts), asked of an element that
   * shows no text of its own but may host one; without it such roots are not read.
   */
  closedShadowRootOf?: (element: Element) => ShadowRoot | null;
  /**
   * An element was skipped because it is not shown now (by its markup or the page's stylesheets):
   * a class, a new stylesheet, an address's fragment may show it later, with no change to its text.
   */
  onHidden?: (element: Element) => void;
}

/**
 * Elements a page may attach a shadow root to (besides custom elements): only these can hide
 * text in a closed one.
 */
const SHADOW_HOSTS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span']);

/**
 * The closed shadow root of an element with no open one, asked of `lookup` (an extension-API call)
 * only where a page may hide text in one: a standard element that can host a root (the reader
 * asks those that show no text of their own), or a custom element with no child elements (one
 * built of light-DOM elements, as most frameworks' are, hides nothing there, and asking each of
 * thousands would cost milliseconds on every read).
 */
export function closedShadowRootWhereTextMayHide(element: Element, lookup: ((element: Element) => ShadowRoot | null) | undefined): ShadowRoot | null {
  if (!lookup) return null;
  const tag = element.localName;
  if (tag.includes('-')) return element.firstElementChild ? null : lookup(element);
  return SHADOW_HOSTS.has(tag) ? lookup(element) : null;
}

/**
 * Reads blocks from a root (usually document.body, or a block element that changed). Call
 * next(budget) until it returns false; blocks arrive through onBlock in reading order.
 */
export class BlockReader {
  private readonly stack: Step[];
  private readonly owners: Element[] = [];
  private text = '';
  private readonly pieces: TextPiece[] = [];

  constructor(
    root: Node,
    private readonly onBlock: (block: TextBlock) => void,
    private readonly hooks: ReaderHooks = {},
  ) {
    this.stack = [{ list: [root], index: 0 }];
    const owner = root.nodeType === Node.ELEMENT_NODE ? (root as Element) : root.ownerDocument?.documentElement;
    if (owner) this.owners.push(owner);
  }

  /**
   * Reads up to `budget` nodes; returns true while there is more to read. Each property of a node
   * is read once: from a content script every DOM read is a call into the browser, and they were
   * most of the time it took to read a long page.
   */
  next(budget: number): boolean {
    this.checkPlaces();
    for (let n = 0; n < budget && this.stack.length > 0; n++) {
      const step = this.stack[this.stack.length - 1]!;
      if ('leave' in step) {
        this.stack.pop();
        this.flush();
        this.owners.pop();
        continue;
      }
      const node = this.take(step);
      if (!node) {
        this.stack.pop();
        continue;
      }
      const type = node.nodeType;
      // A CDATA section (XHTML pages) is a text node of another kind, shown like one.
      if (type === Node.TEXT_NODE || type === Node.CDATA_SECTION_NODE) {
        this.addText(node as Text);
        continue;
      }
      if (type === Node.ELEMENT_NODE) {
        this.enter(node as Element);
        continue;
      }
      // A document or a shadow root given as the root; comments and the like have nothing to read.
      if (type === Node.DOCUMENT_NODE || type === Node.DOCUMENT_FRAGMENT_NODE) this.readChildrenOf(node);
    }
    if (this.stack.length === 0) this.flush();
    return this.stack.length > 0;
  }

  /**
   * An element: skipped when hidden; a block element starts a block; its children are read from
   * where they are shown: an open shadow root replaces the light DOM, a slot shows what is
   * assigned to it.
   */
  private enter(element: Element): void {
    const tag = element.localName;
    const hidden = hiddenBy(element, tag);
    if (hidden) {
      if (hidden !== 'element') this.hooks.onHidden?.(element);
      return;
    }
    let shadow = element.shadowRoot;
    if (BLOCK_ELEMENTS.has(tag)) {
      this.flush();
      const whole = shadow ? undefined : wholeTextOf(element);
      if (whole !== undefined) {
        if (whole.trim()) {
          this.onBlock({ element, text: whole, source: element });
          return;
        }
        // No text of its own: what it shows may be in a shadow root the page closed.
        shadow = closedShadowRootWhereTextMayHide(element, this.hooks.closedShadowRootOf);
        if (!shadow) return;
      }
      this.owners.push(element);
      this.stack.push({ leave: element });
    } else if (!shadow && (tag === 'span' ? !element.firstChild : tag.includes('-'))) {
      shadow = closedShadowRootWhereTextMayHide(element, this.hooks.closedShadowRootOf);
    }
    if (shadow) {
      this.hooks.onShadowRoot?.(shadow);
      this.readChildrenOf(shadow);
      return;
    }
    if (tag === 'slot') {
      const assigned = (element as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
      if (assigned.length > 0) {
        this.stack.push({ list: assigned, index: 0 });
        return;
      }
    } else if (tag.includes('-')) {
      this.hooks.onCustomElement?.(element);
    }
    this.readChildrenOf(element);
  }

  private readChildrenOf(parent: Node): void {
    const first = parent.firstChild;
    if (first) this.stack.push({ parent, next: first });
  }

  /**
   * The page changes only between calls (the reader yields to it between slices), so where
   * reading goes on is checked once per call, not at every node. A node moved or removed since it
   * was found loses where the rest of its parent's children begin.
   */
  private checkPlaces(): void {
    for (const step of this.stack) {
      if (!('next' in step) || !step.next || step.next.parentNode === step.parent) continue;
      step.next = null;
      this.hooks.onLostPlace?.(step.parent);
    }
  }

  /** The next node of a step, or null when it has none left. */
  private take(step: Exclude<Step, { leave: Element }>): Node | null {
    if ('list' in step) return step.index < step.list.length ? step.list[step.index++]! : null;
    const node = step.next;
    if (node) step.next = node.nextSibling;
    return node;
  }

  private addText(node: Text): void {
    const data = node.data;
    let offset = 0;
    while (offset < data.length) {
      const room = MAX_BLOCK_LENGTH - this.text.length;
      const length = Math.min(room, data.length - offset);
      this.pieces.push({ node, nodeOffset: offset, start: this.text.length, length });
      this.text += data.slice(offset, offset + length);
      offset += length;
      if (this.text.length >= MAX_BLOCK_LENGTH) this.flush();
    }
  }

  private flush(): void {
    if (this.text.trim()) {
      // A block keeps its source as long as it is on the page: one text node from its start is
      // kept as the node, several pieces as a copy of exactly their number (the array they were
      // pushed to has room for a dozen more: on 75,000 blocks, ~9 MB).
      const first = this.pieces[0]!;
      const source = this.pieces.length === 1 && first.nodeOffset === 0 ? first.node : this.pieces.slice();
      this.onBlock({ element: this.owners[this.owners.length - 1]!, text: this.text, source });
    }
    this.text = '';
    this.pieces.length = 0;
  }
}

/** Reads all blocks at once (for small roots and tests). */
export function readBlocks(root: Node): TextBlock[] {
  const blocks: TextBlock[] = [];
  const reader = new BlockReader(root, (block) => blocks.push(block));
  while (reader.next(10_000));
  return blocks;
}

/** A DOM Range for [start, end) of a block's text, or null when the text has changed since. */
export function rangeOf(block: TextBlock, start: number, end: number): Range | null {
  const pieces = piecesOf(block);
  if (!pieces) return null;
  const at = (offset: number, isEnd: boolean) => {
    for (const piece of pieces) {
      const inside = isEnd ? offset > piece.start && offset <= piece.start + piece.length : offset >= piece.start && offset < piece.start + piece.length;
      if (inside) return { node: piece.node, offset: piece.nodeOffset + offset - piece.start };
    }
    return null;
  };
  const from = at(start, false);
  const to = at(end, true);
  if (!from || !to || !from.node.isConnected || !to.node.isConnected) return null;
  if (from.offset > from.node.length || to.offset > to.node.length) return null;
  const range = from.node.ownerDocument.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}
