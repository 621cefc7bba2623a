/**
 * The engine's regular expressions: the same matches as JavaScript's RegExp (checked on random
 * text made of each pattern's own characters), in time linear in the text for the patterns that
 * make a backtracking engine take quadratic or exponential time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinearRegex, UnsupportedPattern } from '../../../src/engine/linear-regex';
import { loadCorePack } from '../../helpers/core';

const nativeMatches = (source: string, text: string) => [...text.matchAll(new RegExp(source, 'gu'))].map((m) => [m.index!, m.index! + m[0].length]);
const linearMatches = (regex: LinearRegex, text: string) => [...regex.matches(text)].map((m) => [m.start, m.end]);

/** Characters a pattern's matches are made of, and near misses: text where its branches compete. */
function alphabetOf(source: string): string[] {
  const own = [...new Set([...source.replace(/\\[a-z]/gi, '')].filter((c) => !'()[]{}?*+|^$\\'.includes(c)))];
  return [...own, ' ', 'a', '1', '.', '\n', '的', '😀', '\u200b'];
}

const HANDWRITTEN = [
  'a|ab|abc',
  '(?:a|ab)(?:c|bcd)',
  'a{2,4}?b?',
  '(?:ab){1,3}|a',
  '\\bfee\\b|fees?',
  '(?<!no )fee(?! waived)',
  '(?<=pay )(?:now|later)',
  '[^,。]{0,4}护照',
  '\\p{Script=Han}{2}',
  '.{1,3}😀',
  'x*y*',
  '(?:\\d+(?:\\.\\d+)?)\\s?%',
];

describe('LinearRegex', () => {
  it('finds what RegExp finds, for hand-picked patterns and every pattern of the core pack', () => {
    const patterns = [...HANDWRITTEN, ...loadCorePack().rules.flatMap((rule) => rule.patterns.map((pattern) => pattern.regex))];
    for (const source of patterns) {
      const regex = new LinearRegex(source);
      const alphabet = alphabetOf(source);
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (characters) => {
          const text = characters.join('');
          expect(linearMatches(regex, text), `${source} on ${JSON.stringify(text)}`).toEqual(nativeMatches(source, text));
        }),
        { numRuns: 40, seed: 7 },
      );
    }
  });

  it('skips only text that cannot match: every match RegExp finds holds the texts the pattern requires', () => {
    const patterns = [...HANDWRITTEN, ...loadCorePack().rules.flatMap((rule) => rule.patterns.map((pattern) => pattern.regex))];
    let checked = 0;
    for (const source of patterns) {
      const regex = new LinearRegex(source);
      // Text made of the pattern's own words and characters, so that matches are common.
      const pieces = [...new Set(source.split(/\\[a-zA-Z]|[()[\]{}?*+|^$\\]/).filter(Boolean)), ...alphabetOf(source)];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (chosen) => {
          const text = chosen.join('');
          for (const [start, end] of nativeMatches(source, text)) {
            checked++;
            expect(regex.mayMatchIn(text.slice(start, end)), `${source} on ${JSON.stringify(text)}`).toBe(true);
          }
        }),
        { numRuns: 60, seed: 11 },
      );
    }
    // The check must have met real matches, not only texts that match nothing.
    expect(checked).toBeGreaterThan(500);
  });

  it('refuses back-references and far-reaching lookarounds, saying why', () => {
    expect(() => new LinearRegex('(a)\\1')).toThrow(UnsupportedPattern);
    expect(() => new LinearRegex('a(?=.*b)')).toThrow(/can reach too far/);
    expect(() => new LinearRegex('(unclosed')).toThrow(/not a valid regular expression/);
  });

  it('takes time linear in the text on inputs that make backtracking quadratic or exponential', () => {
    const cases: [string, string][] = [
      ['sign\\w*[^.;!?]{0,40}(?:on|upon) arrival', 'sign'],
      ['(a|aa)+$', 'a'],
      ['(\\w+\\s?)+$', 'ab '],
      ['(a+b?)+$', 'ab'],
      ['(.*a){10}x', 'a'],
      ['\\w*\\w*\\w*\\w*\\w*$', 'w'],
      ['(?:leave|quit)\\w*', 'quit'],
    ];
    const time = (regex: LinearRegex, text: string) => {
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        for (const _ of regex.matches(text));
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    for (const [source, unit] of cases) {
      const regex = new LinearRegex(source);
      const small = `${unit.repeat(10_000 / unit.length)}!`;
      const large = `${unit.repeat(100_000 / unit.length)}!`;
      time(regex, small); // warm up
      // Ten times the text: about ten times the time (a quadratic engine takes a hundred times).
      expect(time(regex, large) / time(regex, small), source).toBeLessThan(30);
    }
  });
});
