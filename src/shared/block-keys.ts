/**
 * How a block of page text is named between the content script and the background: its key is
 * its text's id (a hash), with ".n" for the n-th repeat of the same text on the page. Indexes
 * shift as a page changes; a key does not, and the background keeps one analysis per text id.
 */

/** What a block key looks like (a base-36 text id, at most 11 characters, and a repeat), for checking keys that arrive in messages. */
export const BLOCK_KEY_SOURCE = String.raw`[0-9a-z]{1,30}(?:\.\d{1,9})?`;

export function blockKey(id: string, repeat: number): string {
  return repeat === 0 ? id : `${id}.${repeat}`;
}

export function textIdOf(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(0, dot);
}

/**
 * A 53-bit hash of a text (cyrb53), in base 36: distinct texts of even a huge page do not
 * collide (a 32-bit hash would, among 100,000 blocks, more often than not).
 */
export function textId(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
