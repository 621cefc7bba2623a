/**
 * Lureguard's own elements in the page, known by identity rather than by a tag name: a page can
 * neither predict ours (to hide or restyle it) nor give its text our name (to keep it from being
 * read). Their shadow roots are closed; only our code holds them.
 */
const ownRoots = new WeakMap<Element, ShadowRoot>();
/** Their tag names: the reader asks about every element of a page, and a name is cheap to compare. */
const ownTags = new Set<string>();

export function markOwnUi(host: Element, root: ShadowRoot): void {
  ownRoots.set(host, root);
  ownTags.add(host.localName);
}

export function isOwnUi(element: Element): boolean {
  return ownRoots.has(element);
}

/** Whether an element with this tag name can be one of ours (only then is its identity looked up). */
export function mayBeOwnUi(tag: string): boolean {
  return ownTags.has(tag);
}

/** The closed shadow root of one of our elements (for our code and its tests; the page has no way to it). */
export function ownUiRoot(element: Element): ShadowRoot | undefined {
  return ownRoots.get(element);
}
