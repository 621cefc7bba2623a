/**
 * How a frame's list of blocks travels to the background: one string, not an object per block.
 * A message is serialized by the browser, and the background validates it; for the 9,163 blocks
 * of a 1 MB page that was ~10 ms in the page and up to ~40 ms in the background (zod, cold) as
 * objects, and is well under a millisecond each way as a string. No zod here: the content script
 * packs, and does not carry zod.
 *
 * An entry is `key`, `key,conversation` or `key,conversation,sender` (conversation may be
 * empty), entries separated by a space. Keys are block keys (block-keys.ts): base-36 text ids
 * with an optional ".n".
 */
import { BLOCK_KEY_SOURCE } from './block-keys';

/** A block of page text as the background is told it: its key, and its place in a chat. */
export interface BlockEntry {
  key: string;
  /** The chat conversation the block belongs to, if any. */
  conversation?: number;
  /** Characters of a sender's name at the block's start (not scanned), or -1: the block is only a name. */
  sender?: number;
}

/** A change to the list last judged: `remove` entries at `at` replaced by `insert` (packed entries). */
export interface PackedChange {
  at: number;
  remove: number;
  insert: string[];
}

/**
 * A block list on its way from a frame, its entries packed one by one (packEntry): the whole
 * list, or a change to the one last judged. A page keeps its last list in this form: most entries
 * are just a key, so the list costs no object per block.
 */
export type PackedList = { blocks: string[] } | { change: PackedChange };

/** The longest packed entry: a key of at most 40 characters, a conversation and a sender. */
export const MAX_PACKED_ENTRY = 60;

const ENTRY = new RegExp(String.raw`^(${BLOCK_KEY_SOURCE})(?:,(\d{0,9})(?:,(-1|\d{1,9}))?)?$`);

/** One entry, packed (what unpackEntries reads): a block in no chat is its key alone. */
export function packEntry(key: string, conversation?: number, sender?: number): string {
  if (sender !== undefined) return `${key},${conversation ?? ''},${sender}`;
  return conversation !== undefined ? `${key},${conversation}` : key;
}

/** The entries of a packed list, or null when it is not one. */
export function unpackEntries(packed: string, maxSender: number): BlockEntry[] | null {
  if (packed === '') return [];
  const entries: BlockEntry[] = [];
  for (const part of packed.split(' ')) {
    const match = ENTRY.exec(part);
    if (!match) return null;
    const entry: BlockEntry = { key: match[1]! };
    if (match[2]) entry.conversation = Number(match[2]);
    if (match[3] !== undefined) {
      entry.sender = Number(match[3]);
      if (entry.sender > maxSender) return null;
    }
    entries.push(entry);
  }
  return entries;
}

/** A list as a page-blocks message carries it. */
export function packList(list: PackedList): { blocks: string } | { change: { at: number; remove: number; insert: string } } {
  return 'blocks' in list ? { blocks: list.blocks.join(' ') } : { change: { ...list.change, insert: list.change.insert.join(' ') } };
}
