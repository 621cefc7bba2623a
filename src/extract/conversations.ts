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
  /** Element children, in order. */
  children(element: E): readonly E[];
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
 * Roles for blocks given in reading order, each with the element it belongs to (the innermost
 * block element around its text).
 */
export function conversationRoles<E>(blocks: readonly { element: E; text: string }[], tree: TreeAdapter<E>): BlockRole[] {
  const roles: BlockRole[] = blocks.map(() => ({ isSender: false, senderPrefix: 0 }));
  // Per parent: how many children share each signature (computed once per parent).
  const signatureCounts = new Map<E, Map<string, number>>();
  const countsOf = (parent: E) => {
    let counts = signatureCounts.get(parent);
    if (!counts) {
      counts = new Map();
      for (const child of tree.children(parent)) counts.set(signature(tree, child), (counts.get(signature(tree, child)) ?? 0) + 1);
      signatureCounts.set(parent, counts);
    }
    return counts;
  };
  /** The message element a block is in, and its container, if any. */
  const messageOf = (element: E): { message: E; container: E } | null => {
    let current: E | null = element;
    for (let level = 0; current && level < MAX_LEVELS; level++) {
      const parent = tree.parent(current);
      if (!parent) return null;
      if ((countsOf(parent).get(signature(tree, current)) ?? 0) >= MIN_MESSAGES) return { message: current, container: parent };
      current = parent;
    }
    return null;
  };

  // Group blocks by container, then by message, in reading order.
  const containers = new Map<E, { item: E; messages: Map<E, number[]> }>();
  blocks.forEach((block, index) => {
    const found = messageOf(block.element);
    if (!found) return;
    let entry = containers.get(found.container);
    if (!entry) containers.set(found.container, (entry = { item: found.message, messages: new Map() }));
    const list = entry.messages.get(found.message) ?? [];
    list.push(index);
    entry.messages.set(found.message, list);
  });

  let conversation = 0;
  for (const [container, { item, messages }] of containers) {
    if (messages.size < MIN_MESSAGES) continue;
    const senders: { index: number; name: string; prefix: number }[] = [];
    // Names must start at least 60% of the messages: stop looking once too many have none (a
    // page's thousands of alike paragraphs are not read twice).
    let without = 0;
    for (const [message, indexes] of messages) {
      const sender = senderOf(tree, message, indexes.map((index) => blocks[index]!.text));
      if (sender) senders.push({ index: indexes[0]!, ...sender });
      else if (++without > messages.size * 0.4) break;
    }
    const distinct = new Set(senders.map((sender) => sender.name));
    const namesRepeat = senders.length >= MIN_MESSAGES && senders.length >= messages.size * 0.6 && distinct.size < senders.length;
    if (!namesRepeat && !saysChat(tree, container, item)) continue;
    for (const indexes of messages.values()) for (const index of indexes) roles[index]!.conversation = conversation;
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
