/**
 * Watches the page for changes to its text (chat messages, infinite scroll, single-page apps,
 * text shown or hidden by its markup, or shown by its stylesheets) and hands over the blocks that
 * changed, coalesced: a burst of changes becomes one update.
 * Follows open shadow roots, including ones attached after they were first read (a chat widget
 * defined lazily renders into a shadow root that no mutation of the document announces).
 */
import { BLOCK_ELEMENTS, HIDDEN_ELEMENTS, type HIDING_ATTRIBUTES, hidesElement } from '../extract/blocks';
import { isRendered } from './extract';
import { isOwnUi } from './own-ui';
import { composedParent, selfOrAncestorPasses } from './reading-order';

export interface PageChanges {
  /** Elements whose text must be read again (none inside another). */
  roots: Element[];
  /** Nodes were removed: blocks that left the page must be dropped. */
  removals: boolean;
  /** Elements whose children were added or removed (chats are recognized by their alike children). */
  parents: Element[];
}

/**
 * Changes are handed over at most once in this long: the first change after a quiet spell at once,
 * later ones coalesced until this long after the last handover. A chat message is judged without
 * waiting; a page that changes without pause (a clock, a ticker) costs at most one update per
 * interval. "At once" is a microtask, after the page's script that made the change and before the
 * browser lays the page out again: on a long page that layout takes tens of milliseconds, and a
 * message read in the next task waited for it (npm run bench:browser, chat on the 1 MB page).
 */
export const CHANGE_DELAY_MS = 20;
/** The attributes that hide text, followed when they change; not type, whose hidden is for form fields. */
const FOLLOWED_ATTRIBUTES = ['hidden', 'style'] as const satisfies readonly (typeof HIDING_ATTRIBUTES)[number][];
/**
 * At most this many elements that were not shown when read are followed until they are (menus,
 * dialogs, tabs, templates: a page has tens or hundreds). The browser checks each one as it
 * renders (IntersectionObserver), a cost per frame that grows with their number.
 */
const MAX_UNTIL_SHOWN = 2000;
/**
 * How far beyond the frame's viewport a shown element is reported: one shown further down a long
 * page is read as the reader scrolls near it. (A ResizeObserver would report any box, but never
 * an inline one, and custom elements and spans are inline.)
 */
const SHOWN_MARGIN = '200%';
/** How often custom elements without a shadow root are looked at again, at first; the wait doubles up to the maximum. */
const HOST_CHECK_FIRST_MS = 250;
const HOST_CHECK_MAX_MS = 4000;
/** Custom elements are looked at again for this long after the last one was seen. */
const HOST_CHECK_FOR_MS = 60_000;
/** At most this many custom elements are watched for a late shadow root (a page may have thousands). */
const MAX_WATCHED_HOSTS = 2000;

/** A handover scheduled: its timer (none when it comes in a microtask that checks it is still the one). */
interface HandoverDue {
  timer?: ReturnType<typeof setTimeout>;
}

/** What the watcher reads of an IntersectionObserver's report on one element. */
export interface ShownEntry {
  target: Element;
  isIntersecting: boolean;
}

/** What the watcher needs of IntersectionObserver (a fake one in tests: happy-dom's never reports). */
export type ShownObserverConstructor = new (
  callback: (entries: ShownEntry[]) => void,
  options: { root: Document; rootMargin: string },
) => {
  observe(target: Element): void;
  unobserve(target: Element): void;
  disconnect(): void;
};

export class ChangeWatcher {
  private readonly observer: MutationObserver;
  private readonly observed = new WeakSet<Node>();
  private readonly dirty = new Set<Element>();
  private readonly parents = new Set<Element>();
  private removals = false;
  /** The handover to come, if one is scheduled. */
  private handoverDue: HandoverDue | undefined;
  private lastHandover = -Infinity;
  /** Custom elements read without a shadow root, and when the last one was added. */
  private readonly hosts = new Set<Element>();
  private hostTimer: ReturnType<typeof setTimeout> | undefined;
  private hostWait = HOST_CHECK_FIRST_MS;
  private hostsSeenAt = 0;
  /** Elements not shown when they were read, followed until they are, and what tells when they appear. */
  private readonly untilShown = new Set<Element>();
  private shownObserver: InstanceType<ShownObserverConstructor> | undefined;

