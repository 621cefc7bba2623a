/** The pages the browser benchmarks load. */
import { pageText } from './page-text';

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Lets the benchmark append a chat message to the page, as a chat's own script would. */
export const RECORDER = `<script>
  window.appendMessage = (text) => { const p = document.createElement('p'); p.textContent = text; document.body.append(p); return Date.now(); };
</script>`;

/** A page of paragraphs (1 in 10 a listing or message, as on a typical page); returns the HTML and its paragraph count. */
export function benchPage(bytes: number): { html: string; blocks: number } {
  const lines = pageText(bytes, 10).split('\n');
  const body = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  return { html: `<!doctype html><html><head><meta charset="utf-8"><title>bench</title>${RECORDER}</head><body>${body}</body></html>`, blocks: lines.length };
}

/** A long list of short items (a shop's catalogue, a feed): many nodes, little text each; a lure at the end. */
export function listPage(items: number): { html: string; blocks: number } {
  const rows = Array.from({ length: items }, (_, i) => `<li><a href="#${i}">Teak garden chair no. ${i}</a></li>`).join('');
  const lure = '<p>Chat agents wanted in Sihanoukville, $3,500 per month, no experience, interview on Telegram only.</p>';
  return { html: `<!doctype html><html><head><meta charset="utf-8"><title>list</title>${RECORDER}</head><body><ul>${rows}</ul>${lure}</body></html>`, blocks: items + 1 };
}
