// @vitest-environment happy-dom
/** The content script keeps the page's blocks in reading order as parts of the page are replaced. */
import { beforeEach, describe, expect, it } from 'vitest';
import { readBlocks } from '../../../src/content/extract';
import { PageBlocks } from '../../../src/content/page-blocks';
const texts = (blocks: readonly { text: string }[]) => blocks.map((block) => block.text.trim());

describe('PageBlocks.replaceWithin', () => {
  beforeEach(() => {
    document.body.innerHTML = '<section id="a"><p>one</p><p>two</p></section><ul id="list"><li>three</li></ul><p id="last">four</p>';
  });

  it('puts what changed in many places back where it is, in reading order', () => {
    const model = new PageBlocks();
    model.blocks = readBlocks(document.body).map((block) => model.name(block));
    // A page changes in several places at once: new items at the start and end of a list, a
    // paragraph rewritten, a section removed.
    const list = document.getElementById('list')!;
    const first = document.createElement('li');
    first.textContent = 'new first item';
    list.prepend(first);
    const items = Array.from({ length: 50 }, (_, i) => {
      const item = document.createElement('li');
      item.textContent = `item ${i}`;
      list.append(item);
      return item;
    });
    document.getElementById('last')!.textContent = 'four, rewritten';
    document.getElementById('a')!.remove();
    const roots = [first, ...items, document.getElementById('last')!, document.getElementById('a') ?? document.createElement('section')];
    model.replaceWithin(roots.map((root) => ({ root, fresh: root.isConnected ? readBlocks(root).map((block) => model.name(block)) : [] })));
    expect(texts(model.blocks)).toEqual(texts(readBlocks(document.body)));
  });
});
