/**
 * The content script's line to the background: the frame's port, which carries all its messages,
 * each numbered and answered. The port tells the background when the frame goes; its
 * closing tells the content script when the extension was reloaded or removed (the runtime has no
 * id then), which is the only thing that ends protection: no page event can.
 */
import { browser, type Browser } from 'wxt/browser';
import { framePortName } from '../shared/frame-port';
import type { ContentMessage, FrameAnswer, FrameRequest, PageBlocksResponse } from '../shared/messages';

/** What the link needs of the extension runtime (browser.runtime; a fake one in tests). */
export interface PortRuntime {
  /** Undefined once the extension was reloaded or removed. */
  readonly id: string | undefined;
  connect(info: { name: string }): Browser.runtime.Port;
}

/** The runtime, read afresh each time: an orphaned content script's runtime loses its id. */
const extensionRuntime: PortRuntime = {
  get id() {
    return browser.runtime?.id;
  },
  connect: (info) => browser.runtime.connect(info),
};

/**
 * A request unanswered this long is taken as lost with its port: a port can die without telling
 * its frame (a report on Chrome 117: the worker slept and no disconnect came), and a frame that
 * waited forever would stop sending. The slowest judgement measured (75,000 blocks) takes ~2 s.
 */
export const ANSWER_TIMEOUT_MS = 30_000;

/**
 * A request awaiting its answer: the port it was posted on (only that port's closing loses it),
 * whether it was posted again on a new port, and the timer that gives its port up.
 */
interface AwaitedRequest {
  request: FrameRequest;
  settle: (answer: unknown) => void;
  port: Browser.runtime.Port | undefined;
  reposted: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export class BackgroundLink {
  private port: Browser.runtime.Port | undefined;
  private invalidated = false;
  /** Requests awaiting their answer, by number. */
  private readonly awaited = new Map<number, AwaitedRequest>();
  private nextId = 0;

  constructor(
    private readonly documentStart: number,
    private readonly onInvalidated: () => void,
    private readonly runtime: PortRuntime = extensionRuntime,
  ) {}

  /**
   * The frame's port, opened if it is not open (the browser stops an idle background, which
   * closes it; opening it again starts the background), or undefined when it cannot be opened.
   */
  connect(): Browser.runtime.Port | undefined {
    if (this.port || this.checkInvalidated()) return this.port;
    try {
      const port = this.runtime.connect({ name: framePortName(this.documentStart) });
      port.onMessage.addListener((answer: FrameAnswer) => this.awaited.get(answer?.id)?.settle(answer.answer));
      port.onDisconnect.addListener(() => {
        if (this.port === port) this.port = undefined;
        this.askAgain(port);
      });
      this.port = port;
    } catch {
      this.checkInvalidated();
    }
    return this.port;
  }

  async judge(message: Extract<ContentMessage, { type: 'page-blocks' }>): Promise<PageBlocksResponse | undefined> {
    return (await this.request(message)) as PageBlocksResponse | undefined;
  }

  /** Sends a message; the answer, or undefined when the background could not be reached. */
  request(message: ContentMessage): Promise<unknown> {
    const id = this.nextId++;
    const request: FrameRequest = { id, message };
    return new Promise((resolve) => {
      const settle = (answer: unknown) => {
        clearTimeout(waiting.timer);
        this.awaited.delete(id);
        resolve(answer);
      };
      const waiting: AwaitedRequest = { request, settle, port: undefined, reposted: false };
      this.awaited.set(id, waiting);
      this.postAwaited(waiting);
    });
  }

  /**
   * A port closed with requests unanswered: the browser stopped the background (idle, or
   * updating it), and what it was sent on that port may be lost with it. Each such request is
   * posted once more, on a new port that starts the background again: a background that lost what
   * the frame sent asks for everything again, as after any restart. A request that meets a second
   * closing, or an extension that is gone, is answered with nothing. (A port already replaced may
   * tell of its closing late: what went out on the new one is not lost.)
   */
  private askAgain(closed: Browser.runtime.Port): void {
    const invalidated = this.checkInvalidated();
    for (const waiting of [...this.awaited.values()]) {
      if (waiting.port !== closed) continue;
      if (invalidated || waiting.reposted) {
        waiting.settle(undefined);
        continue;
      }
      waiting.reposted = true;
      this.postAwaited(waiting);
    }
  }

  /** Posts a request that awaits its answer, and gives its port up if no answer comes in time. */
  private postAwaited(waiting: AwaitedRequest): void {
    waiting.port = this.post(waiting.request);
    if (!waiting.port) {
      waiting.settle(undefined);
      return;
    }
    clearTimeout(waiting.timer);
    waiting.timer = setTimeout(() => this.giveUp(waiting.port!), ANSWER_TIMEOUT_MS);
  }

  /** A port that left a request unanswered too long is closed, and treated as one the background closed. */
  private giveUp(port: Browser.runtime.Port): void {
    if (this.port === port) this.port = undefined;
    try {
      port.disconnect();
    } catch {
      // Already gone.
    }
    this.askAgain(port);
  }

  /**
   * Sends a message whose answer no one waits for. It is numbered all the same, so that one the
   * background was stopped before handling (a click on "Why?", a part of a long list) is posted
   * again on the new port like any other: the background acknowledges every numbered message.
   */
  send(message: ContentMessage): void {
    void this.request(message);
  }

  /**
   * The port the request was posted on, or undefined when it could not be. A port the background
   * closed before telling us (it was stopped) is replaced once; if that fails too, the background
   * may be restarting (the next change sends again), or the extension is gone.
   */
  private post(request: FrameRequest): Browser.runtime.Port | undefined {
    for (let attempt = 0; attempt < 2; attempt++) {
      const port = this.connect();
      if (!port) return undefined;
      try {
        port.postMessage(request);
        return port;
      } catch {
        if (this.port === port) this.port = undefined;
      }
    }
    this.checkInvalidated();
    return undefined;
  }

  /** The extension was reloaded or removed: this content script is an orphan and must stop. */
  private checkInvalidated(): boolean {
    if (this.invalidated) return true;
    if (this.runtime.id) return false;
    this.invalidated = true;
    this.onInvalidated();
    return true;
  }
}
