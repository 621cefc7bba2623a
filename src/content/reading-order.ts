/**
 * Where elements stand in the order the reader reads a page: document order, with an open shadow
 * root's content where its host is (the reader reads a host's shadow tree in its place). The
 * browser's compareDocumentPosition alone orders two nodes of different trees arbitrarily, which
 * would misplace a chat widget's messages among the page's blocks.
 */

/** The element one level up, crossing from the top of a shadow tree to its host. */
export function composedParent(element: Element): Element | null {
  const parent = element.parentNode;
  if (!parent) return null;
  if (parent.nodeType === Node.ELEMENT_NODE) return parent as Element;
  return (parent as ShadowRoot).host ?? null;
}

/** Whether `element` is one of `roots` or inside one (crossing shadow roots: reading a root reads its hosts' shadow trees too). */
export function isWithinAny(element: Element, roots: ReadonlySet<Element>): boolean {
  for (let current: Element | null = element; current; current = composedParent(current)) if (roots.has(current)) return true;
  return false;
}

/** Whether `element` is `root` or inside it, crossing shadow roots. */
export function isWithin(element: Element, root: Element): boolean {
  for (let current: Element | null = element; current; current = composedParent(current)) if (current === root) return true;
  return false;
}

/** Whether `other` (a block's element or its first text node) is read after `element` and is not inside it. */
export function readAfter(other: Node, element: Element): boolean {
  const [lifted, liftedOther] = inOneTree(element, other);
  // One inside the other's shadow tree: inside, or around (an ancestor is read first).
  if (lifted === liftedOther) return false;
  const position = lifted.compareDocumentPosition(liftedOther);
  return (position & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && (position & Node.DOCUMENT_POSITION_CONTAINED_BY) === 0;
}

/**
 * The two nodes, or the hosts they are in, taken up to the innermost tree that has both: a node
 * of a shadow tree stands where its host stands.
 */
function inOneTree(a: Node, b: Node): [Node, Node] {
  const rootOfB = b.getRootNode();
  if (a.getRootNode() === rootOfB) return [a, b];
  // The trees a is in, innermost first, and a's stand-in in each.
  const standIns = new Map<Node, Node>();
  for (let current: Node | null = a; current; current = hostOf(current)) standIns.set(current.getRootNode(), current);
  for (let current: Node | null = b; current; current = hostOf(current)) {
    const standIn = standIns.get(current.getRootNode());
    if (standIn) return [standIn, current];
  }
  // Not in one document (one was removed): as the browser orders them.
  return [a, b];
}

function hostOf(node: Node): Element | null {
  const root = node.getRootNode();
  return root.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? ((root as ShadowRoot).host ?? null) : null;
}
