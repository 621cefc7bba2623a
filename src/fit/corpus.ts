/** Labelled corpora (JSONL, the schema of ../shared/corpus/README.md), for masscheck, fit and the tests. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Segment, segmentText } from '../engine';
import { transcriptSegments } from '../extract/transcript';

export const corpusItemSchema = z.object({
  id: z.string().min(1),
  label: z.enum(['lure', 'benign']),
  lang: z.string().default('unknown'),
  kind: z.string().default('unknown'),
  format: z.enum(['page', 'message', 'thread']).default('page'),
  obfuscated: z.boolean().default(false),
  text: z.string(),
});
export type CorpusItem = z.infer<typeof corpusItemSchema>;

/** Reads corpora; a line that is not an item is an error naming the file and the line. */
export function readCorpora(paths: readonly string[]): { items: CorpusItem[]; errors: string[] } {
  const items: CorpusItem[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      errors.push(`${path}: cannot read the corpus: ${(error as Error).message}`);
      continue;
    }
    text.split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch (error) {
        errors.push(`${path}:${index + 1}: not valid JSON: ${(error as Error).message}`);
        return;
      }
      const result = corpusItemSchema.safeParse(data);
      if (result.success) items.push(result.data);
      else errors.push(`${path}:${index + 1}: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`).join('; ')}`);
    });
  }
  return { items, errors };
}

/** An item as the scanner reads it: a thread is one conversation of messages, anything else one segment a line. */
export function itemSegments(item: CorpusItem): Segment[] {
  if (item.format === 'thread') return transcriptSegments(item.text, 0, true)!;
  return segmentText(item.text);
}
