// @vitest-environment happy-dom
/**
 * The page guard driven through its environment: the page is happy-dom's, the background is the
 * real judge called directly. What a person would notice: a lure is flagged, a new message is
 * judged, the bar shows in the top frame only and stays dismissed, a restarted background loses
 * nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameMemory, judgeFrame, rememberList, rememberTexts } from '../../../src/background/frame-judge';
import { PageGuard, type GuardEnvironment } from '../../../src/content/guard';
import { isOwnUi, ownUiRoot } from '../../../src/content/own-ui';
import { fakeShownObserver } from '../support/fake-shown-observer';
import { type ContentMessage, type PageBlocksResponse, parseContentMessage, type ReceivedContentMessage } from '../../../src/shared/messages';
import { MAX_BLOCK_LENGTH } from '../../../src/shared/block-limits';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { tabVerdict } from '../../../src/shared/tab-verdict';
import { coreRuleSet } from '../../helpers/core';
import { CHAT_LURE } from '../../fixtures/chat-pitch';

const ruleSet = coreRuleSet();

type BlocksMessage = Extract<ContentMessage, { type: 'page-blocks' }>;

/**
 * A background for one frame: the real judge, with a memory that can be lost like a restarted
 * worker's. Like the real one, it ignores a message its schema rejects (and counts it).
 */
function fakeBackground(settings: Settings = DEFAULT_SETTINGS) {
  let memory = new FrameMemory(1);
  /** The page-blocks messages judged, as the background has them (block lists unpacked). */
  const judged: Extract<ReceivedContentMessage, { type: 'page-blocks' }>[] = [];
  const sent: ContentMessage[] = [];
  const rejected: ContentMessage[] = [];
  /** Each batch of texts the frame sent, as the texts themselves. */
  const texts: string[][] = [];
  const judge = vi.fn(async (message: BlocksMessage): Promise<PageBlocksResponse | undefined> => {
    const received = parseContentMessage(structuredClone(message));
    if (received?.type !== 'page-blocks') {
      rejected.push(message);
      return undefined;
    }
    judged.push(received);
    const result = judgeFrame(ruleSet, memory, received.page, received);
    if ('resend' in result) return result;
    const verdict = tabVerdict({ '0': result.report }, settings.warningThreshold);
    return { judged: { verdict, risk: result.report.risk, spans: result.report.findings.map(({ block, start, end }) => ({ block, start, end })) } };
  });
  const send = (message: ContentMessage) => {
    const received = parseContentMessage(structuredClone(message));
    if (!received) {
      rejected.push(message);
      return;
    }
    sent.push(message);
    if (received.type === 'page-blocks' && received.more) rememberList(memory, received);
    if (message.type === 'page-texts') {
      texts.push(message.texts.map((entry) => entry.text));
      rememberTexts(ruleSet, memory, message.texts);
    }
  };
  return { judge, send, judged, sent, rejected, texts, restart: () => (memory = new FrameMemory(1)) };
}

function environment(background: ReturnType<typeof fakeBackground>, isTopFrame = true): GuardEnvironment {
  return {
    document,
    location: { href: 'https://chat.example/' },
    hostname: 'chat.example',
    isTopFrame,
    browserLanguage: 'en',
    documentStart: 1,
    // A person's clicks, which happy-dom cannot make (its events are never trusted).
    isPersonEvent: () => true,
    judge: background.judge,
    send: background.send,
  };
}

/** The bar as our own code sees it (its shadow root is closed to the page). */
const bar = () => {
  const host = [...document.documentElement.children].find(isOwnUi);
  return (host && ownUiRoot(host)?.querySelector('.bar')) ?? null;
};

function appendMessage(text: string): void {
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  bubble.textContent = text;
  document.getElementById('messages')!.append(bubble);
}

let guard: PageGuard | undefined;

beforeEach(() => {
  document.documentElement.innerHTML = '<head></head><body><h1>WebChat</h1><section id="messages" aria-live="polite"><div class="bubble">Hi! How was your weekend?</div><div class="bubble">Pretty good, we went hiking.</div><div class="bubble">See you Monday!</div></section></body>';
});

afterEach(() => guard?.stop());

