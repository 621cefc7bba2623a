// @vitest-environment happy-dom
/**
 * The change watcher hands over what a page changed: a chat message at once, before the page's
 * next task (the browser lays a long page out again before that, which a message must not wait
 * for); a burst of changes as one update; and a page that never stops changing at most once per
 * interval, without ever holding its changes back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANGE_DELAY_MS, ChangeWatcher, type PageChanges } from '../../../src/content/change-watcher';
import { fakeShownObserver } from '../support/fake-shown-observer';

const handedOver: PageChanges[] = [];
let watcher: ChangeWatcher;

beforeEach(() => {
  document.body.innerHTML = '<div id="chat"><p>Hi!</p></div>';
  handedOver.length = 0;
  watcher = new ChangeWatcher((changes) => handedOver.push(changes));
  watcher.observe(document.body);
});

afterEach(() => watcher.stop());

const paragraph = (text: string) => Object.assign(document.createElement('p'), { textContent: text });
/** Runs `change` in a task of its own, as a page's script would; resolves with what was handed over by the page's next task. */
const inTask = (change: () => void) =>
  new Promise<PageChanges[]>((resolve) =>
    setTimeout(() => {
      change();
      setTimeout(() => resolve([...handedOver]), 0);
    }, 0),
  );
const chat = () => document.getElementById('chat')!;

