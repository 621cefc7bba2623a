/** What the scan CLI reads of an HTML file: the text a person sees, as the content script reads a page. */
import { describe, expect, it } from 'vitest';
import { extractHtmlText } from '../../../src/extract/html-text';

const segmentsOf = (html: string) => extractHtmlText(html).segments.map((segment) => segment.text);

describe('extractHtmlText', () => {
  it('reads the labels of a drawing and the HTML it holds, not its descriptions or definitions', () => {
    const html =
      '<p>Our offices</p><svg><title>Map</title><desc>A map</desc><defs><text id="t">Never drawn</text></defs>' +
      '<text>Agents wanted in <tspan>Sihanoukville</tspan></text><foreignObject><div>Apply on Telegram</div></foreignObject></svg>';
    expect(segmentsOf(html)).toEqual(['Our offices', 'Agents wanted in Sihanoukville', 'Apply on Telegram']);
  });

  it('skips what its markup never shows, but reads visibility:hidden text, which a child can show again', () => {
    const html = '<p style="display: none">Gone</p><p hidden>Also gone</p><div style="visibility: hidden"><p style="visibility: visible">Shown</p></div>';
    expect(segmentsOf(html)).toEqual(['Shown']);
  });
});