describe('PageGuard', () => {
  it('judges the page, then a new message, sending each text once', async () => {
    const background = fakeBackground();
    guard = new PageGuard(environment(background), DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    expect(bar()).toBeNull();
    expect(background.texts).toEqual([['WebChat', 'Hi! How was your weekend?', 'Pretty good, we went hiking.', 'See you Monday!']]);
    expect(background.judged.at(-1)!.blocks).toHaveLength(4);

    appendMessage(CHAT_LURE);
    await vi.waitFor(() => expect(background.judged.length).toBeGreaterThan(1));
    await guard.settled();
    // Only the new message's text travels, and only the change to the list: one block added at the end.
    expect(background.texts.at(-1)).toEqual([CHAT_LURE]);
    expect(background.judged.at(-1)!.change).toEqual({ at: 4, remove: 0, insert: [expect.objectContaining({ key: expect.any(String), conversation: 0 })] });
    expect(bar()?.getAttribute('data-risk')).toMatch(/medium|high/);
  });

  it('warns on a page that made its own address longer than any message may carry', async () => {
    const background = fakeBackground();
    const env = environment(background);
    // A fragment of 200,000 characters (history.replaceState, or a link a scammer sends).
    env.location = { href: `https://chat.example/room#${'x'.repeat(200_000)}` };
    guard = new PageGuard(env, DEFAULT_SETTINGS, []);
    await guard.start();
    appendMessage(CHAT_LURE);
    await vi.waitFor(() => expect(bar()?.getAttribute('data-risk')).toMatch(/medium|high/));
    expect(background.rejected).toEqual([]);
    expect(background.judged.at(-1)!.page.url).toBe('https://chat.example/room');
  });

  it('judges a new message while the last answer is still on its way, and an older answer never replaces a newer one', async () => {
    const background = fakeBackground();
    // The background judges each message as it comes; its answers wait until the test lets each one go.
    const judge = background.judge.getMockImplementation()!;
    const held: (() => void)[] = [];
    background.judge.mockImplementation((message) => {
      const answer = judge(message);
      return new Promise((resolve) => held.push(() => void answer.then(resolve)));
    });
    guard = new PageGuard(environment(background), DEFAULT_SETTINGS, []);
    await guard.start();
    await vi.waitFor(() => expect(held).toHaveLength(1));

    // The page's answer has not come back: the lure is read and sent all the same.
    appendMessage(CHAT_LURE);
    await vi.waitFor(() => expect(held).toHaveLength(2));
    expect(background.texts.at(-1)).toEqual([CHAT_LURE]);
    held[1]!();
    await vi.waitFor(() => expect(bar()?.getAttribute('data-risk')).toMatch(/medium|high/));
    // The answer about the page before the lure comes last: the warning stays.
    held[0]!();
    await guard.settled();
    expect(bar()?.getAttribute('data-risk')).toMatch(/medium|high/);
  });

  it('sends a long page in several messages, each one the background accepts', async () => {
    // Long blocks (each near the longest a block may be) and a lure at the very end.
    const filler = 'Garden benches of teak and oak, hand-finished and delivered in two weeks. '.repeat(100).slice(0, MAX_BLOCK_LENGTH);
    for (let i = 0; i < 150; i++) document.body.insertAdjacentHTML('beforeend', `<p>${i} ${filler}</p>`);
    appendMessage(CHAT_LURE);
    const background = fakeBackground();
    guard = new PageGuard(environment(background), DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    expect(background.rejected).toEqual([]);
    expect(background.texts.length).toBeGreaterThan(1);
    expect(background.texts.flat()).toHaveLength(155);
    expect(bar()?.getAttribute('data-risk')).toMatch(/medium|high/);
  });

  it('sends the texts again when the background lost them (a restarted service worker)', async () => {
    const background = fakeBackground();
    guard = new PageGuard(environment(background), DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    background.restart();
    appendMessage(CHAT_LURE);
    await vi.waitFor(() => expect(bar()).not.toBeNull());
    // The background asked for everything again: every text, then the whole list.
    expect(background.texts.at(-1)).toEqual(['WebChat', 'Hi! How was your weekend?', 'Pretty good, we went hiking.', 'See you Monday!', CHAT_LURE]);
    expect(background.judged.at(-1)!.blocks).toHaveLength(5);
  });

  it('shows the bar in the top frame only, and keeps it dismissed', async () => {
    appendMessage(CHAT_LURE);
    const inFrame = new PageGuard(environment(fakeBackground(), false), DEFAULT_SETTINGS, []);
    await inFrame.start();
    await inFrame.settled();
    expect(bar()).toBeNull();
    inFrame.stop();

    const background = fakeBackground();
    guard = new PageGuard(environment(background), DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    (bar()!.querySelector('button.dismiss') as HTMLButtonElement).click();
    expect(bar()).toBeNull();
    appendMessage('老师带单，稳赚不赔，日收益5%，加V信进群。');
    await vi.waitFor(() => expect(background.judged.length).toBeGreaterThan(1));
    await guard.settled();
    expect(bar()).toBeNull();
  });

  it('does not read a paused or trusted page, and says why', async () => {
    appendMessage(CHAT_LURE);
    const background = fakeBackground();
    guard = new PageGuard(environment(background), { ...DEFAULT_SETTINGS, paused: true }, []);
    await guard.start();
    expect(background.judge).not.toHaveBeenCalled();
    expect(background.sent).toEqual([expect.objectContaining({ type: 'page-skipped', reason: 'paused' })]);
    await guard.updateSettings(DEFAULT_SETTINGS, ['chat.example']);
    expect(background.sent.at(-1)).toEqual(expect.objectContaining({ type: 'page-skipped', reason: 'trusted' }));
    expect(bar()).toBeNull();
    // Resumed and no longer trusted: read and judged.
    await guard.updateSettings(DEFAULT_SETTINGS, []);
    await guard.settled();
    expect(bar()).not.toBeNull();
  });

  it('no longer flags a lure whose text the page removed from inside its block', async () => {
    document.body.innerHTML = `<ul><li><a href="#job">${CHAT_LURE}</a></li><li><a href="#chairs">Teak garden chairs</a></li></ul>`;
    const background = fakeBackground();
    guard = new PageGuard(environment(background), DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    expect(bar()).not.toBeNull();
    const judgedBefore = background.judged.length;
    document.querySelector('a[href="#job"]')!.firstChild!.remove();
    await vi.waitFor(() => expect(background.judged.length).toBeGreaterThan(judgedBefore));
    await guard.settled();
    expect(bar()).toBeNull();
  });

  it('flags a lure the page shows only after it was read, and not once it is hidden again', async () => {
    document.body.insertAdjacentHTML('beforeend', `<div id="offer" style="display: none"><p>${CHAT_LURE}</p></div>`);
    const background = fakeBackground();
    guard = new PageGuard(environment(background), DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    expect(bar()).toBeNull();
    const offer = document.getElementById('offer')!;
    offer.style.display = 'block';
    await vi.waitFor(() => expect(bar()).not.toBeNull());
    // Hidden again (the hidden attribute would not do: the inline display: block wins over it, as in a browser).
    offer.style.display = 'none';
    await vi.waitFor(() => expect(bar()).toBeNull());
  });

  it('flags a lure the page adds to a section it hid after it was read, once it shows the section again', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="news"><p>Our showroom opens on Saturdays.</p></div>');
    const background = fakeBackground();
    const shown = fakeShownObserver();
    guard = new PageGuard({ ...environment(background), ShownObserver: shown.ShownObserver }, DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    const news = document.getElementById('news')!;
    news.style.display = 'none';
    await guard.settled();
    news.append(Object.assign(document.createElement('p'), { textContent: CHAT_LURE }));
    await vi.waitFor(() => expect(shown.followed()).toHaveLength(1));
    shown.render();
    expect(bar()).toBeNull();
    // Shown again by the page's stylesheet (the inline style is not what changes).
    document.head.append(Object.assign(document.createElement('style'), { textContent: '#news { display: block !important; }' }));
    shown.render();
    await vi.waitFor(() => expect(bar()).not.toBeNull());
  });

  it('does not judge the page again and again for a change inside an element that shows no text of its own but lays out what it holds', async () => {
    // An object whose resource fails to load shows what it holds instead.
    document.body.insertAdjacentHTML('beforeend', '<object data="missing.swf"><div id="label">Sales</div></object>');
    const background = fakeBackground();
    const shown = fakeShownObserver();
    guard = new PageGuard({ ...environment(background), ShownObserver: shown.ShownObserver }, DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    document.getElementById('label')!.textContent = 'Sales: 12';
    await new Promise((resolve) => setTimeout(resolve, 50));
    await guard.settled();
    const judged = background.judged.length;
    for (let frame = 0; frame < 5; frame++) {
      shown.render();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await guard.settled();
    expect(background.judged.length).toBe(judged);
  });

  it('flags a lure in a shadow root the page closed, also one a widget attaches later', async () => {
    const closed = new Map<Element, ShadowRoot>();
    const closeShadow = (host: Element, html: string) => {
      const root = host.attachShadow({ mode: 'closed' });
      root.innerHTML = html;
      closed.set(host, root);
    };
    const widget = document.createElement('support-chat');
    document.body.append(widget);
    const background = fakeBackground();
    guard = new PageGuard({ ...environment(background), closedShadowRootOf: (element) => closed.get(element) ?? null }, DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    expect(bar()).toBeNull();
    closeShadow(widget, `<div role="log"><div class="bubble">${CHAT_LURE}</div></div>`);
    await vi.waitFor(() => expect(bar()).not.toBeNull(), { timeout: 3000 });
  });

  it('does not read what the page adds or shows inside a container it hides', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="drawer" hidden><p>Opening hours</p></div>');
    const background = fakeBackground();
    guard = new PageGuard(environment(background), DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    const drawer = document.getElementById('drawer')!;
    const judgedBefore = background.judged.length;
    drawer.insertAdjacentHTML('beforeend', `<p id="inside" style="display: none">${CHAT_LURE}</p>`);
    document.getElementById('inside')!.style.display = 'block';
    await vi.waitFor(() => expect(background.judged.length).toBeGreaterThan(judgedBefore));
    await guard.settled();
    expect(background.texts.flat()).not.toContain(CHAT_LURE);
    expect(bar()).toBeNull();
  });

  it('follows a shadow root attached after the page was read', async () => {
    document.body.append(document.createElement('support-chat'));
    const background = fakeBackground();
    guard = new PageGuard(environment(background), DEFAULT_SETTINGS, []);
    await guard.start();
    await guard.settled();
    const root = document.querySelector('support-chat')!.attachShadow({ mode: 'open' });
    root.innerHTML = `<div role="log"><div class="bubble">${CHAT_LURE}</div></div>`;
    await vi.waitFor(() => expect(bar()).not.toBeNull(), { timeout: 3000 });
  });
});
