// @vitest-environment happy-dom
/** The content script keeps the page's blocks in reading order as parts of the page are replaced. */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readBlocks } from '../../../src/content/extract';
import { CHANGE_DELAY_MS, ChangeWatcher, type PageChanges } from '../../../src/content/change-watcher';
import { changeBetween, listParts, PageBlocks } from '../../../src/content/page-blocks';
import { FrameMemory, rememberList } from '../../../src/background/frame-judge';
import { type PackedList, packList } from '../../../src/shared/block-entries';
import { textIdOf } from '../../../src/shared/block-keys';
import { parseContentMessage } from '../../../src/shared/messages';
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
    model.replaceWithin(roots.map((root) => ({ root, fresh: root.isConnected ? readBlocks(root).map((block) => model.name(block)) : [] })), true);
    expect(texts(model.blocks)).toEqual(texts(readBlocks(document.body)));
  });
});

describe('PageBlocks.replaceWithin, on any change the watcher hands over', () => {
  /** One change a page makes: its kind, and numbers that pick the elements it touches. */
  const change = fc.record({
    kind: fc.constantFrom('append', 'prepend', 'before', 'edit', 'remove', 'move', 'wrap-text'),
    target: fc.nat(),
    other: fc.nat(),
    // Blocks and runs of text (wrap-text); not inline elements: a block added before an inline
    // element of its parent's text is placed by that parent's start until the parent is read
    // again (the watcher does not read a whole app's inline element to learn whether it has text).
    tag: fc.constantFrom('p', 'div', 'li'),
    text: fc.constantFrom('alpha', 'beta gamma', 'delta', '  ', 'epsilon zeta'),
  });
  let made = 0;
  /** The page's elements a change may touch: in the document and in the open shadow trees in it. */
  const elementsOf = (root: Document | ShadowRoot): Element[] =>
    [...root.querySelectorAll('*')].flatMap((element) => [element, ...(element.shadowRoot ? elementsOf(element.shadowRoot) : [])]).filter((element) => element !== document.documentElement && element.localName !== 'head' && element.localName !== 'title');
  // Not a shadow host: what is added to its own tree without a slot is not shown.
  const containers = () => elementsOf(document).filter((element) => element.localName !== 'b' && element.localName !== 'span' && !element.shadowRoot);

  function apply({ kind, target, other, tag, text }: { kind: string; target: number; other: number; tag: string; text: string }): void {
    const all = containers();
    const at = all[target % all.length]!;
    const fresh = document.createElement(tag);
    fresh.textContent = `${text} ${made++}`;
    switch (kind) {
      case 'append':
        at.append(fresh);
        break;
      case 'prepend':
        at.prepend(fresh);
        break;
      case 'before':
        if (at !== document.body && at.parentNode) at.before(fresh);
        break;
      case 'edit':
        at.firstChild?.nodeType === Node.TEXT_NODE ? ((at.firstChild as Text).data = `${text} ${made++}`) : at.prepend(text);
        break;
      case 'remove':
        if (at !== document.body) at.remove();
        break;
      case 'move': {
        const to = all[other % all.length]!;
        try {
          if (at !== document.body) to.append(at);
        } catch {
          // Into itself or its own shadow tree: the DOM refuses, and so nothing changed.
        }
        break;
      }
      case 'wrap-text':
        at.append(document.createTextNode(` ${text} ${made++}`));
        break;
    }
  }

  it('keeps the blocks in reading order, as a fresh read of the page has them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.boolean(), async (steps, withShadow) => {
        // Blocks and runs of text around blocks; no inline elements (see tag above).
        document.body.innerHTML = '<h1>Title</h1><div id="chat"><div class="m"><p>Amy</p><p>hi</p></div><div class="m"><p>hello</p></div></div><ul><li>one</li><li>two</li></ul><div>lead <p>inner</p> tail</div><p>Footer</p>';
        if (withShadow) {
          const host = document.createElement('chat-widget');
          document.getElementById('chat')!.before(host);
          // (No slot: happy-dom has no assignedSlot, by which a slotted node is placed at its slot.)
          host.attachShadow({ mode: 'open' }).innerHTML = '<div class="m"><p>in the widget</p></div><p>widget footer</p>';
        }
        const model = new PageBlocks();
        model.blocks = readBlocks(document.body).map((block) => model.name(block));
        for (const batch of steps) {
          // The watcher hands over a burst of changes at once, as it would on the page.
          const handedOver = new Promise<void>((resolve) => {
            const watcher = new ChangeWatcher((changes) => {
              watcher.stop();
              if (changes.removals) model.dropDisconnected();
              model.replaceWithin(changes.roots.map((root) => ({ root, fresh: root.isConnected ? readBlocks(root).map((block) => model.name(block)) : [] })), changes.removals);
              resolve();
            });
            watcher.observe(document.body);
            for (const shadow of elementsOf(document).map((element) => element.shadowRoot).filter((root) => root !== null)) watcher.observe(shadow);
            setTimeout(() => {
              watcher.stop();
              resolve();
            }, CHANGE_DELAY_MS * 3);
          });
          for (const step of batch) apply(step);
          await handedOver;
          expect(texts(model.blocks)).toEqual(texts(readBlocks(document.body)));
          expect(model.characters).toBe(model.blocks.reduce((sum, block) => sum + block.text.length, 0));
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('PageBlocks.replaceWithin, when the page moves blocks while a change is read', () => {
  it('puts the change in its place although the move is not handed over yet', async () => {
    document.body.innerHTML = '<p>A</p><p>B</p><p id="d">D</p><p id="e">E</p>';
    const model = new PageBlocks();
    model.blocks = readBlocks(document.body).map((block) => model.name(block));
    const handedOver: PageChanges[] = [];
    const watcher = new ChangeWatcher((changes) => handedOver.push(changes));
    watcher.observe(document.body);
    document.getElementById('d')!.textContent = 'D two';
    await vi.waitFor(() => expect(handedOver).toHaveLength(1));
    // While the changed block is read (the page runs between slices), the page moves another.
    document.body.prepend(document.getElementById('e')!);
    const [changes] = handedOver;
    model.replaceWithin(changes!.roots.map((root) => ({ root, fresh: readBlocks(root).map((block) => model.name(block)) })), changes!.removals || watcher.nodesLeftSinceHandover());
    watcher.stop();
    expect(texts(model.blocks).filter((text) => text.startsWith('D'))).toEqual(['D two']);
  });
});

/** The entries as the background receives them (packed in the page, unpacked there). */
async function receivedEntries(model: PageBlocks) {
  return received({ blocks: await model.entries() }).blocks!;
}

function received(list: PackedList) {
  const message = parseContentMessage({ type: 'page-blocks', page: { url: 'https://page.example/', host: 'page.example', documentStart: 1 }, ...packList(list) });
  if (message?.type !== 'page-blocks') throw new Error('the background refused the list');
  return message;
}

describe('PageBlocks.name', () => {
  const BENIGN = 'Our garden benches ship in two weeks, in oak or teak.';
  const LURE = 'Chat agents wanted in Sihanoukville, $3,500 a month!!';

  it('gives each text an id of its own, and a repeat of a text its id with a key of its own', () => {
    document.body.innerHTML = `<p>${BENIGN}</p><p>${LURE}</p><p>${BENIGN}</p>`;
    const model = new PageBlocks();
    model.blocks = readBlocks(document.body).map((block) => model.name(block));
    const [benign, lure, again] = model.blocks;
    expect(textIdOf(lure!.key)).not.toBe(textIdOf(benign!.key));
    expect(textIdOf(again!.key)).toBe(textIdOf(benign!.key));
    expect(again!.key).not.toBe(benign!.key);
    // The background is sent each text once, under its own id.
    expect(model.blocks.map((block) => model.textToSend(block))).toEqual([BENIGN, LURE, undefined]);
  });

  it('forgets texts that left the page, never gives their ids to other texts, and sends a text that comes back', () => {
    const model = new PageBlocks();
    document.body.innerHTML = `<p>${BENIGN}</p>`;
    model.blocks = readBlocks(document.body).map((block) => model.name(block));
    expect(model.textToSend(model.blocks[0]!)).toBe(BENIGN);
    const ids = new Set([textIdOf(model.blocks[0]!.key)]);
    // A page that changes its text forever: thousands of texts come and go.
    for (let i = 0; i < 3000; i++) {
      document.body.innerHTML = `<p>tick ${i}</p>`;
      model.blocks = readBlocks(document.body).map((block) => model.name(block));
      ids.add(textIdOf(model.blocks[0]!.key));
    }
    expect(ids.size).toBe(3001);
    for (const text of [LURE, BENIGN]) {
      document.body.innerHTML = `<p>${text}</p>`;
      model.blocks = readBlocks(document.body).map((block) => model.name(block));
      expect(ids.has(textIdOf(model.blocks[0]!.key))).toBe(false);
      expect(model.textToSend(model.blocks[0]!)).toBe(text);
    }
  });
});

describe('PageBlocks.entries as the page changes', () => {
  /** Reads the page afresh: what the roles must be. */
  const fresh = async () => {
    const model = new PageBlocks();
    model.blocks = readBlocks(document.body).map((block) => model.name(block));
    return (await receivedEntries(model)).map(({ conversation, sender }, index) => [model.blocks[index]!.text, conversation, sender]);
  };

  it('keeps chat roles right while messages come and go, without reading the page afresh', async () => {
    document.body.innerHTML = '<h1>Team</h1><div id="chat"><div class="m"><b>Amy</b><p>hi</p></div><div class="m"><b>Ben</b><p>hello</p></div></div><p>Footer</p>';
    const model = new PageBlocks();
    model.blocks = readBlocks(document.body).map((block) => model.name(block));
    expect((await receivedEntries(model)).map((entry) => entry.conversation)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    const watcher = new ChangeWatcher((changes) => {
      if (changes.removals) model.dropDisconnected();
      model.childrenChanged(changes.parents);
      model.replaceWithin(changes.roots.map((root) => ({ root, fresh: root.isConnected ? readBlocks(root).map((block) => model.name(block)) : [] })), changes.removals);
    });
    watcher.observe(document.body);
    const chat = document.getElementById('chat')!;
    const message = (who: string, text: string) => {
      const m = document.createElement('div');
      m.className = 'm';
      m.innerHTML = `<b>${who}</b><p>${text}</p>`;
      return m;
    };
    const settled = () => new Promise((resolve) => setTimeout(resolve, CHANGE_DELAY_MS * 3));
    const steps: (() => void)[] = [
      // Two messages are not yet a chat; the third makes one, and the names repeat.
      () => chat.append(message('Amy', 'how are you')),
      () => chat.append(message('Ben', 'fine, you?'), message('Amy', 'good')),
      // A message edited, one moved to the top, one removed.
      () => (chat.lastElementChild!.querySelector('p')!.textContent = 'good, thanks'),
      () => chat.prepend(chat.lastElementChild!),
      () => chat.children[1]!.remove(),
      // A message's text moved out of the chat.
      () => document.body.append(chat.querySelector('p')!),
      // Down to two messages: no longer a chat.
      () => {
        while (chat.children.length > 2) chat.lastElementChild!.remove();
      },
      // The chat moved into another part of the page.
      () => document.body.append(chat),
    ];
    for (const step of steps) {
      step();
      await settled();
      expect((await receivedEntries(model)).map(({ conversation, sender }, index) => [model.blocks[index]!.text, conversation, sender])).toEqual(await fresh());
    }
    watcher.stop();
  });
});

describe('listParts', () => {
  const entries = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `k${from + i}`);
  const unpacked = (keys: string[]) => keys.map((key) => ({ key }));

  it('cuts a long list, or a long change, into parts the background puts back together', () => {
    const memory = new FrameMemory(1);
    const first = entries(0, 12_345);
    const parts = listParts({ blocks: first }, 5000);
    expect(parts).toHaveLength(3);
    for (const part of parts) rememberList(memory, received(part));
    expect(memory.entries).toEqual(unpacked(first));

    // Blocks replaced in the middle and many added: the change, in parts, gives the new list.
    const next = [...first.slice(0, 100), ...entries(20_000, 31_000), ...first.slice(200)];
    const change = listParts({ change: changeBetween(first, next) }, 5000);
    expect(change.length).toBeGreaterThan(1);
    for (const part of change) rememberList(memory, received(part));
    expect(memory.entries).toEqual(unpacked(next));
  });

  it('leaves a short list whole', () => {
    const list = { blocks: entries(0, 10) };
    expect(listParts(list, 5000)).toEqual([list]);
  });
});
