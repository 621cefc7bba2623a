/**
 * The page's blocks of text as the content script knows them, in reading order, each with a key
 * the background knows it by. When the page changes only the changed blocks are read again;
 * the background keeps each text's analysis, so a block's text is sent only once.
 */
import { Conversations, type TreeAdapter } from '../extract/conversations';
import { blockKey, textIdOf } from '../shared/block-keys';
import { type PackedChange, packEntry, type PackedList } from '../shared/block-entries';
import { firstNodeOf, isSourceConnected, type TextBlock } from './extract';
import { isInPlainTree, isWithinAny, readAfter } from './reading-order';

export interface PageBlock extends TextBlock {
  /** The block's name on the page (see block-keys.ts). */
  key: string;
}

const ENTRIES_PER_STEP = 5000;
/** Texts no longer on the page are forgotten once there are this many more than twice the blocks. */
const FORGET_GONE_TEXTS_AFTER = 1000;

export class PageBlocks {
  private list: PageBlock[] = [];
  private characterCount = 0;
  /**
   * Each text's id: a number of its own, counted up, never reused. A content hash would cost a
   * pass over every text in code not yet optimized (a sixth of reading a page), and a page could
   * craft a benign text with a lure's hash. The map's lookup hashes in native code.
   */
  private ids = new Map<string, string>();
  private nextId = 0;
  /** How many blocks of a text named more than once have been named: the same text twice gets "h", then "h.1". */
  private repeats = new Map<string, number>();
  /** Text ids the background has been sent (and so knows, unless it was restarted). */
  private sent = new Set<string>();
  /** The page's chats, as learned so far: a change costs about what changed. */
  private conversations = new Conversations<Element>(DOM_TREE);

  get blocks(): readonly PageBlock[] {
    return this.list;
  }

  set blocks(blocks: PageBlock[]) {
    let characters = 0;
    for (const block of blocks) characters += block.text.length;
    this.replaceList(blocks, characters);
  }

  /** The characters of all blocks' texts. */
  get characters(): number {
    return this.characterCount;
  }

  private replaceList(blocks: PageBlock[], characters: number): void {
    this.list = blocks;
    this.characterCount = characters;
    // A page may change its text forever: what is gone is forgotten now and then, not kept.
    if (this.ids.size > 2 * blocks.length + FORGET_GONE_TEXTS_AFTER) this.forgetGoneTexts();
  }

  /**
   * Names a block just read (and learns where it sits in a chat). The named block is a new object
   * with all its fields at once: a key added to the reader's object would need a second object to
   * hold it, one more of the objects that outlive their first garbage collections on a long page.
   */
  name({ element, text, source }: TextBlock): PageBlock {
    let key: string;
    const id = this.ids.get(text);
    if (id === undefined) {
      const fresh = (this.nextId++).toString(36);
      this.ids.set(text, fresh);
      key = blockKey(fresh, 0);
    } else {
      const count = this.repeats.get(id) ?? 1;
      this.repeats.set(id, count + 1);
      key = blockKey(id, count);
    }
    this.conversations.learn(element);
    return { element, text, source, key };
  }

  /** The blocks with these keys: one pass over the list, no index of a long page rebuilt after every change. */
  findAll(keys: ReadonlySet<string>): Map<string, PageBlock> {
    const found = new Map<string, PageBlock>();
    for (const block of this.list) {
      if (keys.has(block.key)) found.set(block.key, block);
      if (found.size === keys.size) break;
    }
    return found;
  }

  clear(): void {
    this.blocks = [];
    this.ids.clear();
    this.repeats.clear();
    this.conversations = new Conversations(DOM_TREE);
  }

  /** These elements' children were added or removed. */
  childrenChanged(parents: readonly Element[]): void {
    this.conversations.childrenChanged(parents);
  }

  /** The block's text, when the background has not been sent it yet (it then counts as sent). */
  textToSend(block: PageBlock): string | undefined {
    const id = textIdOf(block.key);
    if (this.sent.has(id)) return undefined;
    this.sent.add(id);
    return block.text;
  }

  /** Forgets the texts no block has now (a text that comes back gets a new id, and is sent again). */
  private forgetGoneTexts(): void {
    const present = new Set(this.list.map((block) => block.text));
    for (const [text, id] of this.ids) {
      if (present.has(text)) continue;
      this.ids.delete(text);
      this.repeats.delete(id);
      this.sent.delete(id);
    }
  }

  /** Forgets everything sent: a new document, or a background that lost what it knew. */
  forgetAllSent(): void {
    this.sent.clear();
  }

  /**
   * The blocks as the background is told them, packed (block-entries.ts): key and place in a chat
   * (a sender's name is not scanned). Computed in steps, with `pause` awaited between them (a
   * long page's list takes a while; the page runs in between).
   */
  async entries(pause: () => Promise<void> | void = () => undefined): Promise<string[]> {
    const list = this.list;
    const steps = this.conversations.rolesInSteps(list);
    let step = steps.next();
    while (!step.done) {
      await pause();
      step = steps.next();
    }
    const roles = step.value;
    const entries = new Array<string>(list.length);
    for (let index = 0; index < list.length; index++) {
      if (index % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) await pause();
      const { conversation, isSender, senderPrefix } = roles[index]!;
      entries[index] = packEntry(list[index]!.key, conversation, isSender ? -1 : senderPrefix > 0 ? senderPrefix : undefined);
    }
    return entries;
  }

