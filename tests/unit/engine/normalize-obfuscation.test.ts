import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/engine';
import { foldCodePoint } from '../../../src/engine/fold-char';

const text = (input: string) => normalize(input).text;

/** The original text a normalized word came from (the word must occur once in the normalized text). */
function originalOf(input: string, word: string): string {
  const normalized = normalize(input);
  const at = normalized.text.indexOf(word);
  expect(at, `"${word}" in "${normalized.text}"`).toBeGreaterThanOrEqual(0);
  return input.slice(normalized.start[at], normalized.end[at + word.length - 1]);
}

/** Asserts the whole input normalizes to `expected` and that the word maps back to all of the input. */
function expectWord(input: string, expected: string): void {
  expect(text(input)).toBe(expected);
  expect(originalOf(input, expected)).toBe(input);
}

/** Whether every normalized character maps to a non-empty, in-order range of the original. */
function saneOffsets(input: string): boolean {
  const { text: out, start, end } = normalize(input);
  for (let k = 0; k < out.length; k++) {
    if (!(start[k]! < end[k]!) || end[k]! > input.length || (k > 0 && start[k]! < start[k - 1]!)) return false;
  }
  return true;
}

describe('letters spelled out with separators', () => {
  it.each([
    ['g-u-a-r-a-n-t-e-e-d', 'guaranteed'],
    ['M-y-a-w-a-d-d-y', 'myawaddy'],
    ['U.S.D.T', 'usdt'],
    ['T.e.l.e.g.r.a.m', 'telegram'],
    ['w_h_a_t_s_a_p_p', 'whatsapp'],
    ['W/h/a/t/s/A/p/p', 'whatsapp'],
    ['T·e·l·e·g·r·a·m', 'telegram'],
    ['T-3-l-e-g-r-a-m', 'telegram'],
    ['C.4.m.b.0.d.i.a', 'cambodia'],
    ['T 3 l e g r a m', 'telegram'],
    ['T  e  l  e  g  r  a  m', 'telegram'],
    ['T\te\tl\te', 'tele'],
  ])('%s -> %s, mapped to the whole spelling', (input, expected) => {
    expectWord(input, expected);
  });

  it('joins the word inside a sentence and maps it back exactly', () => {
    const input = 'Add me on T-3-l-e-g-r-a-m for the job';
    expect(text(input)).toBe('add me on telegram for the job');
    expect(originalOf(input, 'telegram')).toBe('T-3-l-e-g-r-a-m');
  });

  it('leaves digits-only runs, dates, versions and short abbreviations alone', () => {
    expect(text('1-2-3')).toBe('1-2-3');
    expect(text('2023.08.25')).toBe('2023.08.25');
    expect(text('1.2.3 and 10/12/2024')).toBe('1.2.3 and 10/12/2024');
    expect(text('081-234-5678')).toBe('081-234-5678');
    expect(text('+66 81 234 5678')).toBe('+66 81 234 5678');
    expect(text('a-1-b')).toBe('a-1-b');
    expect(text('U.S. dollars')).toBe('u.s. dollars');
    expect(text('Call between 9 a.m. and 5 p.m., i.e. office hours, e.g. Monday')).toBe(
      'call between 9 a.m. and 5 p.m., i.e. office hours, e.g. monday',
    );
  });

  it('joins a two-part hyphenated word into the same word, as a rule term is joined', () => {
    // The planted-separator rule cannot tell e-mail from Teleg-ram; both spellings of the word
    // normalize alike, so a term written either way matches both.
    expect(text('e-mail x-ray co-op')).toBe('email xray coop');
    expect(text('email')).toBe(text('e-mail'));
  });
});

