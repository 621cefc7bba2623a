/** The automaton finds exactly what a naive search finds, in deep and shallow states alike. */
import { describe, expect, it } from 'vitest';
import { Automaton } from '../../../src/engine/automaton';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function naive(patterns: readonly string[], text: string): string[] {
  const found: string[] = [];
  patterns.forEach((pattern, id) => {
    for (let at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) found.push(`${id}@${at}`);
  });
  return found.sort();
}

describe('Automaton', () => {
  it('finds every occurrence of every pattern, ASCII and Chinese, short and long', () => {
    // A tiny alphabet makes deep partial matches and fail chains common.
    const alphabet = ['a', 'b', 'c', ' ', '高', '薪'];
    const next = random(42);
    const word = (min: number, max: number) => Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let round = 0; round < 30; round++) {
      const patterns = [...new Set(Array.from({ length: 40 }, () => word(1, 9)))];
      const automaton = new Automaton(patterns);
      const text = word(200, 400);
      const found: string[] = [];
      automaton.search(
        Array.from(text, (ch) => ch.charCodeAt(0)),
        text.length,
        (id, start, end) => {
          expect(text.slice(start, end)).toBe(patterns[id]);
          found.push(`${id}@${start}`);
        },
      );
      expect(found.sort()).toEqual(naive(patterns, text));
    }
  });
});