  /**
   * Replaces the blocks inside each root (roots may be gone) with the fresh blocks read from it,
   * keeping reading order. A chat adds a message to a long page again and again, and a page may
   * add thousands of blocks at once (infinite scroll, chat history): the list is in reading
   * order, so each root's place is found by binary search, and a change costs a few DOM calls
   * per root and per block it held, not one per block of the page. When nodes were removed or
   * moved (`nodesLeft`), a root's old blocks may be anywhere, and in a shadow tree or a host's
   * light tree document order is not reading order: then every block is looked at.
   */
  replaceWithin(changes: readonly { root: Element; fresh: PageBlock[] }[], nodesLeft: boolean): void {
    if (nodesLeft || !changes.every(({ root }) => !root.isConnected || isInPlainTree(root))) return this.replaceWithinByWalk(changes);
    const list = this.list;
    const places: { root: Element; start: number; end: number; fresh: PageBlock[] }[] = [];
    for (const { root, fresh } of changes) {
      // The first block read after the root; the root's own blocks are the ones just before it.
      // (Blocks are placed by where their text begins: a block around the root has text before
      // it and text after it, in runs on either side.)
      const end = firstIndexWhere(list, (block) => readAfter(firstNodeOf(block), root));
      const only = new Set([root]);
      let start = end;
      while (start > 0 && isWithinAny(list[start - 1]!.element, only)) start--;
      places.push({ root, start, end, fresh });
    }
    places.sort((a, b) => a.end - b.end || (readAfter(a.root, b.root) ? 1 : -1));
    const merged: PageBlock[] = [];
    let characters = this.characterCount;
    let next = 0;
    for (const { start, end, fresh } of places) {
      for (; next < start; next++) merged.push(list[next]!);
      for (; next < end; next++) characters -= list[next]!.text.length;
      for (const block of fresh) {
        merged.push(block);
        characters += block.text.length;
      }
    }
    for (; next < list.length; next++) merged.push(list[next]!);
    this.replaceList(merged, characters);
  }

  /** replaceWithin, comparing every block with the roots: for changes the search cannot place. */
  private replaceWithinByWalk(changes: readonly { root: Element; fresh: PageBlock[] }[]): void {
    const roots = new Set(changes.map((change) => change.root));
    const kept = this.list.filter((block) => block.element.isConnected && !isWithinAny(block.element, roots));
    // Fresh blocks in reading order: roots sorted by position (each root's blocks are in reading order).
    const ordered = changes.filter((change) => change.root.isConnected).sort((a, b) => (readAfter(a.root, b.root) ? 1 : -1));
    const fresh = ordered.flatMap((change) => change.fresh);
    const merged: PageBlock[] = [];
    let k = 0;
    for (const block of fresh) {
      while (k < kept.length && !readAfter(firstNodeOf(kept[k]!), block.element)) merged.push(kept[k++]!);
      merged.push(block);
    }
    while (k < kept.length) merged.push(kept[k++]!);
    this.blocks = merged;
  }

  /** Drops blocks whose element or text left the document. */
  dropDisconnected(): void {
    this.blocks = this.list.filter((block) => block.element.isConnected && isSourceConnected(block));
  }
}

/**
 * How `next` differs from `previous` (packed entries): `remove` entries at `at` replaced by
 * `insert` (the common start and end kept). A chat message appended to a long page is a change
 * of one entry.
 */
export function changeBetween(previous: readonly string[], next: readonly string[]): PackedChange {
  let at = 0;
  while (at < previous.length && at < next.length && previous[at] === next[at]) at++;
  let tail = 0;
  while (tail < previous.length - at && tail < next.length - at && previous[previous.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  return { at, remove: previous.length - at - tail, insert: next.slice(at, next.length - tail) };
}

/**
 * A list cut into parts of at most `size` new entries, in order: the first as given (with its
 * removal), each next one an insertion after the last. Applied one after the other they make the
 * whole list; a long page's list then goes in messages that each pass quickly.
 */
export function listParts(list: PackedList, size: number): PackedList[] {
  const entries = 'blocks' in list ? list.blocks : list.change.insert;
  if (entries.length <= size) return [list];
  const parts: PackedList[] = [];
  const start = 'blocks' in list ? 0 : list.change.at;
  for (let offset = 0; offset < entries.length; offset += size) {
    const insert = entries.slice(offset, offset + size);
    if (offset > 0) parts.push({ change: { at: start + offset, remove: 0, insert } });
    else parts.push('blocks' in list ? { blocks: insert } : { change: { ...list.change, insert } });
  }
  return parts;
}

const DOM_TREE: TreeAdapter<Element> = {
  parent: (element) => element.parentElement,
  children: (element, limit) => {
    const first: Element[] = [];
    if (element.childElementCount <= limit) {
      for (let child = element.firstElementChild; child; child = child.nextElementSibling) first.push(child);
      return first;
    }
    const last: Element[] = [];
    for (let child = element.firstElementChild; child && first.length < limit / 2; child = child.nextElementSibling) first.push(child);
    for (let child = element.lastElementChild; child && last.length < limit / 2; child = child.previousElementSibling) last.push(child);
    return [...first, ...last.reverse()];
  },
  firstChild: (element) => element.firstElementChild ?? undefined,
  tag: (element) => element.localName,
  attribute: (element, name) => element.getAttribute(name),
  text: (element) => element.textContent ?? '',
};

/** The first index whose item passes `test`, for a test that fails on a start of the list and passes on the rest. */
function firstIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(items[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}