describe('leetspeak inside words', () => {
  it.each([
    ['Myaw4ddy', 'myawaddy'],
    ['C4mb0dia', 'cambodia'],
    ['S1hanoukville', 'sihanoukville'],
    ['Sihan0ukvi11e', 'sihanoukville'],
    ['te1egram', 'telegram'],
    ['sa1ary', 'salary'],
    ['on1ine', 'online'],
    ['p@ssport', 'passport'],
    ['g00d', 'good'],
    ['mi11ion', 'million'],
    ['te|egram', 'telegram'],
    ['TeIegram', 'telegram'],
    ['onIine', 'online'],
    ['Ｍｙａｗ４ｄｄｙ', 'myawaddy'],
  ])('%s -> %s', (input, expected) => {
    expectWord(input, expected);
  });

  it('keeps numbers with units and ordinals as numbers', () => {
    expect(text('1st place, 3rd floor, 9am-6pm, 7days, 5km, 24h, 3w, USD3500, $35OO')).toBe(
      '1st place, 3rd floor, 9am-6pm, 7days, 5km, 24h, 3w, usd3500, $3500',
    );
  });

  it('reads a capital I as i where i fits (McIntyre, GoodIdea)', () => {
    expect(text('McIntyre GoodIdea H1ring')).toBe('mcintyre goodidea hiring');
  });
});

describe('look-alike and decorated letters', () => {
  it.each([
    ['Му\u00adаwaddy', 'myawaddy'], // Cyrillic М у а and a soft hyphen
    ['Теlеgrаm', 'telegram'],
    ['Τεlεgram', 'telegram'], // Greek Τ ε
    ['Ꭲelegram', 'telegram'], // Cherokee Ꭲ
    ['ᴛᴇʟᴇɢʀᴀᴍ', 'telegram'], // small capitals
    ['Teĺégrâm', 'telegram'], // diacritics
    ['ⓣⓔⓛⓔⓖⓡⓐⓜ', 'telegram'],
    ['𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦', 'telegram'],
    ['𝕋𝕖𝕝𝕖𝕘𝕣𝕒𝕞', 'telegram'],
    ['ＴＥＬＥＧＲＡＭ', 'telegram'],
    ['🅣🅔🅛🅔🅖🅡🅐🅜', 'telegram'],
    ['🆃🅴🅻🅴🅶🆁🅰🅼', 'telegram'],
    ['⒯⒠⒧⒠⒢⒭⒜⒨', 'telegram'],
    ['🇹🇪🇱🇪🇬🇷🇦🇲', 'telegram'],
  ])('%s -> %s, mapped to the whole spelling', (input, expected) => {
    expectWord(input, expected);
  });

  it('maps each letter of an astral spelling to its own two units', () => {
    const input = 'x 🅣🅔🅛🅔 y';
    const { text: out, start, end } = normalize(input);
    expect(out).toBe('x tele y');
    expect(input.slice(start[2], end[2])).toBe('🅣');
    expect(input.slice(start[5], end[5])).toBe('🅔');
  });

  it('keeps real flags as symbols', () => {
    expect(text('🇹🇭 🇲🇲 jobs')).toBe('🇹🇭 🇲🇲 jobs');
    expect(text('缅🇲🇲北')).toBe('缅北');
  });

  it('keeps simplified Chinese as it is and folds traditional to it', () => {
    expect(text('什么')).toBe('什么');
    expect(text('什麼 什麽')).toBe('什么什么');
  });
});

describe('ordinary text', () => {
  it('is at most case-folded', () => {
    for (const input of ['U.S. dollars', '1-2-3', '2023.08.25', 'a.m.', 'i.e.', '+66 81 234 5678', '(02) 123-4567', 'Paris, France']) {
      expect(text(input)).toBe(input.toLowerCase());
    }
  });

  it('keeps URL and handle punctuation out of words as before', () => {
    expect(text('https://t.me/jobs_kh')).toBe('https://tmejobskh');
    expect(text('@jobs_kh $300 hiring!')).toBe('@jobskh $300 hiring!');
  });
});

