import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/engine';

const text = (input: string) => normalize(input).text;

describe('normalize', () => {
  it('folds full-width letters and digits, and case', () => {
    expect(text('ＴＥＬＥＧＲＡＭ ＄３,５００')).toBe('telegram $3,500');
  });

  it('removes zero-width and invisible characters inside words', () => {
    expect(text('My\u200bawa\u200bddy sal\u2060ary What\ufeffsApp')).toBe('myawaddy salary whatsapp');
  });

  it('collapses separators planted between Chinese characters', () => {
    expect(text('高 薪')).toBe('高薪');
    expect(text('高*薪')).toBe('高薪');
    expect(text('缅.北')).toBe('缅北');
    expect(text('缅-北')).toBe('缅北');
    expect(text('💰高💰薪💰急💰招')).toContain('高薪急招');
    expect(text('缅🇲🇲北')).toBe('缅北');
  });

  it('keeps clause punctuation between Chinese phrases', () => {
    expect(text('包吃包住，单人宿舍')).toBe('包吃包住,单人宿舍');
  });

  it('joins letters spelled out with spaces and separators inside Latin words', () => {
    expect(text('M y a w a d d y')).toBe('myawaddy');
    expect(text('Teleg-ram and Mya-waddy')).toBe('telegram and myawaddy');
    expect(text('日入 3 0 0 +')).toBe('日入 300 +');
  });

  it('does not join ordinary words separated by spaces', () => {
    expect(text('Online Customer Service - Thailand office')).toBe('online customer service - thailand office');
  });

  it('undoes leetspeak inside words but leaves numbers alone', () => {
    expect(text('S@lary h1gh H1ring n0w T3legram guar@nteed 1nvest')).toBe('salary high hiring now telegram guaranteed invest');
    expect(text('$35OO/m0nth')).toBe('$3500/month');
    expect(text('USD3500, 3W, 24h, 2000U, @jobs_kh')).toBe('usd3500, 3w, 24h, 2000u, @jobskh');
  });

  it('maps Cyrillic and Greek look-alikes to Latin letters', () => {
    expect(text('Сasinо wіns')).toBe('casino wins');
  });

  it('converts traditional Chinese to simplified', () => {
    expect(text('誠聘 線上遊戲客服 護照 機票 緬甸')).toBe('诚聘线上游戏客服护照机票缅甸');
  });

  it('maps every normalized character back to the original text', () => {
    const input = '缅-北 高\u200b薪 Ｓ＠lary';
    const normalized = normalize(input);
    const at = (needle: string) => {
      const i = normalized.text.indexOf(needle);
      return input.slice(normalized.start[i], normalized.end[i + needle.length - 1]);
    };
    expect(at('缅北')).toBe('缅-北');
    expect(at('高薪')).toBe('高\u200b薪');
    expect(at('salary')).toBe('Ｓ＠lary');
  });
});

describe('rare Chinese characters', () => {
  it('keeps a character outside the BMP (CJK extension B) as Chinese, not as a planted separator', () => {
    expect(normalize('缅𠀀北').text).toBe('缅𠀀北');
    expect(normalize('缅💰北').text).toBe('缅北');
  });
});
