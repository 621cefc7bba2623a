/**
 * An extension page (popup, options) asks the background, which holds the rules and packs. The
 * answer is the fallback when the background cannot be reached or gives none: the page still
 * draws, and says what it could not get.
 */
import { browser } from 'wxt/browser';
import type { ExtensionMessage } from './messages';

export async function askBackground<T>(message: ExtensionMessage, fallback: T): Promise<T> {
  const answer = (await browser.runtime.sendMessage(message).catch(() => undefined)) as T | undefined;
  return answer ?? fallback;
}
