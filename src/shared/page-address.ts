/**
 * A page's address as a frame sends it and a report keeps it. A page can make its own address as
 * long as it likes (a fragment of megabytes, history.replaceState): too long, it would have made
 * every message of the frame too large to be accepted, and the page would never be judged.
 */

/** The longest address kept, in characters. */
export const MAX_URL_LENGTH = 8000;

/** An address too long loses its fragment, then its tail. */
export function reportedUrl(url: string): string {
  if (url.length <= MAX_URL_LENGTH) return url;
  const hash = url.indexOf('#');
  return (hash >= 0 ? url.slice(0, hash) : url).slice(0, MAX_URL_LENGTH);
}
