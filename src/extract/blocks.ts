/** Which elements start a new segment and which never show text: shared by every extractor. */

/** Elements whose content is a block of its own: a paragraph, a list item, a cell, a heading. */
export const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hr', 'li', 'main', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'summary', 'table', 'td', 'th',
  'tr', 'ul', 'body', 'html', 'button', 'label', 'caption',
  // An SVG drawing's text: each a label of its own (a page can draw its lure instead of writing it).
  'text',
]);

/**
 * Elements whose text is never shown to the reader. An SVG drawing is read (its text, and the HTML
 * of a foreignObject), but not the parts of it that are never drawn where they stand: its
 * descriptions and the definitions other parts refer to (parsers of HTML lower-case their names).
 */
export const HIDDEN_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'math',
  'iframe', 'object', 'embed', 'canvas', 'audio', 'video', 'select', 'textarea',
  'desc', 'metadata', 'defs', 'symbol', 'clipPath', 'clippath', 'mask', 'pattern', 'marker',
]);

const HIDDEN_STYLE = /(?:^|;)\s*display\s*:\s*none\b/i;

/** The attributes hidesElement reads: an element with none of them is not hidden by its markup. */
export const HIDING_ATTRIBUTES = ['hidden', 'type', 'style'] as const;

/**
 * True when an element's markup hides it: hidden, type="hidden", or an inline display:none.
 * Not aria-hidden="true": it hides an element from screen readers only, so text under it is on
 * screen, and a page that put its lure there would not be warned about. Nor visibility:hidden:
 * a child can show itself again with visibility:visible, so it hides nothing for certain.
 * Takes an attribute getter so that a DOM element and a parser's attribute record are judged
 * alike. Reads HIDING_ATTRIBUTES only.
 */
export function hidesElement(attribute: (name: (typeof HIDING_ATTRIBUTES)[number]) => string | null | undefined): boolean {
  if (attribute('hidden') != null) return true;
  if (attribute('type')?.toLowerCase() === 'hidden') return true;
  const style = attribute('style');
  return !!style && HIDDEN_STYLE.test(style);
}
