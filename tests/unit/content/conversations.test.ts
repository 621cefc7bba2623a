// @vitest-environment happy-dom
/** The content script reads a chat's bubbles as one conversation, without the senders' names. */
import { beforeEach, describe, expect, it } from 'vitest';
import { readBlocks } from '../../../src/content/extract';
import { PageModel } from '../../../src/content/page-model';
import { coreRuleSet } from '../../helpers/core';

const ruleSet = coreRuleSet();

function modelOf(html: string): PageModel {
  document.body.innerHTML = html;
  const model = new PageModel(ruleSet);
  model.blocks = readBlocks(document.body).map((block) => model.analyze(block));
  return model;
}

describe('PageModel conversations', () => {
  beforeEach(() => {
    document.documentElement.innerHTML = '<head></head><body></body>';
  });

  it('marks the bubbles of a chat as one conversation and leaves the page around it out', () => {
    const bubbles = ['Amy', 'hi there', 'Ben', 'hello', 'Amy', 'how are you'];
    const html = `<h1>Inbox</h1><div class="chat">${[0, 2, 4].map((i) => `<div class="m"><div class="who">${bubbles[i]}</div><p>${bubbles[i + 1]}</p></div>`).join('')}</div>`;
    const { segments } = modelOf(html).judge();
    expect(segments.map((segment) => segment.conversation)).toEqual([undefined, 0, 0, 0, 0, 0, 0]);
  });

  it('does not count what a sender\'s name matches', () => {
    // A sender named after a chat app: the name alone must not become a finding of the verdict.
    const html = `<div class="chat">${['hi', 'hello', 'ok'].map((text) => `<div class="m"><span class="who">Telegram客服</span><span>${text}</span></div>`).join('')}</div>`;
    const { result } = modelOf(html).judge();
    expect(result.findings).toEqual([]);
    expect(result.risk).toBe('none');
  });
});
