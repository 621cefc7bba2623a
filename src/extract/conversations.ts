/**
 * Which blocks of a page are the messages of a chat conversation, and which are only the
 * sender's name. Shared by the content script (the live DOM) and the CLI (parsed HTML) through a
 * small tree adapter, so both read a chat alike.
 *
 * A conversation is a container whose children are alike (same tag and class), at least three of
 * them, and that reads as a chat: its markup says so (role="log", aria-live, a chat/message/bubble
 * class or id), or its messages start with sender names that repeat. A job board's listings are
 * alike too, but their titles do not repeat: they stay separate paragraphs, whose signals must
 * not combine across unrelated listings.
 *
 * A sender's name is not a signal ("Crypto Mentor", "HR 客服" say nothing about a message), so a
 * name in its own block is skipped and a `Name: ` prefix is cut.
 */

export interface TreeAdapter<E> {
  parent(element: E): E | null;
  /** The element children, in order; of a longer list, the first and the last `limit / 2`. */
  children(element: E, limit: number): readonly E[];
  firstChild(element: E): E | undefined;
  tag(element: E): string;
  attribute(element: E, name: string): string | null | undefined;
  /** All the text inside an element (textContent). */
  text(element: E): string;
}

export interface BlockRole {
  /** The conversation the block belongs to (a number per container), if any. */
  conversation?: number;
  /** The block is a sender's name: not scanned. */
  isSender: boolean;
  /** Characters of a `Name: ` prefix at the block's start that are the sender's name (0 if none). */
  senderPrefix: number;
}

const MIN_MESSAGES = 3;
/**
 * Which children are alike is judged on a container's first and last children only (a chat's
 * newest messages are its last), and whether senders' names repeat on its first messages: a list
 * of 75,000 items is not walked on every change, and a chat's messages look alike throughout.
 */
const COUNTED_CHILDREN = 1000;
const SENDER_SAMPLE = 300;
/** rolesInSteps yields after this many blocks. */
const BLOCKS_PER_STEP = 2000;
/** How far above a block its message element may be (bubble > content > paragraph). */
const MAX_LEVELS = 4;
const MAX_NAME_LENGTH = 40;
const CHAT_MARKUP = /chat|message|msg|bubble|conversation|dialog|im-|dm-|reply|replies/i;
// A short name before a colon ("Lisa:", "Dan M.:", "coach.lia.fit:"): not a time ("10:30"), not
// an address ("https:"), not the end of a sentence.
const SPEAKER_PREFIX = /^\s*([^\s:：\d][^:：。！？!?,，\n]{0,39}?)\s*[:：]\s*/u;
const NOT_A_NAME = /^(?:https?|ftp|mailto|tel)$/i;

/** The speaker of a "Name: message" line: the name (lower case) and how many characters to cut. */
export function speakerPrefix(line: string): { name: string; length: number } | null {
  // Most lines have no colon at all: no need for the regex.
  if (!line.includes(':') && !line.includes('：')) return null;
  const match = SPEAKER_PREFIX.exec(line);
  if (!match || NOT_A_NAME.test(match[1]!)) return null;
  return { name: match[1]!.trim().toLowerCase(), length: match[0].length };
}

const signature = <E>(tree: TreeAdapter<E>, element: E) => {
  const className = tree.attribute(element, 'class');
  return className ? `${tree.tag(element)}.${className}` : tree.tag(element);
};

const looksLikeName = (text: string) => {
  const trimmed = text.trim();
  return trimmed.length > 0 && trimmed.length <= MAX_NAME_LENGTH && !/[!?。！？,，;；]/.test(trimmed);
};

function saysChat<E>(tree: TreeAdapter<E>, container: E, item: E): boolean {
  const role = tree.attribute(container, 'role');
  if (role === 'log' || tree.attribute(container, 'aria-live')) return true;
  for (const element of [container, item]) {
    const markup = `${tree.attribute(element, 'class') ?? ''} ${tree.attribute(element, 'id') ?? ''}`;
    if (CHAT_MARKUP.test(markup)) return true;
  }
  return false;
}

/**
 * The sender's name at the start of a message, if it has one: the text of the message's first
 * child element when that is short and the message goes on after it (the name in its own element,
 * a block or an inline span: <div class="msg"><b>Lisa</b><p>Hi</p></div>), else a "Name: " prefix.
 * prefix is -1 when the name is a whole block of its own, else the characters to cut.
 */
