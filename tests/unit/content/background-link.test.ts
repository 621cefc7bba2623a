/**
 * The content script's line to the background, over a fake runtime whose ports behave like the
 * browser's: what a frame notices is that every request gets its own answer, that a background
 * stopped mid-request never leaves it waiting, and that only the extension's removal ends it.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { ANSWER_TIMEOUT_MS, BackgroundLink, type PortRuntime } from '../../../src/content/background-link';
import type { ContentMessage, FrameAnswer, FrameRequest } from '../../../src/shared/messages';

type Listener<T extends unknown[]> = (...args: T) => void;

/** A port as the browser gives one: posting on it after it closed throws. */
class FakePort {
  readonly posted: FrameRequest[] = [];
  closed = false;
  private readonly messageListeners: Listener<[unknown]>[] = [];
  private readonly disconnectListeners: Listener<[]>[] = [];
  readonly onMessage = { addListener: (listener: Listener<[unknown]>) => this.messageListeners.push(listener) };
  readonly onDisconnect = { addListener: (listener: Listener<[]>) => this.disconnectListeners.push(listener) };

  constructor(readonly name: string) {}

  postMessage(request: FrameRequest): void {
    if (this.closed) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(structuredClone(request));
  }

  /** The frame closes the port itself. */
  disconnect(): void {
    this.closed = true;
  }

  /** The background answers a request. */
  answer(answer: FrameAnswer): void {
    for (const listener of this.messageListeners) listener(answer);
  }

  /** The background was stopped: the port closes, and the frame is told. */
  close({ tell = true } = {}): void {
    this.closed = true;
    if (tell) for (const listener of this.disconnectListeners) listener();
  }
}

function fakeRuntime() {
  const ports: FakePort[] = [];
  const runtime = {
    id: 'lureguard' as string | undefined,
    connect: vi.fn(({ name }: { name: string }) => {
      if (!runtime.id) throw new Error('Extension context invalidated.');
      const port = new FakePort(name);
      ports.push(port);
      return port as unknown as Browser.runtime.Port;
    }),
  } satisfies PortRuntime;
  return { runtime, ports };
}

const page = { url: 'https://x.example/', host: 'x.example', documentStart: 1000 };
const blocks = (list: string): Extract<ContentMessage, { type: 'page-blocks' }> => ({ type: 'page-blocks', page, blocks: list });

