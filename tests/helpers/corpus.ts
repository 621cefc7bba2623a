import { existsSync, readFileSync } from 'node:fs';
import { repoPath } from './core';

export interface CorpusItem {
  id: string;
  label: 'lure' | 'benign';
  lang: 'en' | 'zh' | 'mixed';
  kind: string;
  format: 'page' | 'message';
  obfuscated: boolean;
  text: string;
}

/** ../shared/corpus/dev.jsonl beside the repository (where CI and developers have it). */
export const CORPUS_PATH = repoPath('../shared/corpus/dev.jsonl');

export function loadCorpus(): CorpusItem[] {
  if (!existsSync(CORPUS_PATH)) throw new Error(`the development corpus is missing: expected it at ${CORPUS_PATH}`);
  return readFileSync(CORPUS_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusItem);
}
