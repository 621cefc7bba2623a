/**
 * A page judged the way the extension judges it, without a browser: the content script's side
 * (read the DOM into named blocks, tell them with their chat roles) and the background's side
 * (judge the frame from those blocks), joined directly instead of through messages.
 */
import { FrameMemory, judgeFrame, rememberTexts } from '../../src/background/frame-judge';
import { readBlocks } from '../../src/content/extract';
import { PageBlocks } from '../../src/content/page-blocks';
import type { CompiledRuleSet } from '../../src/engine';
import { type BlockEntry, unpackEntries } from '../../src/shared/block-entries';
import { MAX_BLOCK_LENGTH } from '../../src/shared/block-limits';
import type { PageReport } from '../../src/shared/report';

export const TEST_PAGE = { url: 'https://page.example/', host: 'page.example', documentStart: 1 };

export async function judgeDocument(ruleSet: CompiledRuleSet, root: Node = document.body): Promise<{ entries: BlockEntry[]; report: PageReport }> {
  const blocks = new PageBlocks();
  blocks.blocks = readBlocks(root).map((block) => blocks.name(block));
  const memory = new FrameMemory(TEST_PAGE.documentStart);
  rememberTexts(ruleSet, memory, blocks.blocks.flatMap((block) => {
    const text = blocks.textToSend(block);
    return text === undefined ? [] : [{ key: block.key, text }];
  }));
  // Packed in the page and unpacked in the background, as they travel.
  const entries = unpackEntries((await blocks.entries()).join(' '), MAX_BLOCK_LENGTH)!;
  const result = judgeFrame(ruleSet, memory, TEST_PAGE, { blocks: entries });
  if (!('report' in result)) throw new Error('the judge asked for the texts again');
  return { entries, report: result.report };
}
