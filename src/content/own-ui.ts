/**
 * Lureguard's own elements in the page, known by identity rather than by a tag name: a page can
 * neither predict ours (to hide or restyle it) nor give its text our name (to keep it from being
 * read). Their shadow roots are closed; only our code holds them.
 */
const ownRoots = new WeakMap<Element, ShadowRoot>();

export function markOwnUi(host: Element, root: ShadowRoot): void {
  ownRoots.set(host, root);
}

export function isOwnUi(element: Element): boolean {
  return ownRoots.has(element);
}

/** The closed shadow root of one of our elements (for our code and its tests; the page has no way to it). */
export function ownUiRoot(element: Element): ShadowRoot | undefined {
  return ownRoots.get(element);
}
