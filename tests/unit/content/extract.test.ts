// @vitest-environment happy-dom
/** Reading a page's visible text as blocks, on saved pages. */
import { beforeEach, describe, expect, it } from 'vitest';
import { BlockReader, rangeOf, readBlocks } from '../../../src/content/extract';
import { MAX_BLOCK_LENGTH } from '../../../src/shared/block-limits';
import { loadFixturePage } from '../../helpers/dom';

const texts = () => readBlocks(document.body).map((b) => b.text.replace(/\s+/g, ' ').trim());

describe('readBlocks', () => {
  beforeEach(() => {
    document.documentElement.innerHTML = '<head></head><body></body>';
  });

  it('reads a job board listing block by block, without scripts, styles or hidden text', () => {
    loadFixturePage('job-board-en.html');
    const blocks = texts();
    expect(blocks).toContain('Online Customer Service Representative (Thailand office)');
    expect(blocks).toContain('Free air ticket, free dormitory and meals');
    expect(blocks).toContain('Contract signed on arrival at the company campus near Mae Sot');
    const all = blocks.join('\n');
    for (const hidden of ['Myawaddy', 'casino', 'window.tracker', 'Internal note']) expect(all).not.toContain(hidden);
  });

  it('reads a chat transcript one bubble per block', () => {
    loadFixturePage('chat.html');
    expect(texts()).toEqual(['WebChat', 'Hi! How was your weekend?', 'Pretty good, we went hiking.']);
  });

  it('reads a news article paragraph by paragraph', () => {
    loadFixturePage('news-crackdown.html');
    const blocks = texts();
    expect(blocks).toHaveLength(6);
    expect(blocks[0]).toBe('Border News Daily');
    expect(blocks[1]).toBe('Police repatriate 200 suspects from Myawaddy scam compounds');
    expect(blocks[3]).toMatch(/^Many of the victims told officers .* signed on arrival\.$/);
    expect(blocks[5]).toBe('Border News Daily, all rights reserved.');
  });

  it('reads open shadow roots and aria-hidden text (it is on screen), and skips iframes, noscript and hidden content', () => {
    loadFixturePage('shadow-and-frames.html');
    const card = document.querySelector('job-card')!;
    card.attachShadow({ mode: 'open' }).innerHTML = '<div><h3>Chat agents in Sihanoukville</h3><p>Salary $3,000 per month.</p></div>';
    const blocks = texts();
    expect(blocks).toEqual(['Welcome to the community board.', 'Chat agents in Sihanoukville', 'Salary $3,000 per month.', 'Shown, though not to screen readers: Golden Triangle']);
  });

  it('reads the text of a drawing: each label a block, and the HTML it holds, not its descriptions or definitions', () => {
    document.body.innerHTML =
      '<p>Our offices</p><svg viewBox="0 0 400 100"><title>Map</title><desc>A map of our offices</desc>' +
      '<defs><text id="unused">Never drawn</text></defs>' +
      '<text x="10" y="20">Agents wanted in <tspan>Sihanoukville</tspan></text><text x="10" y="60">$3,500 a month</text>' +
      '<foreignObject width="200" height="40"><div>Apply on Telegram</div></foreignObject></svg>';
    expect(texts()).toEqual(['Our offices', 'Agents wanted in Sihanoukville', '$3,500 a month', 'Apply on Telegram']);
  });

  it('reads the shadow root an inline span shows instead of its own text, and skips hidden inline text', () => {
    document.body.innerHTML = '<p>Apply <span>light text never shown</span> now</p><li><a href="#">Chat agents <b hidden>benign</b>wanted</a></li>';
    document.querySelector('span')!.attachShadow({ mode: 'open' }).innerHTML = 'via Telegram';
    expect(texts()).toEqual(['Apply via Telegram now', 'Chat agents wanted']);
  });

  it('reads shadow roots the page closed where it is allowed to see them: an empty block, an empty span, a custom element', () => {
    document.body.innerHTML = '<h1>Careers</h1><div id="offer">\n  </div><p>Apply <span id="pay"></span> now</p><job-card>light text never shown</job-card><div id="decoy"><p>Teak benches</p></div>';
    const closed = new Map<Element, ShadowRoot>();
    const close = (selector: string, html: string) => {
      const host = document.querySelector(selector)!;
      const root = host.attachShadow({ mode: 'closed' });
      root.innerHTML = html;
      closed.set(host, root);
    };
    close('#offer', '<p>Chat agents wanted in Sihanoukville</p>');
    close('#pay', 'for $3,500 a month');
    close('job-card', '<p>Interview on Telegram only</p>');
    const read = (closedShadowRootOf?: (element: Element) => ShadowRoot | null) => {
      const blocks: string[] = [];
      const reader = new BlockReader(document.body, (block) => blocks.push(block.text.replace(/\s+/g, ' ').trim()), { closedShadowRootOf });
      while (reader.next(1000));
      return blocks;
    };
    // Without a way to see them (as in a browser that has none), closed roots stay unread.
    expect(read()).toEqual(['Careers', 'Apply now', 'light text never shown', 'Teak benches']);
    const asked: Element[] = [];
    const blocks = read((element) => {
      asked.push(element);
      return closed.get(element) ?? null;
    });
    expect(blocks).toEqual(['Careers', 'Chat agents wanted in Sihanoukville', 'Apply for $3,500 a month now', 'Interview on Telegram only', 'Teak benches']);
    // Only elements that show no text of their own are asked about (each look is an extension-API call).
    expect(asked.map((element) => element.id || element.localName)).toEqual(['offer', 'pay', 'job-card']);
  });

  it('maps block offsets back to the page text nodes, across inline elements', () => {
    document.body.innerHTML = '<p>Salary <b>USD 3,400</b> per month</p>';
    const [block] = readBlocks(document.body);
    const start = block!.text.indexOf('3,400 per');
    const range = rangeOf(block!, start, start + '3,400 per'.length)!;
    expect(range.toString()).toBe('3,400 per');
    expect(range.startContainer.parentElement!.localName).toBe('b');
  });

  it('cuts very long blocks so no single piece of work is long', () => {
    document.body.innerHTML = `<pre>${'word '.repeat(5000)}</pre>`;
    const blocks = readBlocks(document.body);
    expect(blocks.length).toBeGreaterThan(1);
    expect(Math.max(...blocks.map((b) => b.text.length))).toBeLessThanOrEqual(MAX_BLOCK_LENGTH);
    expect(blocks.map((b) => b.text).join('')).toBe('word '.repeat(5000));
    // A finding in a later part is highlighted where it is in the one long text node.
    const second = blocks[1]!;
    const range = rangeOf(second, 0, 4)!;
    expect(range.startOffset).toBe(blocks[0]!.text.length);
    expect(range.toString()).toBe(second.text.slice(0, 4));
  });

  it('gives no range once the page text changed', () => {
    document.body.innerHTML = '<p>Work in Myawaddy</p>';
    const [block] = readBlocks(document.body);
    document.querySelector('p')!.textContent = 'gone';
    expect(rangeOf(block!, 8, 16)).toBeNull();
  });
});

describe('BlockReader read in slices', () => {
  it('says when the page removed the node it was to read next, so that the rest is read again', () => {
    document.body.innerHTML = '<div id="list"><p>one</p><p>two</p><p>three</p></div>';
    const list = document.getElementById('list')!;
    const read: string[] = [];
    const lost: Node[] = [];
    const reader = new BlockReader(list, (block) => read.push(block.text), { onLostPlace: (parent) => lost.push(parent) });
    reader.next(2); // the list and the first paragraph (read whole)
    list.children[1]!.remove();
    while (reader.next(10));
    expect(read).toEqual(['one']);
    expect(lost).toEqual([list]);
  });

  it('reads a long list of siblings a few at a time', () => {
    document.body.innerHTML = `<ul>${Array.from({ length: 5000 }, (_, i) => `<li>item ${i}</li>`).join('')}</ul>`;
    const read: string[] = [];
    const reader = new BlockReader(document.body, (block) => read.push(block.text));
    reader.next(10);
    expect(read.length).toBeLessThan(10);
    while (reader.next(100));
    expect(read).toHaveLength(5000);
    expect(read[4999]).toBe('item 4999');
  });
});
