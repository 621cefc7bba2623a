// @vitest-environment happy-dom
/**
 * A lure that builds up over several chat messages is one conversation and is flagged; the same
 * sentences spread over unrelated paragraphs of a long page do not add up.
 */
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/engine';
import { isFlagged } from '../../../src/engine/types';
import { extractHtmlText } from '../../../src/extract/html-text';
import { CHAT_PITCH } from '../../fixtures/chat-pitch';
import { coreRuleSet } from '../../helpers/core';
import { judgeDocument } from '../../helpers/page';

const ruleSet = coreRuleSet();

const pitch = CHAT_PITCH;

const chatHtml = `<html><body><h1>Messages</h1><div class="chat">${pitch
  .map(([who, text]) => `<div class="msg"><div class="name">${who}</div><div class="text">${text}</div></div>`)
  .join('')}</div></body></html>`;

// A long magazine page: the same sentences, each deep inside an unrelated article.
const filler = (topic: string) =>
  `${topic} has a long history in the region. Visitors often spend a whole afternoon walking through the old streets, tasting local food, and talking with shop owners about the seasons, the harvest and the festivals that fill the calendar. `.repeat(8);
const longPageHtml = `<html><body>${pitch
  .filter(([who]) => who === 'Mia')
  .map(([, text], index) => `<article><h2>Story ${index + 1}</h2><p>${filler(`Topic ${index}`)}</p><p>${text}</p><p>${filler(`Theme ${index}`)}</p></article>`)
  .join('')}</body></html>`;


describe('conversations in the CLI', () => {
  it('flags a lure that builds up over several chat messages', () => {
    const { segments } = extractHtmlText(chatHtml);
    expect(isFlagged(scan(segments, ruleSet).risk)).toBe(true);
    // No single message is enough.
    for (const segment of segments) expect(isFlagged(scan(segment.text, ruleSet).risk)).toBe(false);
  });

  it('does not add up the same sentences spread over unrelated paragraphs of a long page', () => {
    const { segments } = extractHtmlText(longPageHtml);
    expect(segments.every((segment) => segment.conversation === undefined)).toBe(true);
    expect(isFlagged(scan(segments, ruleSet).risk)).toBe(false);
  });
});

describe('conversations in the extension (content script reads, background judges)', () => {
  const judgePage = async (html: string) => {
    document.documentElement.innerHTML = html.replace(/^<html>|<\/html>$/g, '');
    return (await judgeDocument(ruleSet)).report;
  };

  it('flags the chat page', async () => {
    expect(isFlagged((await judgePage(chatHtml)).risk)).toBe(true);
  });

  it('does not flag the long page', async () => {
    expect(isFlagged((await judgePage(longPageHtml)).risk)).toBe(false);
  });
});
