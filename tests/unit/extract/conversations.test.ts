/**
 * Chat conversations: a chat's messages are one conversation and its senders' names are not
 * scanned, whether the chat is HTML (CLI), a live DOM (content script) or a text transcript.
 */
import { describe, expect, it } from 'vitest';
import { extractHtmlText } from '../../../src/extract/html-text';
import { transcriptSegments } from '../../../src/extract/transcript';

const messages = [
  ['Lena', 'Good morning! Did you sleep well?'],
  ['Tom', 'Morning, long day at the warehouse again'],
  ['Lena', 'My cousin pays English speakers well just to chat with clients'],
  ['Tom', 'Seriously?'],
] as const;

/** The same chat in the markups web chats use: the name in its own block, in an inline span, or as "Name:". */
const markups: Record<string, string> = {
  'name in its own block': messages.map(([who, text]) => `<div class="msg"><div class="who">${who}</div><div class="text">${text}</div></div>`).join(''),
  'name in an inline span, no space': messages.map(([who, text]) => `<div class="row"><span class="n">${who}</span><span class="t">${text}</span></div>`).join(''),
  'name before a colon': messages.map(([who, text]) => `<li><b>${who}</b>: ${text}</li>`).join(''),
};

describe('HTML chats (CLI)', () => {
  for (const [name, body] of Object.entries(markups)) {
    it(`reads ${name} as one conversation without the names`, () => {
      const html = `<html><body><h1>Messages</h1><section>${body.startsWith('<li') ? `<ul>${body}</ul>` : body}</section><p>Footer text</p></body></html>`;
      const { text, segments } = extractHtmlText(html);
      const chat = segments.filter((segment) => segment.conversation !== undefined);
      expect(chat.map((segment) => segment.text.trim())).toEqual(messages.map(([, message]) => message));
      expect(new Set(chat.map((segment) => segment.conversation)).size).toBe(1);
      // Offsets still point into the extracted text.
      for (const segment of segments) expect(text.slice(segment.start, segment.start + segment.text.length)).toBe(segment.text);
      // The heading and the footer are page text, not messages.
      expect(segments.filter((segment) => segment.conversation === undefined).map((segment) => segment.text)).toEqual(['Messages', 'Footer text']);
    });
  }

  it('reads a chat without names as a conversation when its markup says it is one', () => {
    const html = `<div role="log"><p class="bubble">hi</p><p class="bubble">how are you</p><p class="bubble">fine</p></div>`;
    const { segments } = extractHtmlText(html);
    expect(segments.map((segment) => segment.conversation)).toEqual([0, 0, 0]);
  });

  it('does not take a job board\'s listings for a chat: titles do not repeat like senders', () => {
    const listings = ['Warehouse assistant', 'Bookkeeper', 'Delivery rider', 'Barista'];
    const html = `<ul class="jobs">${listings.map((title) => `<li class="job"><h3>${title}</h3><p>Apply at the shop. Fair pay.</p></li>`).join('')}</ul>`;
    const { segments } = extractHtmlText(html);
    expect(segments.every((segment) => segment.conversation === undefined)).toBe(true);
    expect(segments.map((segment) => segment.text)).toContain('Warehouse assistant');
  });
});

describe('text transcripts', () => {
  it('reads "Name: message" lines as one conversation, names left out, offsets exact', () => {
    const text = messages.map(([who, message]) => `${who}: ${message}`).join('\n');
    const segments = transcriptSegments(text, 3)!;
    expect(segments.map((segment) => segment.text)).toEqual(messages.map(([, message]) => message));
    expect(segments.every((segment) => segment.conversation === 3)).toBe(true);
    for (const segment of segments) expect(text.slice(segment.start, segment.start + segment.text.length)).toBe(segment.text);
  });

  it('leaves labelled page lines and times alone', () => {
    expect(transcriptSegments('Salary: 3000 USD\nLocation: Bangkok\nContact: HR office', 0)).toBeNull();
    expect(transcriptSegments('10:30 meeting\n11:45 lunch\n14:00 call', 0)).toBeNull();
  });
});

describe('a long container in saved HTML', () => {
  it('still tells a chat whose newest messages come after a thousand other children', () => {
    const padding = Array.from({ length: 1200 }, (_, i) => `<div class="note-${i}"></div>`).join('');
    const chat = [['Amy', 'hi'], ['Ben', 'hello'], ['Amy', 'how are you'], ['Ben', 'fine']].map(([who, text]) => `<div class="m"><b>${who}</b><p>${text}</p></div>`).join('');
    const { segments } = extractHtmlText(`<div id="log">${padding}${chat}</div>`);
    expect(segments.map((segment) => segment.conversation)).toEqual([0, 0, 0, 0]);
  });
});