describe('idempotence', () => {
  it.each(['4A+D', 'T 3 l e g r a m', 'T-3-l-e-g-r-a-m', '㎣', '麽', 'x-4A+D', 'a  b  c', 'a\tb\tc', 'U.S. 高', '高 U.S.', 'vi11e1'])(
    'normalizing %s twice changes nothing',
    (input) => {
      const once = text(input);
      expect(text(once)).toBe(once);
    },
  );

  it('keeps units with exponents as symbols rather than reading them as leetspeak', () => {
    expect(text('㎣')).toBe('㎣');
  });

  it('folds every code point to a fixed point of folding', () => {
    const bad: string[] = [];
    const check = (cp: number) => {
      const folded = foldCodePoint(cp);
      let again = '';
      for (const ch of folded) again += foldCodePoint(ch.codePointAt(0)!);
      if (again !== folded) bad.push(`U+${cp.toString(16)}: ${folded} -> ${again}`);
    };
    for (let cp = 0; cp < 0x10000; cp++) if (cp < 0xd800 || cp > 0xdfff) check(cp);
    for (let cp = 0x1d400; cp < 0x1d800; cp++) check(cp);
    for (let cp = 0x1f100; cp < 0x1f200; cp++) check(cp);
    expect(bad).toEqual([]);
  }, 30_000);

  // A small deterministic generator (no property-testing library): pieces chosen for the
  // interactions between passes (leet, separators, spelled-out runs, look-alikes, Chinese).
  const PIECES = [
    'a', 'b', 'e', 'i', 'l', 'o', 't', 'x', 'I', 'T', 'M', '0', '1', '3', '4', '5', '7', '9', '@', '$', '!', '|',
    '-', '.', '_', '/', '+', '*', '·', ' ', ' ', '  ', '\t', '\n', ',', '(', ')', '%', '\u200b', '\u00ad',
    '高', '薪', '缅', '北', 'V', '信', '麼', '么', '什', '㎣', 'ⓣ', '𝐓', '🅣', '🇹', '🇪', '🇲', '💰', 'а', 'у', 'М',
    'é', 'İ', 'ß', 'ｓ', '＠', '１', '½', '⑴', '⒜', 'telegram', 'salary', 'U.S.', 'e-mail', '1-2-3', '3w', '24h',
    '1st', '9am', 'g00d', 'vi11e', 'h1ring', 'x ', ' y',
  ];
  function* generated(count: number, seed: number): Generator<string> {
    let state = seed;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
      return state / 0x80000000;
    };
    for (let t = 0; t < count; t++) {
      let s = '';
      const pieces = 1 + Math.floor(next() * 12);
      for (let k = 0; k < pieces; k++) s += PIECES[Math.floor(next() * PIECES.length)];
      yield s;
    }
  }

  it('holds for many generated strings, with offsets in order and inside the input', () => {
    const failures: string[] = [];
    for (const input of generated(20_000, 42)) {
      const once = normalize(input);
      const twice = normalize(once.text).text;
      if (twice !== once.text) failures.push(`${JSON.stringify(input)} -> ${JSON.stringify(once.text)} -> ${JSON.stringify(twice)}`);
      if (!saneOffsets(input)) failures.push(`offsets of ${JSON.stringify(input)}`);
      if (failures.length >= 5) break;
    }
    expect(failures).toEqual([]);
  }, 30_000);

  it('holds for generated strings of random code points', () => {
    const ranges = [
      [0x20, 0x7e], [0x20, 0x7e], [0xa0, 0x24f], [0x370, 0x4ff], [0x1d00, 0x1dbf], [0x2000, 0x2bff],
      [0x3000, 0x33ff], [0x4e00, 0x9fff], [0xa640, 0xabff], [0xfe00, 0xffef], [0x1d400, 0x1d7ff], [0x1f100, 0x1f2ff],
    ] as const;
    let state = 7;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
      return state / 0x80000000;
    };
    const failures: string[] = [];
    for (let t = 0; t < 10_000 && failures.length < 5; t++) {
      let input = '';
      const length = 1 + Math.floor(next() * 14);
      for (let k = 0; k < length; k++) {
        const [from, to] = ranges[Math.floor(next() * ranges.length)]!;
        input += String.fromCodePoint(from + Math.floor(next() * (to - from + 1)));
      }
      const once = text(input);
      if (text(once) !== once) failures.push(JSON.stringify(input));
    }
    expect(failures).toEqual([]);
  }, 30_000);
});
