/**
 * Visible text of an HTML document as segments, for the CLI: parsed with htmlparser2 (a real,
 * error-tolerant HTML parser), skipping script/style/hidden elements, one segment per block.
 * Offsets refer to the extracted text (segments joined by newlines), which is also returned.
 */
import { Parser } from 'htmlparser2';
import type { Segment } from '../engine';
import { BLOCK_ELEMENTS, HIDDEN_ELEMENTS, hidesElement } from './blocks';

// Elements the HTML spec treats as void: they never get a closing tag.
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

export interface ExtractedText {
  text: string;
  segments: Segment[];
}

export function extractHtmlText(html: string): ExtractedText {
  const segments: Segment[] = [];
  let text = '';
  let current = '';
  // Depth inside hidden elements; hidden ancestors hide their whole subtree.
  const hiddenStack: boolean[] = [];
  let hiddenDepth = 0;

  const flush = () => {
    const trimmed = current.replace(/\s+/g, ' ').trim();
    current = '';
    if (!trimmed) return;
    if (text) text += '\n';
    segments.push({ text: trimmed, start: text.length });
    text += trimmed;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (BLOCK_ELEMENTS.has(name)) flush();
        if (VOID_ELEMENTS.has(name)) return;
        const hidden = HIDDEN_ELEMENTS.has(name) || hidesElement((attribute) => attributes[attribute]);
        hiddenStack.push(hidden);
        if (hidden) hiddenDepth++;
      },
      ontext(data) {
        if (hiddenDepth === 0) current += data;
      },
      onclosetag(name) {
        if (BLOCK_ELEMENTS.has(name)) flush();
        // Void elements were never pushed (htmlparser2 still reports their implied close).
        if (VOID_ELEMENTS.has(name)) return;
        if (hiddenStack.pop()) hiddenDepth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  flush();
  return { text, segments };
}