  constructor(
    private readonly onChanges: (changes: PageChanges) => void,
    /** An element's shadow root, open or (where the browser lets an extension see it) closed. */
    private readonly shadowRootOf: (element: Element) => ShadowRoot | null = (element) => element.shadowRoot,
    private readonly ShownObserver: ShownObserverConstructor | undefined = globalThis.IntersectionObserver,
  ) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
  }

  /** Whether changes are waiting to be handed over. */
  get pending(): boolean {
    return this.handoverDue !== undefined;
  }

  observe(root: Node): void {
    if (this.observed.has(root)) return;
    this.observed.add(root);
    this.observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: [...FOLLOWED_ATTRIBUTES], attributeOldValue: true });
  }

  /**
   * Whether nodes were removed or moved since the last handover (the page runs while changes are
   * read): changes the browser has not delivered yet are taken in now, and handed over later.
   */
  nodesLeftSinceHandover(): boolean {
    const records = this.observer.takeRecords();
    if (records.length > 0) this.onMutations(records);
    return this.removals;
  }

  /** The reader lost its place in this element (the page changed it while it was read): read it again. */
  readAgain(element: Element): void {
    this.dirty.add(element);
    this.schedule();
  }

  /**
   * An element that is not shown (a collapsed section, a tab not chosen, a closed dialog, a
   * change made inside a hidden container) is read once the browser shows it in or near the
   * viewport. A page can show it in many ways that change no text: a class on it or around it, a
   * stylesheet added or edited, an address's fragment (:target), a checkbox (:checked), a media
   * query, an animation. Its box appearing is what all of them change: without this a page could
   * keep its lure out of the scan by showing it after it was read.
   */
  watchUntilShown(element: Element): void {
    if (this.untilShown.has(element)) return;
    const document = element.ownerDocument;
    this.shownObserver ??= this.ShownObserver && new this.ShownObserver((entries) => this.onShown(entries), { root: document, rootMargin: SHOWN_MARGIN });
    if (!this.shownObserver) return;
    // Full of elements still on the page: none is taken until the page removes something.
    if (this.untilShown.size >= MAX_UNTIL_SHOWN) return;
    this.untilShown.add(element);
    this.shownObserver.observe(element);
  }

  /** A custom element was read without a shadow root: look again later, it may get one. */
  watchHost(element: Element): void {
    if (this.hosts.size >= MAX_WATCHED_HOSTS) return;
    this.hosts.add(element);
    this.hostsSeenAt = Date.now();
    this.hostWait = HOST_CHECK_FIRST_MS;
    if (this.hostTimer === undefined) this.scheduleHostCheck();
  }

  stop(): void {
    this.observer.disconnect();
    clearTimeout(this.handoverDue?.timer);
    clearTimeout(this.hostTimer);
    this.handoverDue = undefined;
    this.hostTimer = undefined;
    this.dirty.clear();
    this.parents.clear();
    this.hosts.clear();
    this.shownObserver?.disconnect();
    this.untilShown.clear();
    this.removals = false;
  }

  private onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'attributes') {
        // Text shown or hidden by its markup (a lure revealed once the page was read): the block
        // it belongs to is read again. Other changes of these attributes (a style animated
        // without end) cost one attribute read each, looked at before anything else.
        const element = record.target as Element;
        if (showsOrHides(element, record.attributeName!, record.oldValue) && !isInOwnUi(element)) {
          this.dirty.add(blockOf(element) ?? element);
          // Read again now: no need to read it once more when the browser reports it shown.
          if (this.untilShown.has(element)) this.stopFollowing(element);
        }
        continue;
      }
      if (isInOwnUi(record.target)) continue;
      const added = Array.from(record.addedNodes);
      const removed = Array.from(record.removedNodes);
      // Our own bar coming and going must not feed back into a scan.
      if (record.type === 'childList' && [...added, ...removed].every(isInOwnUi)) continue;
      // An added block (a new chat bubble) is read on its own, a removed one only leaves (its
      // blocks are dropped); anything else added or removed (a run of text, a link) changes the
      // text of the block around it, which is read again: a block read whole has no text node
      // of its own that could be seen to leave. So does a block added before a run of that text,
      // or removed from between two of its parts (isNonBlankText, joinsText).
      const addedBlocks = added.filter(isBlock);
      for (const node of addedBlocks) this.dirty.add(node as Element);
      const cutsText = addedBlocks.some((node) => isNonBlankText(node.nextSibling)) || (removed.some(isBlock) && joinsText(record.previousSibling, record.nextSibling));
      const changesText = record.type === 'characterData' || cutsText || [...added, ...removed].some((node) => !isBlock(node) && mayShowText(node));
      const block = changesText ? blockOf(record.target) : null;
      if (block) this.dirty.add(block);
      if (removed.length > 0) this.removals = true;
      if (record.type === 'childList' && record.target.nodeType === Node.ELEMENT_NODE) this.parents.add(record.target as Element);
    }
    this.schedule();
  }

  private schedule(): void {
    // Never put off again: a page whose text changes without pause must not hold back every later change.
    if ((this.dirty.size === 0 && !this.removals) || this.handoverDue !== undefined) return;
    const due: HandoverDue = {};
    this.handoverDue = due;
    const whenDue = () => {
      if (this.handoverDue === due) this.handOver();
    };
    const wait = this.lastHandover + CHANGE_DELAY_MS - performance.now();
    if (wait > 0) due.timer = setTimeout(whenDue, wait);
    else queueMicrotask(whenDue);
  }

  private handOver(): void {
    this.handoverDue = undefined;
    this.lastHandover = performance.now();
    if (this.removals) this.forgetRemovedUntilShown();
    const changes = { roots: outermost([...this.dirty]), removals: this.removals, parents: [...this.parents] };
    this.dirty.clear();
    this.parents.clear();
    this.removals = false;
    this.onChanges(changes);
  }

  /**
   * Followed elements that appeared: the ones now shown are read (the guard checks that nothing
   * around them hides them still). The browser reports each when it starts following it too.
   */
  private onShown(entries: readonly ShownEntry[]): void {
    for (const { target, isIntersecting } of entries) {
      if (!this.untilShown.has(target) || !isIntersecting) continue;
      if (!target.isConnected) this.stopFollowing(target);
      else if (isRendered(target)) {
        this.stopFollowing(target);
        if (!isInOwnUi(target)) this.dirty.add(target);
      }
    }
    this.schedule();
  }

  /** Elements the page removed are followed no longer (an infinite feed removes its old items, hidden menus and all). */
  private forgetRemovedUntilShown(): void {
    for (const element of this.untilShown) if (!element.isConnected) this.stopFollowing(element);
  }

  private stopFollowing(element: Element): void {
    this.untilShown.delete(element);
    this.shownObserver?.unobserve(element);
  }

  private scheduleHostCheck(): void {
    this.hostTimer = setTimeout(() => {
      this.hostTimer = undefined;
      this.checkHosts();
      if (this.hosts.size > 0 && Date.now() - this.hostsSeenAt < HOST_CHECK_FOR_MS) {
        this.hostWait = Math.min(this.hostWait * 2, HOST_CHECK_MAX_MS);
        this.scheduleHostCheck();
      }
    }, this.hostWait);
  }

  /** Hosts that got a shadow root since: follow it, and read the host again. */
  private checkHosts(): void {
    for (const host of this.hosts) {
      if (!host.isConnected) {
        this.hosts.delete(host);
      } else {
        const shadow = this.shadowRootOf(host);
        if (!shadow) continue;
        this.hosts.delete(host);
        this.observe(shadow);
        this.dirty.add(host);
      }
    }
    this.schedule();
  }
}

