/** Reads one CLI input (file or standard input) into text and segments. */
import { readFile } from 'node:fs/promises';
import { type Segment, segmentText } from '../engine';
import { extractHtmlText } from '../extract/html-text';
import { transcriptSegments } from '../extract/transcript';

export interface LoadedInput {
  text: string;
  segments: Segment[];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function loadInput(path: string): Promise<LoadedInput> {
  const raw = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  if (/\.html?$/i.test(path)) return extractHtmlText(raw);
  // A chat transcript ("Name: message" lines) is one conversation; any other text, a segment a line.
  return { text: raw, segments: transcriptSegments(raw, 0) ?? segmentText(raw) };
}
