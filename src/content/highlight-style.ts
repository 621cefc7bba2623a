/**
 * How Lureguard's highlights look, in one place: in a page (the manifest's page-highlights.css,
 * written by wxt.config.ts for each browser) and in a shadow root (highlight.ts).
 *
 * In a page the styles come with the content script, applied by the browser before the page is
 * built: a stylesheet added once a page is flagged restyles all of it (0.7 s on a list of
 * 150,000 nodes). In Chromium the rules are set on the root element only and reach every element
 * below by highlight inheritance (a rule on every element would double the cost of every restyle
 * of every page); Firefox has no highlight inheritance, so there they are set on every element.
 * A shadow root's tree has no root element to inherit from, and is small.
 */
export const HIGHLIGHT = 'lureguard-match';
export const FLASH = 'lureguard-flash';

/** The rules, on `scope` (':root') or on every element (''). */
export function highlightStyle(scope: ':root' | ''): string {
  return `${scope}::highlight(${HIGHLIGHT}) { background-color: rgba(255, 193, 7, 0.45); text-decoration: underline wavy rgba(198, 40, 40, 0.9); }
${scope}::highlight(${FLASH}) { background-color: rgba(229, 57, 53, 0.55); color: inherit; }
`;
}