function senderOf<E>(tree: TreeAdapter<E>, message: E, texts: readonly string[]): { name: string; prefix: number } | null {
  const first = texts[0]!;
  const head = tree.firstChild(message);
  const name = head === undefined ? '' : tree.text(head).replace(/\s+/g, ' ').trim();
  if (name && looksLikeName(name) && tree.text(message).replace(/\s+/g, ' ').trim() !== name) {
    if (first.trim() === name) return { name: name.toLowerCase(), prefix: texts.length > 1 ? -1 : 0 };
    const lead = first.length - first.trimStart().length;
    if (first.startsWith(name, lead)) {
      const rest = /^[\s:：]*/.exec(first.slice(lead + name.length))![0].length;
      return { name: name.toLowerCase(), prefix: lead + name.length + rest };
    }
  }
  const speaker = speakerPrefix(first);
  return speaker && { name: speaker.name, prefix: speaker.length };
}

/**
 * Tells a tree's chats apart. Kept for a live page, it remembers what it learned, so that a chat
 * message appended to a long page costs about the new message, not the whole page again: tell it
 * what changed, elements whose children were added or removed (childrenChanged) and blocks read
 * again (learn: new, moved or edited). A sender's name is kept for as long as the texts of its
 * message stay the same. Classes are read once: a page restyling its messages does not change
 * their text.
 */
export class Conversations<E extends object> {
  private readonly signatures = new WeakMap<E, string>();
  /** Per parent: how many children share each signature. */
  private readonly counts = new WeakMap<E, Map<string, number>>();
  /**
   * Per block element: where its message is (see MessagePlace), or null. Forgotten whole when a
   * kind of child crosses the minimum somewhere (a chat's third message): that is rare, and
   * remembering which blocks each parent decided would keep an entry per block of a long list.
   */
  private messages = new WeakMap<E, MessagePlace<E> | null>();
  /** Per message element: its sender, for the texts it had. */
  private readonly senders = new WeakMap<E, { texts: readonly string[]; sender: { name: string; prefix: number } | null }>();
  /** Parents whose children changed since the last look: their counts are checked then. */
  private readonly changedParents = new Set<E>();

  constructor(private readonly tree: TreeAdapter<E>) {}

  childrenChanged(parents: Iterable<E>): void {
    for (const parent of parents) this.changedParents.add(parent);
  }

  /**
   * A block element was just read (new, moved or edited): where it sits is found again. Called
   * as the page is read, in slices, so that judging the page later finds it known.
   */
  learn(element: E): void {
    this.messages.delete(element);
    this.messageOf(element);
  }

  /** The message element a block element is in, and its container, if any. */
  messageOf(element: E): { message: E; container: E } | null {
    this.recount();
    let found = this.messages.get(element);
    if (found === undefined) this.messages.set(element, (found = this.findMessage(element)));
    if (found === null) return null;
    return found instanceof MessageInside ? found : { message: element, container: found };
  }

  /** Roles for blocks given in reading order, each with the element it belongs to (the innermost block element around its text). */
  roles(blocks: readonly { element: E; text: string }[]): BlockRole[] {
    const steps = this.rolesInSteps(blocks);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }

  /**
   * The same, a step at a time: the generator yields every few thousand blocks, so that a caller
   * on a live page can let the page run in between.
   */
  *rolesInSteps(blocks: readonly { element: E; text: string }[]): Generator<void, BlockRole[]> {
    // Most blocks of a page are in no chat: they share one role, and a long page allocates little.
    const roles: BlockRole[] = new Array<BlockRole>(blocks.length).fill(NO_ROLE);
    this.recount();
    // Group blocks by container, then by message, in reading order. Most messages are one block:
    // theirs is kept as a number, not an array (this runs on every change of a long page, mostly
    // in code not yet optimized, where thousands of one-item arrays were most of its time).
    const containers = new Map<E, { item: E; messages: Map<E, BlockIndexes> }>();
    for (let index = 0; index < blocks.length; index++) {
      if (index % BLOCKS_PER_STEP === BLOCKS_PER_STEP - 1) yield;
      const found = this.messageOf(blocks[index]!.element);
      if (!found) continue;
      let entry = containers.get(found.container);
      if (!entry) containers.set(found.container, (entry = { item: found.message, messages: new Map() }));
      const known = entry.messages.get(found.message);
      if (known === undefined) entry.messages.set(found.message, index);
      else if (typeof known === 'number') entry.messages.set(found.message, [known, index]);
      else known.push(index);
    }
    const textsOf = (indexes: BlockIndexes) => listOf(indexes).map((index) => blocks[index]!.text);

    let conversation = 0;
    for (const [container, { item, messages }] of containers) {
      yield;
      if (messages.size < MIN_MESSAGES) continue;
      const senders: { index: number; name: string; prefix: number }[] = [];
      // Names must start at least 60% of the (first) messages: stop looking once too many have
      // none (a page's thousands of alike paragraphs are not read twice).
      const sample = Math.min(messages.size, SENDER_SAMPLE);
      let without = 0;
      let looked = 0;
      for (const [message, indexes] of messages) {
        if (looked++ === sample) break;
        const sender = this.senderOf(message, textsOf(indexes));
        if (sender) senders.push({ index: listOf(indexes)[0]!, ...sender });
        else if (++without > sample * 0.4) break;
      }
      const distinct = new Set(senders.map((sender) => sender.name));
      const namesRepeat = senders.length >= MIN_MESSAGES && senders.length >= sample * 0.6 && distinct.size < senders.length;
      if (!namesRepeat && !saysChat(this.tree, container, item)) continue;
      // A chat longer than the sample: the senders of the rest of its messages.
      if (namesRepeat && messages.size > sample) {
        let rest = 0;
        for (const [message, indexes] of messages) {
          if (rest++ < sample) continue;
          if (rest % BLOCKS_PER_STEP === 0) yield;
          const sender = this.senderOf(message, textsOf(indexes));
          if (sender) senders.push({ index: listOf(indexes)[0]!, ...sender });
        }
      }
      for (const indexes of messages.values()) for (const index of listOf(indexes)) roles[index] = { conversation, isSender: false, senderPrefix: 0 };
      if (namesRepeat) {
        for (const sender of senders) {
          if (sender.prefix < 0) roles[sender.index]!.isSender = true;
          else roles[sender.index]!.senderPrefix = sender.prefix;
        }
      }
      conversation++;
    }
    return roles;
  }

