/**
 * Highlights matches with the CSS Custom Highlight API: ranges registered with the browser and
 * styled by ::highlight(), so the page's DOM is never rewritten. Where the API is missing the
 * page is simply not highlighted (the warning bar and the popup still explain the findings).
 */
const HIGHLIGHT = 'lureguard-match';
const FLASH = 'lureguard-flash';

/**
 * The highlight styles of a tree. A document's rules are set on its root element only and reach
 * every element below by highlight inheritance: a stylesheet added to a big page restyles every
 * element its rules select, and `::highlight()` alone selects them all (on a 1 MB page that was a
 * 70-110 ms restyle, in one task, each time a page was first flagged; on :root, about half).
 * A shadow root's tree is small, and has no root element to inherit from.
 */
const styleOf = (selector: ':root' | '') => `
${selector}::highlight(${HIGHLIGHT}) { background-color: rgba(255, 193, 7, 0.45); text-decoration: underline wavy rgba(198, 40, 40, 0.9); }
${selector}::highlight(${FLASH}) { background-color: rgba(229, 57, 53, 0.55); color: inherit; }
`;

type HighlightRegistry = Map<string, unknown>;
type HighlightConstructor = new (...ranges: Range[]) => unknown;

function registry(): HighlightRegistry | null {
  const css = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  const Highlight = (globalThis as { Highlight?: HighlightConstructor }).Highlight;
  return css?.highlights && Highlight ? css.highlights : null;
}

export const highlightSupported = () => registry() !== null;

const styled = new WeakSet<Document | ShadowRoot>();

/**
 * ::highlight() rules apply per tree: each document or shadow root with a match needs them. They
 * are added only when there is something to highlight: a page that could see them on every page
 * would know Lureguard is there (and a lure page could hide its text from it).
 */
function ensureStyle(root: Document | ShadowRoot): void {
  if (styled.has(root) || !('adoptedStyleSheets' in root)) return;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styleOf(root instanceof ShadowRoot ? '' : ':root'));
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    styled.add(root);
  } catch {
    // A page that froze adoptedStyleSheets just gets no highlight colours.
  }
}

function treeOf(range: Range): Document | ShadowRoot {
  const root = range.startContainer.getRootNode();
  return root instanceof ShadowRoot ? root : (range.startContainer.ownerDocument ?? document);
}

export function showHighlights(ranges: Range[]): void {
  const highlights = registry();
  if (!highlights) return;
  for (const range of ranges) ensureStyle(treeOf(range));
  const Highlight = (globalThis as unknown as { Highlight: HighlightConstructor }).Highlight;
  if (ranges.length > 0) highlights.set(HIGHLIGHT, new Highlight(...ranges));
  else highlights.delete(HIGHLIGHT);
}

export function clearHighlights(): void {
  const highlights = registry();
  highlights?.delete(HIGHLIGHT);
  highlights?.delete(FLASH);
}

/** Scrolls a match into view and flashes it for a moment. */
export function flash(range: Range, durationMs = 1600): void {
  const element = range.startContainer.parentElement;
  element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const highlights = registry();
  if (!highlights) return;
  ensureStyle(treeOf(range));
  const Highlight = (globalThis as unknown as { Highlight: HighlightConstructor }).Highlight;
  highlights.set(FLASH, new Highlight(range));
  setTimeout(() => highlights.delete(FLASH), durationMs);
}
