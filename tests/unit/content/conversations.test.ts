// @vitest-environment happy-dom
/** The content script tells a chat's bubbles as one conversation, and the background does not scan the senders' names. */
import { beforeEach, describe, expect, it } from 'vitest';
import { coreRuleSet } from '../../helpers/core';
import { judgeDocument } from '../../helpers/page';

const ruleSet = coreRuleSet();

function judgeHtml(html: string) {
  document.body.innerHTML = html;
  return judgeDocument(ruleSet);
}

describe('conversations', () => {
  beforeEach(() => {
    document.documentElement.innerHTML = '<head></head><body></body>';
  });

  it('marks the bubbles of a chat as one conversation and leaves the page around it out', async () => {
    const bubbles = ['Amy', 'hi there', 'Ben', 'hello', 'Amy', 'how are you'];
    const html = `<h1>Inbox</h1><div class="chat">${[0, 2, 4].map((i) => `<div class="m"><div class="who">${bubbles[i]}</div><p>${bubbles[i + 1]}</p></div>`).join('')}</div>`;
    const { entries } = await judgeHtml(html);
    expect(entries.map((entry) => entry.conversation)).toEqual([undefined, 0, 0, 0, 0, 0, 0]);
    // The names are only names: not scanned.
    expect(entries.map((entry) => entry.sender === -1)).toEqual([false, true, false, true, false, true, false]);
  });

  it('does not count what a sender\'s name matches', async () => {
    // A sender named after a chat app: the name alone must not become a finding of the verdict.
    const html = `<div class="chat">${['hi', 'hello', 'ok'].map((text) => `<div class="m"><span class="who">Telegram客服</span><span>${text}</span></div>`).join('')}</div>`;
    const { report } = await judgeHtml(html);
    expect(report.findings).toEqual([]);
    expect(report.risk).toBe('none');
  });
});

describe('a long container', () => {
  it('still tells a chat whose newest messages come after a thousand other children', async () => {
    const padding = Array.from({ length: 1200 }, (_, i) => `<div class="note-${i}"></div>`).join('');
    const messages = ['Amy', 'hi', 'Ben', 'hello', 'Amy', 'how are you', 'Ben', 'fine'];
    const chat = [0, 2, 4, 6].map((i) => `<div class="m"><b>${messages[i]}</b><p>${messages[i + 1]}</p></div>`).join('');
    const { entries } = await judgeHtml(`<div id="log">${padding}${chat}</div>`);
    expect(entries.map((entry) => entry.conversation)).toEqual(Array(8).fill(0));
    expect(entries.filter((entry) => entry.sender === -1)).toHaveLength(4);
  });
});
