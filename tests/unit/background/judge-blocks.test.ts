/** A frame's judgement in the background, with WXT's fake browser: what a frame that goes mid-judgement leaves behind. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { judgeBlocks, type PortFrame } from '../../../src/background/main';
import { rememberTexts } from '../../../src/background/frame-judge';
import { frameMemory } from '../../../src/background/frame-memories';
import { verdictOfTab, written } from '../../../src/background/tab-reports';
import { blockKey } from '../../../src/shared/block-keys';
import { coreRuleSet } from '../../helpers/core';

const ruleSet = coreRuleSet();
const page = { url: 'https://ads.example/frame', host: 'ads.example', documentStart: 5 };
const lure = { key: blockKey('a', 0), text: 'We hire chat agents in Sihanoukville: $3,500 per month, no experience needed, free flights. Interview on Telegram only.' };

beforeEach(() => fakeBrowser.reset());

describe('judgeBlocks', () => {
  it('judges a frame and counts its risk for the tab', async () => {
    const frame: PortFrame = { tabId: 7, frameId: 3, gone: false };
    rememberTexts(ruleSet, frameMemory(7, 3, page.documentStart), [lure]);
    await judgeBlocks(frame, { type: 'page-blocks', page, blocks: [{ key: lure.key }] });
    await written();
    expect((await verdictOfTab(7)).risk).toBe('high');
  });

  it('stores nothing for a frame removed while its judgement waited for the rules', async () => {
    const frame: PortFrame = { tabId: 8, frameId: 3, gone: false };
    rememberTexts(ruleSet, frameMemory(8, 3, page.documentStart), [lure]);
    const judged = judgeBlocks(frame, { type: 'page-blocks', page, blocks: [{ key: lure.key }] });
    // The page removes the iframe: its port closes before the rules are there.
    frame.gone = true;
    await judged;
    await written();
    expect(await verdictOfTab(8)).toMatchObject({ risk: 'none', findings: 0 });
  });
});
