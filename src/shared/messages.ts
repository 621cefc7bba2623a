/**
 * The one message protocol of the extension, one union per direction (autoconsent's
 * lib/messages.ts is the model). Messages from content scripts run inside untrusted pages: their
 * schemas are zod's, the types are inferred from them, and the background parses every one.
 */
import { z } from 'zod';
import type { Risk } from '../engine/types';
import { type BlockSpan, SKIP_REASONS } from './report';
import type { TabVerdict } from './tab-verdict';
import { MAX_BLOCK_LENGTH, MAX_PAGE_BLOCKS, MAX_TEXTS_PER_MESSAGE } from './block-limits';
import { MAX_PACKED_ENTRY, unpackEntries } from './block-entries';
import { BLOCK_KEY_SOURCE } from './block-keys';
import { MAX_URL_LENGTH } from './page-address';

const pageSchema = z.object({
  url: z.string().max(MAX_URL_LENGTH),
  host: z.string().max(500),
  /** performance.timeOrigin of the frame's document: tells a reload from an update. */
  documentStart: z.number(),
});
export type PageInfo = z.infer<typeof pageSchema>;

const blockKeySchema = z.string().regex(new RegExp(`^${BLOCK_KEY_SOURCE}$`));

/** A list of block entries, packed into one string (block-entries.ts): validated and unpacked here. */
const blockEntriesSchema = z
  .string()
  .max(MAX_PAGE_BLOCKS * MAX_PACKED_ENTRY)
  .transform((packed, context) => {
    const entries = unpackEntries(packed, MAX_BLOCK_LENGTH);
    if (entries && entries.length <= MAX_PAGE_BLOCKS) return entries;
    context.addIssue({ code: 'custom', message: 'not a list of blocks' });
    return z.NEVER;
  });

/** A change to the list of blocks last judged: `remove` entries at `at` replaced by `insert`. */
const blockChangeSchema = z.object({ at: z.number().int().min(0), remove: z.number().int().min(0), insert: blockEntriesSchema });
export type BlockChange = z.output<typeof blockChangeSchema>;

const contentMessageSchema = z.discriminatedUnion('type', [
  /**
   * Texts of blocks the background has not seen, sent while the page is still being read: the
   * background analyzes them at once, so the judgement that follows has little left to do.
   */
  z.object({
    type: z.literal('page-texts'),
    page: pageSchema,
    texts: z
      .array(z.object({ key: blockKeySchema, text: z.string().max(MAX_BLOCK_LENGTH) }))
      .refine((texts) => texts.reduce((sum, entry) => sum + entry.text.length, 0) <= MAX_TEXTS_PER_MESSAGE, 'too much text in one message'),
  }),
  /**
   * The frame's blocks in reading order: judge them. All of them, or (after the first time) the
   * change from the list the background last judged: `remove` entries at `at` replaced by `insert`.
   * A long list comes in parts (each a message that passes quickly): a part marked `more` is
   * kept, and the list is judged when its last part arrives.
   */
  z.object({
    type: z.literal('page-blocks'),
    page: pageSchema,
    more: z.literal(true).optional(),
    blocks: blockEntriesSchema.optional(),
    change: blockChangeSchema.optional(),
  }).refine((message) => (message.blocks === undefined) !== (message.change === undefined), 'either the blocks or a change to them'),
  /** The frame is deliberately not scanned (Lureguard paused, trusted site). */
  z.object({ type: z.literal('page-skipped'), page: pageSchema, reason: z.enum(SKIP_REASONS) }),
  z.object({ type: z.literal('open-explanation') }),
  /** The page keeps removing or hiding the warning bar. */
  z.object({ type: z.literal('bar-hidden') }),
]);
/** Content script -> background, as sent (block lists packed). */
export type ContentMessage = z.input<typeof contentMessageSchema>;
/** The same, as the background has it once parsed (block lists unpacked). */
export type ReceivedContentMessage = z.output<typeof contentMessageSchema>;

/** A content script's message, or null when it is not one (a hostile page can reach it). */
export function parseContentMessage(message: unknown): ReceivedContentMessage | null {
  const result = contentMessageSchema.safeParse(message);
  return result.success ? result.data : null;
}

/**
 * What a content script posts on its frame's port (frame-port.ts): a message and its number, which
 * the answer carries back (a content script numbers every message, so that it can post again one
 * that a stopped background never answered). One port carries all of a frame's messages: each runtime.sendMessage opens
 * and closes a channel of its own through the browser, several times the cost of a port message.
 */
export interface FrameRequest {
  id: number;
  message: ContentMessage;
}
const frameRequestSchema = z.object({ id: z.number().int().min(0), message: z.unknown() });

/** Background -> content script on the frame's port: the answer to request `id`. */
export interface FrameAnswer {
  id: number;
  answer: unknown;
}

/**
 * A request posted on a frame's port, or null when it is not one. Its message is null when
 * malformed: a numbered request is still answered (with nothing), so that no frame waits forever.
 */
export function parseFrameRequest(request: unknown): { id: number; message: ReceivedContentMessage | null } | null {
  const result = frameRequestSchema.safeParse(request);
  return result.success ? { id: result.data.id, message: parseContentMessage(result.data.message) } : null;
}

/** What the frame shows after a judgement: its own highlights, and the tab's verdict for the bar. */
export interface FrameJudgement {
  verdict: TabVerdict;
  /** This frame's risk and the places of its findings. */
  risk: Risk;
  spans: BlockSpan[];
}

/**
 * The background's answer to page-blocks: a judgement; a request to send every text and the
 * whole list again (it was restarted and lost what the frame had sent); or, for a part that more
 * parts follow, that it was kept.
 */
export type PageBlocksResponse = { judged: FrameJudgement } | { resend: true } | { listed: true };

/**
 * Background/popup -> content script. `rules-changed`: a pack was added, updated or switched off;
 * the frame has its blocks judged again (the background still has their texts).
 */
export type TabMessage = { type: 'show-finding'; span: BlockSpan } | { type: 'tab-verdict'; verdict: TabVerdict } | { type: 'rules-changed' };

/** The options page's changes to the rule packs; each is answered with an Outcome (src/packs/library.ts). */
export type PackCommand =
  | { type: 'subscribe'; url: string; publicKey: string }
  | { type: 'import-pack'; text: string; fileName: string }
  | { type: 'update-pack'; url: string }
  | { type: 'remove-pack'; packId: string }
  | { type: 'unsubscribe'; url: string }
  | { type: 'set-pack-enabled'; packId: string; enabled: boolean }
  | { type: 'set-rule-enabled'; ruleId: string; enabled: boolean };

/** Popup/options -> background. `packs-overview` is answered with a PacksOverview (src/packs/overview.ts). */
export type ExtensionMessage = { type: 'check-text'; text: string } | { type: 'pack-info' } | { type: 'packs-overview' } | PackCommand;

/** The longest text the popup's "check a message" box sends. */
export const MAX_CHECKED_TEXT = 200_000;
