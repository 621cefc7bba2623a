/**
 * A chat transcript written as text, one message a line: `Sender name: message`. The messages
 * are one conversation (their signals combine, see Segment.conversation) and the sender's name
 * is not part of what is scanned: a name such as "Crypto Mentor" says nothing about the message.
 */
import type { Segment } from '../engine';
import { speakerPrefix } from './conversations';

/**
 * The messages of a transcript as segments of one conversation, or null when the text does not
 * read as one: at least three lines, nearly all with a speaker, and some speaker speaking twice
 * (a page's labelled lines, "Salary: …", "Location: …", name a different label each time).
 * `assume` skips the detection, for text known to be a transcript.
 */
export function transcriptSegments(text: string, conversation: number, assume = false): Segment[] | null {
  const lines: { line: string; start: number }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) lines.push({ line, start });
    start += line.length + 1;
  }
  const speakers = lines.map(({ line }) => speakerPrefix(line));
  if (!assume) {
    const named = speakers.filter((speaker) => speaker !== null);
    const distinct = new Set(named.map((speaker) => speaker.name));
    if (lines.length < 3 || named.length < lines.length * 0.8 || distinct.size >= named.length) return null;
  }
  const segments: Segment[] = [];
  lines.forEach(({ line, start: lineStart }, index) => {
    const skip = speakers[index]?.length ?? 0;
    if (line.slice(skip).trim()) segments.push({ text: line.slice(skip), start: lineStart + skip, conversation });
  });
  return segments;
}