  private signatureOf(element: E): string {
    let known = this.signatures.get(element);
    if (known === undefined) this.signatures.set(element, (known = signature(this.tree, element)));
    return known;
  }

  private countChildren(parent: E): Map<string, number> {
    const counts = new Map<string, number>();
    for (const child of this.tree.children(parent, COUNTED_CHILDREN)) {
      const key = this.signatureOf(child);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    this.counts.set(parent, counts);
    return counts;
  }

  /**
   * Parents whose children changed are counted again; blocks' messages are looked for again only
   * when a kind of child crossed the minimum (a chat gaining its 1,001st message changes nothing).
   */
  private recount(): void {
    if (this.changedParents.size === 0) return;
    let crossed = false;
    for (const parent of this.changedParents) {
      const before = this.counts.get(parent);
      if (before && crossesMinimum(before, this.countChildren(parent))) crossed = true;
    }
    this.changedParents.clear();
    if (crossed) this.messages = new WeakMap();
  }

  private findMessage(element: E): MessagePlace<E> | null {
    let current: E | null = element;
    for (let level = 0; current && level < MAX_LEVELS; level++) {
      const parent = this.tree.parent(current);
      if (!parent) return null;
      // The signature of a child the count did not cover (the middle of a long list) is not kept.
      const kind = this.signatures.get(current) ?? signature(this.tree, current);
      if (((this.counts.get(parent) ?? this.countChildren(parent)).get(kind) ?? 0) >= MIN_MESSAGES) return current === element ? parent : new MessageInside(current, parent);
      current = parent;
    }
    return null;
  }

  private senderOf(message: E, texts: readonly string[]): { name: string; prefix: number } | null {
    const known = this.senders.get(message);
    if (known && sameTexts(known.texts, texts)) return known.sender;
    const sender = senderOf(this.tree, message, texts);
    this.senders.set(message, { texts, sender });
    return sender;
  }
}

/** A block inside a message element (a bubble holding several paragraphs), and their container. */
class MessageInside<E> {
  constructor(
    readonly message: E,
    readonly container: E,
  ) {}
}

/**
 * Where a block's message is, as kept per block: the container alone when the block element is
 * the message itself (every item of a long list, most chat messages), which keeps no object per
 * block that outlives the page's first garbage collections.
 */
type MessagePlace<E> = E | MessageInside<E>;

/** Whether any signature crossed the line between "a few" and "alike children" (MIN_MESSAGES). */
function crossesMinimum(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): boolean {
  for (const [key, count] of after) if (count >= MIN_MESSAGES !== (before.get(key) ?? 0) >= MIN_MESSAGES) return true;
  for (const [key, count] of before) if (count >= MIN_MESSAGES && !after.has(key)) return true;
  return false;
}

/** The blocks of one message, by index: one (the usual case) or several. */
type BlockIndexes = number | number[];
/** As a list: made only for the few messages looked at closely (senders, chats). */
const listOf = (indexes: BlockIndexes): readonly number[] => (typeof indexes === 'number' ? [indexes] : indexes);

const NO_ROLE: BlockRole = Object.freeze({ isSender: false, senderPrefix: 0 });

const sameTexts = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((text, index) => text === b[index]);

/** Roles for blocks given in reading order (see Conversations.roles), learned afresh. */
export function conversationRoles<E extends object>(blocks: readonly { element: E; text: string }[], tree: TreeAdapter<E>): BlockRole[] {
  return new Conversations(tree).roles(blocks);
}
