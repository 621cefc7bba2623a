/**
 * How page text is cut into blocks, shared by the content script (which reads) and the
 * background (which checks what it is sent). Kept apart from messages.ts, which brings zod: the
 * content script imports only this.
 */

/** Blocks are cut at this length, so that no single piece of work is long. */
export const MAX_BLOCK_LENGTH = 8000;

/**
 * A frame's text is read up to this many characters. A page longer than this (a hostile page
 * padding text without end) is judged on its first 16 million characters; no person reads more.
 */
export const MAX_PAGE_CHARACTERS = 16_000_000;

/** How many blocks one frame may report. */
export const MAX_PAGE_BLOCKS = 300_000;

/**
 * Texts are sent as the page is read, in batches of about this many characters: small enough that
 * the background analyzes the first ones while the page is still being read, large enough that a
 * page is a handful of messages.
 */
export const TEXT_BATCH = 128_000;

/** A message carries at most a batch and the block that filled it. */
export const MAX_TEXTS_PER_MESSAGE = TEXT_BATCH + MAX_BLOCK_LENGTH;
