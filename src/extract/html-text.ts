/**
 * Visible text of an HTML document as segments, for the CLI: parsed with htmlparser2 (a real,
 * error-tolerant HTML parser; parse-html.ts keeps it linear however deep the nesting) into a
 * tree, walked without recursion (deep nesting cannot overflow the stack), skipping
 * script/style/hidden elements, one segment per block. The messages of a chat are marked as one
 * conversation and their senders' names are not scanned (conversations.ts).
 * Offsets refer to the extracted text (blocks joined by newlines), which is also returned.
 */
import type { ChildNode, Element } from 'domhandler';
import type { Segment } from '../engine';
import { BLOCK_ELEMENTS, HIDDEN_ELEMENTS, hidesElement } from './blocks';
import { conversationRoles, type TreeAdapter } from './conversations';
import { parseHtml } from './parse-html';

export interface ExtractedText {
  text: string;
  segments: Segment[];
}

const isElement = (node: ChildNode | null): node is Element => !!node && (node.type === 'tag' || node.type === 'script' || node.type === 'style');

/**
 * All the text inside a node, as DomUtils.textContent reads it (text nodes in order, comments
 * skipped), walked without recursion: textContent recurses twice per level, so a chat message
 * holding a few thousand nested elements overflowed the stack.
 */
function textOf(node: ChildNode): string {
  const parts: string[] = [];
  const stack: ChildNode[] = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.type === 'text') parts.push(next.data);
    else if ('children' in next) for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!);
  }
  return parts.join('');
}

const tree: TreeAdapter<Element> = {
  parent: (element) => (isElement(element.parent as ChildNode | null) ? (element.parent as Element) : null),
  children: (element, limit) => {
    const children = element.children.filter(isElement);
    return children.length <= limit ? children : [...children.slice(0, limit / 2), ...children.slice(-limit / 2)];
  },
  firstChild: (element) => element.children.find(isElement),
  tag: (element) => element.name,
  attribute: (element, name) => element.attribs[name],
  text: textOf,
};

/** The blocks of a parsed document in reading order, each with its innermost block element. */
function readBlocks(nodes: ChildNode[]): { element: Element | null; text: string }[] {
  const blocks: { element: Element | null; text: string }[] = [];
  const owners: (Element | null)[] = [null];
  let current = '';
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    current = '';
    if (text) blocks.push({ element: owners[owners.length - 1]!, text });
  };
  type Step = { node: ChildNode } | { leave: true };
  const stack: Step[] = nodes.map((node) => ({ node })).reverse();
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('leave' in step) {
      flush();
      owners.pop();
      continue;
    }
    const { node } = step;
    if (node.type === 'text') {
      current += node.data;
      continue;
    }
    if (!isElement(node)) continue; // comments, directives, CDATA
    if (HIDDEN_ELEMENTS.has(node.name) || hidesElement((attribute) => node.attribs[attribute])) continue;
    if (BLOCK_ELEMENTS.has(node.name)) {
      flush();
      owners.push(node);
      stack.push({ leave: true });
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]! });
  }
  flush();
  return blocks;
}

export function extractHtmlText(html: string): ExtractedText {
  const document = parseHtml(html, { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: false });
  const blocks = readBlocks(document.children);
  // Text outside any element (a fragment without <body>) cannot be a chat message.
  const inElements = blocks.filter((block): block is { element: Element; text: string } => block.element !== null);
  const roleOf = new Map(conversationRoles(inElements, tree).map((role, index) => [inElements[index]!, role]));
  const segments: Segment[] = [];
  let text = '';
  for (const block of blocks) {
    if (text) text += '\n';
    const start = text.length;
    text += block.text;
    const role = roleOf.get(block as { element: Element; text: string });
    if (role?.isSender) continue;
    const cut = role?.senderPrefix ?? 0;
    const segment: Segment = { text: block.text.slice(cut), start: start + cut };
    if (role?.conversation !== undefined) segment.conversation = role.conversation;
    if (segment.text.trim()) segments.push(segment);
  }
  return { text, segments };
}
