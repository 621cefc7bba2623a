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

/** Texts are sent in messages of at most this many characters, as the page is read. */
export const MAX_TEXTS_PER_MESSAGE = 1_000_000;