function isInOwnUi(node: Node): boolean {
  for (let element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement; element; element = element.parentElement) {
    if (isOwnUi(element)) return true;
  }
  return false;
}

const isBlock = (node: Node): boolean => node.nodeType === Node.ELEMENT_NODE && BLOCK_ELEMENTS.has((node as Element).localName);

/**
 * A run of text beside a block added or removed, part of the block around both: text after an
 * added block now stands after it (a block read whole no longer holds it alone), and the runs on
 * both sides of a removed one are now one. Only text nodes are looked at: an inline element's
 * textContent could be a whole app's.
 */
const isNonBlankText = (node: Node | null): boolean => node?.nodeType === Node.TEXT_NODE && /\S/.test((node as Text).data);

/** Whether the nodes on both sides of a removed block are parts of one text now: a run of text, and text or an inline element. */
const joinsText = (before: Node | null, after: Node | null): boolean => {
  const isTextOrInline = (node: Node | null) => isNonBlankText(node) || (node?.nodeType === Node.ELEMENT_NODE && !isBlock(node));
  return (isNonBlankText(before) && isTextOrInline(after)) || (isNonBlankText(after) && isTextOrInline(before));
};

/** Whether changing one attribute from `oldValue` shows or hides the element by its markup (what hidesElement reads). */
function showsOrHides(element: Element, name: string, oldValue: string | null): boolean {
  const value = element.getAttribute(name);
  // Removed, with no value before it reported (some DOMs do not report one): read it again.
  if (value === null && oldValue === null) return true;
  const hiddenWith = (markup: string | null) => hidesElement((attribute) => (attribute === name ? markup : null));
  return hiddenWith(oldValue) !== hiddenWith(value);
}

/**
 * Whether a node added or removed inside a block may change the text it shows: not whitespace
 * between elements, a comment, or a script, style or frame (a page that adds scripts to its body
 * must not have the whole page read again with each; a frame is read by its own content script).
 */
function mayShowText(node: Node): boolean {
  if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.CDATA_SECTION_NODE) return /\S/.test((node as Text).data);
  return node.nodeType === Node.ELEMENT_NODE && !HIDDEN_ELEMENTS.has((node as Element).localName);
}

/** The nearest block element around a node (crossing shadow roots), where its text belongs. */
function blockOf(node: Node): Element | null {
  let element: Element | null = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (element) {
    if (BLOCK_ELEMENTS.has(element.localName)) return element;
    element = element.parentElement ?? ((element.getRootNode() as ShadowRoot).host ?? null);
  }
  return node.ownerDocument?.body ?? null;
}

/**
 * Drops roots inside other roots, shadow trees included: re-reading the outer one covers them
 * (the reader reads a host's shadow tree in its place).
 */
function outermost(roots: Element[]): Element[] {
  // Linear: each root's ancestors are looked up in a set, instead of every root against every
  // other, and what was learned of an ancestor is kept: 16,000 items appended to one list climb
  // from that list once.
  const all = new Set(roots);
  const known = new Map<Element, boolean>();
  return roots.filter((root) => !selfOrAncestorPasses(composedParent(root), (ancestor) => all.has(ancestor), known));
}
