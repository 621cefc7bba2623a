/**
 * How a block of page text is named between the content script and the background: its key is
 * its text's id (a base-36 number the frame gives each distinct text), with ".n" for the n-th
 * repeat of the same text on the page. Indexes shift as a page changes; a key does not, and the
 * background keeps one analysis per text id.
 */

/** What a block key looks like (a base-36 text id and a repeat), for checking keys that arrive in messages. */
export const BLOCK_KEY_SOURCE = String.raw`[0-9a-z]{1,30}(?:\.\d{1,9})?`;

export function blockKey(id: string, repeat: number): string {
  return repeat === 0 ? id : `${id}.${repeat}`;
}

export function textIdOf(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(0, dot);
}