describe('BackgroundLink', () => {
  it('posts every message on the frame\'s one port, and hands each answer to its own request', async () => {
    const { runtime, ports } = fakeRuntime();
    const link = new BackgroundLink(1000, () => undefined, runtime);
    link.connect();
    link.send({ type: 'page-texts', page, texts: [{ key: 'a', text: 'Jobs in Myawaddy' }] });
    const first = link.judge(blocks('a'));
    const second = link.judge(blocks('a b'));
    expect(ports).toHaveLength(1);
    expect(ports[0]!.name).toContain('1000');
    const [texts, firstAsked, secondAsked] = ports[0]!.posted;
    expect(texts).toEqual({ id: expect.any(Number), message: { type: 'page-texts', page, texts: [{ key: 'a', text: 'Jobs in Myawaddy' }] } });
    // Answered in the other order: each still gets its own.
    ports[0]!.answer({ id: secondAsked!.id!, answer: { listed: true } });
    ports[0]!.answer({ id: firstAsked!.id!, answer: { resend: true } });
    await expect(first).resolves.toEqual({ resend: true });
    await expect(second).resolves.toEqual({ listed: true });
  });

  it('asks again on a new port, which starts the background again, when the background stops before answering', async () => {
    const { runtime, ports } = fakeRuntime();
    const invalidated = vi.fn();
    const link = new BackgroundLink(1000, invalidated, runtime);
    const asked = link.judge(blocks('a'));
    ports[0]!.close();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual(ports[0]!.posted);
    ports[1]!.answer({ id: ports[1]!.posted[0]!.id!, answer: { resend: true } });
    await expect(asked).resolves.toEqual({ resend: true });
    expect(invalidated).not.toHaveBeenCalled();
  });

  it('posts again, in their order, messages no one waits for that the stopped background never acknowledged', () => {
    const { runtime, ports } = fakeRuntime();
    const link = new BackgroundLink(1000, () => undefined, runtime);
    link.send({ type: 'page-texts', page, texts: [{ key: 'a', text: 'Jobs in Myawaddy' }] });
    link.send({ type: 'open-explanation' });
    link.send({ type: 'bar-hidden' });
    // The background handled the texts, then was stopped (idle) before the click on "Why?".
    ports[0]!.answer({ id: ports[0]!.posted[0]!.id!, answer: { ok: true } });
    ports[0]!.close();
    expect(ports[1]!.posted.map((request) => request.message.type)).toEqual(['open-explanation', 'bar-hidden']);
    ports[1]!.answer({ id: ports[1]!.posted[0]!.id!, answer: { ok: true } });
    ports[1]!.answer({ id: ports[1]!.posted[1]!.id!, answer: { ok: true } });
    ports[1]!.close();
    // Acknowledged: nothing is posted a third time.
    expect(ports).toHaveLength(2);
  });

  it('answers nothing, instead of waiting forever, when the background stops a second time before answering', async () => {
    const { runtime, ports } = fakeRuntime();
    const link = new BackgroundLink(1000, () => undefined, runtime);
    const asked = link.judge(blocks('a'));
    ports[0]!.close();
    ports[1]!.close();
    await expect(asked).resolves.toBeUndefined();
    // The next request opens a port of its own.
    const again = link.judge(blocks('a'));
    expect(ports).toHaveLength(3);
    ports[2]!.answer({ id: ports[2]!.posted[0]!.id!, answer: { listed: true } });
    await expect(again).resolves.toEqual({ listed: true });
  });

  it('replaces a port that closed before the frame was told, and does not post again what went out on the new one when the old tells late', async () => {
    const { runtime, ports } = fakeRuntime();
    const link = new BackgroundLink(1000, () => undefined, runtime);
    link.connect();
    ports[0]!.close({ tell: false });
    const asked = link.judge(blocks('a'));
    expect(ports).toHaveLength(2);
    // The old port's closing is told only now: the request on the new, open port stands.
    ports[0]!.close();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toHaveLength(1);
    // It still has its one posting again should the new port close unanswered.
    ports[1]!.close();
    expect(ports[2]!.posted).toEqual(ports[1]!.posted);
    ports[2]!.answer({ id: ports[2]!.posted[0]!.id!, answer: { listed: true } });
    await expect(asked).resolves.toEqual({ listed: true });
  });

  it('gives up a port that left a request unanswered too long, and asks again on a new one', async () => {
    vi.useFakeTimers();
    try {
      const { runtime, ports } = fakeRuntime();
      const link = new BackgroundLink(1000, () => undefined, runtime);
      const asked = link.judge(blocks('a'));
      // The port died without telling the frame: no answer, no closing.
      vi.advanceTimersByTime(ANSWER_TIMEOUT_MS);
      expect(ports[0]!.closed).toBe(true);
      expect(ports[1]!.posted).toEqual(ports[0]!.posted);
      ports[1]!.answer({ id: ports[1]!.posted[0]!.id!, answer: { listed: true } });
      await expect(asked).resolves.toEqual({ listed: true });
      // Answered: nothing is given up later.
      vi.advanceTimersByTime(2 * ANSWER_TIMEOUT_MS);
      expect(ports).toHaveLength(2);
      expect(ports[1]!.closed).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends protection only when the extension was reloaded or removed, and then asks nothing more', async () => {
    const { runtime, ports } = fakeRuntime();
    const invalidated = vi.fn();
    const link = new BackgroundLink(1000, invalidated, runtime);
    link.connect();
    runtime.id = undefined;
    ports[0]!.close();
    expect(invalidated).toHaveBeenCalledOnce();
    await expect(link.judge(blocks('a'))).resolves.toBeUndefined();
    expect(runtime.connect).toHaveBeenCalledOnce();
    expect(invalidated).toHaveBeenCalledOnce();
  });

  it('ignores an answer to nothing it asked', async () => {
    const { runtime, ports } = fakeRuntime();
    const link = new BackgroundLink(1000, () => undefined, runtime);
    const asked = link.judge(blocks('a'));
    ports[0]!.answer({ id: 999, answer: { listed: true } });
    ports[0]!.answer(null as unknown as FrameAnswer);
    ports[0]!.answer({ id: ports[0]!.posted[0]!.id!, answer: { resend: true } });
    await expect(asked).resolves.toEqual({ resend: true });
  });
});
