/** A frame's block list goes to the background as one string: whatever the page, it comes back the same. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BlockEntry, packEntry, packList, unpackEntries } from '../../../src/shared/block-entries';
import { blockKey } from '../../../src/shared/block-keys';
import { MAX_BLOCK_LENGTH } from '../../../src/shared/block-limits';

const entry: fc.Arbitrary<BlockEntry> = fc
  .record(
    { id: fc.nat(), repeat: fc.nat({ max: 100_000 }), conversation: fc.nat({ max: 10_000 }), sender: fc.integer({ min: -1, max: MAX_BLOCK_LENGTH }) },
    { requiredKeys: ['id', 'repeat'] },
  )
  .map(({ id, repeat, conversation, sender }) => {
    const block: BlockEntry = { key: blockKey(id.toString(36), repeat) };
    if (conversation !== undefined) block.conversation = conversation;
    if (sender !== undefined) block.sender = sender;
    return block;
  });

describe('packed block lists', () => {
  it('unpack to the entries that were packed', () => {
    fc.assert(fc.property(fc.array(entry, { maxLength: 50 }), (entries) => {
      const packed = packList({ blocks: entries.map(({ key, conversation, sender }) => packEntry(key, conversation, sender)) });
      expect('blocks' in packed && unpackEntries(packed.blocks, MAX_BLOCK_LENGTH)).toEqual(entries);
    }));
  });

  it('carry a change with its place', () => {
    const insert = [packEntry('k1', 2), packEntry('k2.3', undefined, -1)];
    expect(packList({ change: { at: 7, remove: 2, insert } })).toEqual({ change: { at: 7, remove: 2, insert: 'k1,2 k2.3,,-1' } });
    expect(packList({ blocks: [] })).toEqual({ blocks: '' });
  });

  it('refuse a sender longer than a block', () => {
    expect(unpackEntries(`k1,,${MAX_BLOCK_LENGTH + 1}`, MAX_BLOCK_LENGTH)).toBeNull();
  });
});
