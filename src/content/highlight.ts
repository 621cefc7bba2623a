/**
 * Highlights matches with the CSS Custom Highlight API: ranges registered with the browser and
 * styled by ::highlight(), so the page's DOM is never rewritten. Where the API is missing the
 * page is simply not highlighted (the warning bar and the popup still explain the findings).
 */
import { FLASH, HIGHLIGHT, highlightStyle } from './highlight-style';

/** A page gets the styles from the manifest; a shadow root, when it first has a match to show. */
const SHADOW_STYLE = highlightStyle('');

type HighlightRegistry = Map<string, unknown>;
type HighlightConstructor = new (...ranges: Range[]) => unknown;

function registry(): HighlightRegistry | null {
  const css = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  const Highlight = (globalThis as { Highlight?: HighlightConstructor }).Highlight;
  return css?.highlights && Highlight ? css.highlights : null;
}

export const highlightSupported = () => registry() !== null;

const styled = new WeakSet<ShadowRoot>();

/** Gives a shadow root the highlight styles, once, when a range in it is to be shown. */
function styleShadowRootOf(range: Range): void {
  const root = range.startContainer.getRootNode();
  if (!(root instanceof ShadowRoot) || styled.has(root)) return;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(SHADOW_STYLE);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    styled.add(root);
  } catch {
    // A page that froze adoptedStyleSheets just gets no highlight colours there.
  }
}

export function showHighlights(ranges: Range[]): void {
  const highlights = registry();
  if (!highlights) return;
  for (const range of ranges) styleShadowRootOf(range);
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
  styleShadowRootOf(range);
  const Highlight = (globalThis as unknown as { Highlight: HighlightConstructor }).Highlight;
  highlights.set(FLASH, new Highlight(range));
  setTimeout(() => highlights.delete(FLASH), durationMs);
}
