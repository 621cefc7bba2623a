import { readFileSync } from 'node:fs';
import { repoPath } from './core';

/** Loads a saved page into the current (happy-dom) document; scripts are not run. */
export function loadFixturePage(name: string): void {
  const html = readFileSync(repoPath(`tests/fixtures/pages/${name}`), 'utf8');
  document.documentElement.innerHTML = html.replace(/^<!doctype html>/i, '').replace(/<\/?html[^>]*>/gi, '');
}