describe('ChangeWatcher', () => {
  it('hands over a new message before the page runs its next task, and what one task did as one update', async () => {
    const seen = await inTask(() => {
      chat().append(paragraph('Chat agents wanted, $3,500 a month.'));
      chat().append(paragraph('Interview on Telegram only.'));
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.roots.map((root) => root.textContent)).toEqual(['Chat agents wanted, $3,500 a month.', 'Interview on Telegram only.']);
    expect(seen[0]!.parents).toEqual([chat()]);
  });

  it('coalesces a page that changes without pause, and still hands over every change', async () => {
    const started = performance.now();
    let count = 0;
    const ticker = setInterval(() => (chat().firstElementChild!.textContent = `Tick ${++count}`), 2);
    await new Promise((resolve) => setTimeout(resolve, CHANGE_DELAY_MS * 10));
    clearInterval(ticker);
    const elapsed = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, CHANGE_DELAY_MS * 2));
    expect(handedOver.length).toBeGreaterThan(1);
    // One at once, then about one per interval (timers keep whole milliseconds: up to one early),
    // and the one still due when the ticker stopped: not one per tick.
    expect(handedOver.length).toBeLessThanOrEqual(Math.floor(elapsed / (CHANGE_DELAY_MS - 1)) + 2);
    // The last tick was handed over too: the page's latest text is what gets read.
    expect(handedOver.at(-1)!.roots.map((root) => root.textContent)).toEqual([`Tick ${count}`]);
  });

  it('reads a block again when a block is added into its own text, and only the new block when it is added beside a script', async () => {
    await inTask(() => (document.body.innerHTML = '<div id="bubble">Sihanoukville, $3,500 a month</div><div id="feed"><p>Item 1</p><script>loadMore()</script></div>'));
    // After a quiet spell, each next change is handed over at once.
    const quiet = async () => {
      await new Promise((resolve) => setTimeout(resolve, CHANGE_DELAY_MS * 2));
      handedOver.length = 0;
    };
    await quiet();
    const bubble = document.getElementById('bubble')!;
    const quoted = paragraph('Quoted reply');
    const [cut] = await inTask(() => bubble.prepend(quoted));
    // The new block stands before the bubble's text: the bubble's text is read again, with it.
    expect(cut!.roots).toEqual([bubble]);
    await quiet();
    const feed = document.getElementById('feed')!;
    const item = paragraph('Item 2');
    const [appended] = await inTask(() => feed.lastElementChild!.before(item));
    expect(appended!.roots).toEqual([item]);
    await quiet();
    // A script, a comment or whitespace added beside an item changes no text: the page is not read again.
    const next = paragraph('Item 3');
    const [withScript] = await inTask(() => {
      feed.append('\n', next, document.createComment('ad slot'));
      document.body.append(Object.assign(document.createElement('script'), { textContent: 'track()' }));
    });
    expect(withScript!.roots).toEqual([next]);
  });

  it('hands over text the page shows or hides by its markup, and not a style that changes nothing of that', async () => {
    const quiet = async () => {
      await new Promise((resolve) => setTimeout(resolve, CHANGE_DELAY_MS * 2));
      handedOver.length = 0;
    };
    await inTask(() => chat().insertAdjacentHTML('beforeend', '<p id="later" hidden>Chat agents wanted, $3,500 a month.</p><p>Tap to <span id="more" style="display:none">apply on Telegram</span></p>'));
    await quiet();
    const later = document.getElementById('later')!;
    const [shown] = await inTask(() => later.removeAttribute('hidden'));
    expect(shown!.roots).toEqual([later]);
    await quiet();
    // Inline text shown: the block it belongs to is read again.
    const more = document.getElementById('more')!;
    const [inline] = await inTask(() => (more.style.display = 'inline'));
    expect(inline!.roots).toEqual([more.parentElement]);
    await quiet();
    expect(await inTask(() => (later.style.color = 'red'))).toEqual([]);
    const [hidden] = await inTask(() => later.setAttribute('hidden', ''));
    expect(hidden!.roots).toEqual([later]);
  });

  it('hands over nothing once stopped', async () => {
    watcher.stop();
    expect(await inTask(() => chat().append(paragraph('Late message')))).toEqual([]);
  });

  it('hands over an element that was not shown when it was read once the browser shows it, whatever showed it', async () => {
    const shown = useFakeShownObserver();
    document.head.innerHTML = '<style>.collapsed .details { display: none; }</style>';
    document.body.innerHTML = '<section class="collapsed"><x-offer class="details">Chat agents wanted.</x-offer></section>';
    const details = document.querySelector('.details')!;
    await inTask(() => undefined);
    handedOver.length = 0;
    watcher.watchUntilShown(details);
    // Rendered, still hidden (a class that shows nothing): nothing to read.
    shown.render();
    await inTask(() => undefined);
    expect(handedOver).toEqual([]);
    // A stylesheet the page adds shows it: no class, attribute or text of the page changed.
    document.head.append(Object.assign(document.createElement('style'), { textContent: '.collapsed .details { display: inline; }' }));
    shown.render();
    await vi.waitFor(() => expect(handedOver.map((changes) => changes.roots)).toEqual([[details]]));
    // Read once: it is no longer followed.
    expect(shown.followed()).not.toContain(details);
  });

  it('follows an element no longer once the page removed it, or showed it by its markup', async () => {
    const shown = useFakeShownObserver();
    document.body.innerHTML = '<div id="menu" hidden><p>Menu</p></div><div id="offer" hidden><p>Chat agents wanted.</p></div>';
    const [menu, offer] = [document.getElementById('menu')!, document.getElementById('offer')!];
    await inTask(() => undefined);
    watcher.watchUntilShown(menu);
    watcher.watchUntilShown(offer);
    handedOver.length = 0;
    await inTask(() => {
      menu.remove();
      offer.hidden = false;
    });
    await vi.waitFor(() => expect(handedOver).toHaveLength(1));
    expect(shown.followed()).toEqual([]);
    // The markup change was handed over once; the browser reporting it shown hands nothing more over.
    shown.render();
    await inTask(() => undefined);
    expect(handedOver).toHaveLength(1);
  });

  it('stops following the elements it followed once stopped', () => {
    const shown = useFakeShownObserver();
    watcher.watchUntilShown(chat());
    watcher.stop();
    expect(shown.followed()).toEqual([]);
  });
});

/** The watcher made again with a fake IntersectionObserver the test renders with. */
function useFakeShownObserver() {
  const shown = fakeShownObserver();
  watcher.stop();
  watcher = new ChangeWatcher((changes) => handedOver.push(changes), undefined, shown.ShownObserver);
  watcher.observe(document.body);
  return shown;
}
