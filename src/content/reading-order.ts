/**
 * Where elements stand in the order the reader reads a page: document order, with a shadow
 * root's content where its host is and a slotted node where its slot is (the reader reads them
 * there). The browser's compareDocumentPosition alone orders two nodes of different trees
 * arbitrarily, which would misplace a chat widget's messages among the page's blocks.
 */

/** The element one level up as the page is shown: a slotted element's slot, a shadow tree's host. */
export function composedParent(element: Element): Element | null {
  const parent = composedParentNode(element);
  return parent?.nodeType === Node.ELEMENT_NODE ? (parent as Element) : null;
}

/**
 * Whether `start` or an element above it (as the page is shown) passes `test`. `known` keeps the
 * answer learned for each element climbed, for the next climb of the same batch: 16,000 items
 * appended to one list climb from that list once.
 */
export function selfOrAncestorPasses(start: Element | null, test: (element: Element) => boolean, known: Map<Element, boolean>): boolean {
  const climbed: Element[] = [];
  let answer = false;
  for (let current = start; current; current = composedParent(current)) {
    const learned = known.get(current);
    if (learned !== undefined) {
      answer = learned;
      break;
    }
    climbed.push(current);
    if (test(current)) {
      answer = true;
      break;
    }
  }
  for (const element of climbed) known.set(element, answer);
  return answer;
}

/** Whether `element` is one of `roots` or inside one (crossing shadow roots: reading a root reads its hosts' shadow trees too). */
export function isWithinAny(element: Element, roots: ReadonlySet<Element>): boolean {
  for (let current: Element | null = element; current; current = composedParent(current)) if (roots.has(current)) return true;
  return false;
}

/**
 * Whether the element is in the document's own tree and in no shadow host's light tree: where
 * the document order of nodes is their reading order. (In a shadow tree, or slotted into one, it
 * is not: slotted text is read where its slot is.)
 */
export function isInPlainTree(element: Element): boolean {
  if (element.getRootNode() !== element.ownerDocument) return false;
  for (let parent = element.parentElement; parent; parent = parent.parentElement) if (parent.shadowRoot) return false;
  return true;
}

/** Whether `other` (a block's element or its first text node) is read after `element` and is not inside it. */
export function readAfter(other: Node, element: Element): boolean {
  // One tree (nearly always): the browser's document order.
  if (element.getRootNode() === other.getRootNode()) return follows(element, other);
  // Across trees: compared where their composed paths part (a slotted node stands at its slot).
  const path = composedPath(element);
  const otherPath = composedPath(other);
  if (path[0] !== otherPath[0]) return follows(element, other);
  let depth = 0;
  while (depth < path.length && depth < otherPath.length && path[depth] === otherPath[depth]) depth++;
  // One is around the other: an ancestor is read first, what is inside is not after.
  if (depth === path.length || depth === otherPath.length) return false;
  const [mine, theirs, parent] = [path[depth]!, otherPath[depth]!, path[depth - 1]!];
  if ((parent as Element).localName === 'slot') {
    const assigned = (parent as HTMLSlotElement).assignedNodes();
    return assigned.indexOf(theirs as ChildNode) > assigned.indexOf(mine as ChildNode);
  }
  return follows(mine, theirs);
}

function follows(node: Node, other: Node): boolean {
  const position = node.compareDocumentPosition(other);
  return (position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && (position & Node.DOCUMENT_POSITION_CONTAINED_BY) === 0;
}

/** A node's ancestors as the page is shown, outermost first: a slotted node's slot, a shadow tree's host. */
function composedPath(node: Node): Node[] {
  const path: Node[] = [];
  for (let current: Node | null = node; current; current = composedParentNode(current)) path.push(current);
  return path.reverse();
}

function composedParentNode(node: Node): Node | null {
  const slot = (node as Element | Text).assignedSlot;
  if (slot) return slot;
  const parent = node.parentNode;
  if (parent?.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return (parent as ShadowRoot).host ?? parent;
  return parent;
}
