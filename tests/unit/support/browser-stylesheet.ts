/**
 * The rule of a browser's own stylesheet that happy-dom lacks: an element with the hidden
 * attribute is not shown. Lureguard asks the browser whether an element is shown (checkVisibility),
 * as a page's stylesheet can show it all the same; under happy-dom, without this rule, every
 * hidden element would count as shown. Adopted, so that a test that writes the document anew keeps it.
 */
if (typeof document !== 'undefined' && typeof CSSStyleSheet === 'function') {
  const browserRules = new CSSStyleSheet();
  browserRules.replaceSync('[hidden]:not([hidden="until-found" i]) { display: none; }');
  document.adoptedStyleSheets = [browserRules];
}
