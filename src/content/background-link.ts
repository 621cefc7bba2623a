/**
 * The content script's line to the background: sends the frame's blocks to be judged and its
 * other messages, and holds the frame's port. The port tells the background when the frame goes;
 * its closing tells the content script when the extension was reloaded or removed (the runtime
 * has no id then), which is the only thing that ends protection: no page event can.
 */
import { browser, type Browser } from 'wxt/browser';
import { framePortName } from '../shared/frame-port';
import type { ContentMessage, PageBlocksResponse } from '../shared/messages';

export class BackgroundLink {
  private port: Browser.runtime.Port | undefined;
  private invalidated = false;

  constructor(
    private readonly documentStart: number,
    private readonly onInvalidated: () => void,
  ) {}

  /** Opens the frame's port if it is not open (the browser stops an idle background, which closes it). */
  connect(): void {
    if (this.port || this.checkInvalidated()) return;
    try {
      const port = browser.runtime.connect({ name: framePortName(this.documentStart) });
      port.onDisconnect.addListener(() => {
        if (this.port === port) this.port = undefined;
        this.checkInvalidated();
      });
      this.port = port;
    } catch {
      this.checkInvalidated();
    }
  }

  async judge(message: Extract<ContentMessage, { type: 'page-blocks' }>): Promise<PageBlocksResponse | undefined> {
    return (await this.request(message)) as PageBlocksResponse | undefined;
  }

  /** Sends a message; the answer, or undefined when the background could not be reached. */
  async request(message: ContentMessage): Promise<unknown> {
    this.connect();
    try {
      return await browser.runtime.sendMessage(message);
    } catch {
      // The background may be restarting (the next change sends again), or the extension is gone.
      this.checkInvalidated();
      return undefined;
    }
  }

  send(message: ContentMessage): void {
    void this.request(message);
  }

  /** The extension was reloaded or removed: this content script is an orphan and must stop. */
  private checkInvalidated(): boolean {
    if (this.invalidated) return true;
    if (browser.runtime?.id) return false;
    this.invalidated = true;
    this.onInvalidated();
    return true;
  }
}
