/** The background's memory of a frame: what a restarted worker, a hostile page or a long chat do to it. */
import { describe, expect, it } from 'vitest';
import { FrameMemory, judgeFrame, rememberTexts } from '../../../src/background/frame-judge';
import { blockKey } from '../../../src/shared/block-keys';
import { compileRuleSet } from '../../../src/engine';
import { coreRuleSet, loadCorePack } from '../../helpers/core';

const ruleSet = coreRuleSet();
const page = { url: 'https://chat.example/', host: 'chat.example', documentStart: 1 };
/** A text under an id of its own, as a frame names it. */
let lastId = 0;
const keyed = (text: string) => ({ key: blockKey((lastId++).toString(36), 0), text });

describe('judgeFrame', () => {
  it('judges a change to the list it last judged, and asks for everything when it lacks a text', () => {
    const memory = new FrameMemory(1);
    const first = ['Hello!', 'How are you?'].map(keyed);
    rememberTexts(ruleSet, memory, first);
    expect(judgeFrame(ruleSet, memory, page, { blocks: first.map(({ key }) => ({ key })) })).toHaveProperty('report.risk', 'none');

    const lure = keyed('We hire chat agents in Sihanoukville: $3,500 per month, no experience needed, free flights. Interview on Telegram only.');
    rememberTexts(ruleSet, memory, [lure]);
    const judged = judgeFrame(ruleSet, memory, page, { change: { at: 2, remove: 0, insert: [{ key: lure.key }] } });
    expect(judged).toHaveProperty('report.risk', 'high');

    // A text it was never sent (a restarted worker): everything again.
    expect(judgeFrame(ruleSet, memory, page, { change: { at: 3, remove: 0, insert: [{ key: keyed('never sent').key }] } })).toEqual({ resend: true });
  });

  it('judges a text sent under an id it knew for another text by that text, not the other', () => {
    const memory = new FrameMemory(1);
    const { key } = keyed('Hello!');
    rememberTexts(ruleSet, memory, [{ key, text: 'Hello!' }]);
    rememberTexts(ruleSet, memory, [{ key, text: 'We hire chat agents in Sihanoukville: $3,500 per month, no experience needed, free flights. Interview on Telegram only.' }]);
    expect(judgeFrame(ruleSet, memory, page, { blocks: [{ key }] })).toHaveProperty('report.risk', 'high');
  });

  it('judges the texts it holds again with new rules, when a pack changed since they were sent', () => {
    const memory = new FrameMemory(1);
    const text = keyed('Warehouse staff wanted. Apply through the zorblax agency.');
    rememberTexts(ruleSet, memory, [text]);
    const list = { blocks: [{ key: text.key }] };
    const rulesFound = (result: ReturnType<typeof judgeFrame>) => ('report' in result ? result.report.findings.map((finding) => finding.rule) : []);
    expect(rulesFound(judgeFrame(ruleSet, memory, page, list))).not.toContain('extra-zorblax');
    const core = loadCorePack();
    const extra = { ...core, id: 'extra', rules: [{ ...core.rules[0]!, id: 'extra-zorblax', terms: ['zorblax'], patterns: [] }] };
    const withExtra = compileRuleSet([core, extra]);
    expect(rulesFound(judgeFrame(withExtra, memory, page, list))).toContain('extra-zorblax');
  });

  it('never holds more texts than the page has blocks, even when a page sends texts of blocks that are gone', () => {
    const memory = new FrameMemory(1);
    const kept = keyed('Welcome to the shop.');
    rememberTexts(ruleSet, memory, [kept]);
    judgeFrame(ruleSet, memory, page, { blocks: [{ key: kept.key }] });
    // A page adding and removing blocks between two judgements: their texts were sent, their
    // blocks never judged.
    for (let round = 0; round < 50; round++) {
      const passing = Array.from({ length: 20 }, (_, i) => keyed(`flash ${round}-${i}`));
      rememberTexts(ruleSet, memory, passing);
      judgeFrame(ruleSet, memory, page, { change: { at: 1, remove: 0, insert: [] } });
    }
    expect(memory.texts.size).toBeLessThanOrEqual(1);
  });
});
