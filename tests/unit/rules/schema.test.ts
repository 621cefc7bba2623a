import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packJsonSchema } from '../../../src/rules/json-schema';
import { parsePack, validatePack } from '../../../src/rules/validate';
import { loadCorePack, repoPath } from '../../helpers/core';

const valid = () => structuredClone(loadCorePack()) as unknown as Record<string, any>;

describe('rule pack validation', () => {
  it('accepts the core pack', () => {
    expect(validatePack(valid(), 'core.json').ok).toBe(true);
  });

  const rejects = (mutate: (pack: Record<string, any>) => void, expected: RegExp) => {
    const pack = valid();
    mutate(pack);
    const result = validatePack(pack, 'my-pack.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(expected);
  };

  it('names the file, the JSON path and the problem', () => {
    rejects((p) => (p.rules[3].weight = 'heavy'), /^my-pack\.json: \$\.rules\[3\]\.weight: .*number/m);
  });

  it('rejects a bad version, date, url and category', () => {
    rejects((p) => (p.version = 'v1'), /\$\.version: must be a semantic version/);
    rejects((p) => (p.updated = 'yesterday'), /\$\.updated: /);
    rejects((p) => (p.sources[0].url = 'not a url'), /\$\.sources\[0\]\.url: /);
    rejects((p) => (p.sources[0].url = 'javascript:alert(1)'), /\$\.sources\[0\]\.url: must be a web address/);
    rejects((p) => (p.sources[0].url = 'data:text/html,<script>alert(1)</script>'), /\$\.sources\[0\]\.url: must be a web address/);
    rejects((p) => p.sources.push({ ...p.sources[0] }), /duplicate source id/);
    rejects((p) => (p.rules[0].category = 'weather'), /\$\.rules\[0\]\.category: /);
  });

  it('rejects a rule citing an unknown source, duplicate ids and a rule with nothing to match', () => {
    rejects((p) => (p.rules[1].sources = ['nowhere']), /\$\.rules\[1\]\.sources\[0\]: unknown source "nowhere"/);
    rejects((p) => (p.rules[2].id = p.rules[1].id), /\$\.rules\[2\]\.id: duplicate rule id/);
    rejects((p) => ((p.rules[0].terms = []), (p.rules[0].patterns = [])), /\$\.rules\[0\]\.terms: a rule needs at least one term or pattern/);
  });

  it('rejects rules without samples or explanations in both languages', () => {
    rejects((p) => (p.rules[0].samples.match = []), /\$\.rules\[0\]\.samples\.match: /);
    rejects((p) => delete p.rules[0].explanation.zh, /\$\.rules\[0\]\.explanation\.zh: /);
  });

  it('rejects invalid regular expressions and what cannot run in linear time, saying what to change', () => {
    rejects((p) => p.rules[0].patterns.push({ regex: '(unclosed', anchors: ['x'], canonical: 'x' }), /not a valid regular expression/);
    rejects((p) => p.rules[0].patterns.push({ regex: '(ab)c\\1', anchors: ['ab'], canonical: 'x' }), /back-references such as \\1 cannot be matched in linear time/);
    rejects((p) => p.rules[0].patterns.push({ regex: 'pay(?=\\s*now)', anchors: ['pay'], canonical: 'x' }), /lookaround .* can reach too far: bound its repetitions/);
    rejects((p) => p.rules[0].patterns.push({ regex: 'x{0,30000}', anchors: ['x'], canonical: 'x' }), /too large once its repetitions are counted out/);
  });

  it('accepts the forms that hang a backtracking engine: the engine runs them in linear time', () => {
    for (const regex of ['(a|aa)+$', '(\\w+\\s?)+$', '((a+))+$', '(a+b?)+$', '(a|a)*$', '(.*a){10}x', 'sign\\w*']) {
      const pack = valid();
      pack.rules[0].patterns.push({ regex, anchors: ['sign'], canonical: 'x' });
      expect(validatePack(pack, 'pack.json').ok, regex).toBe(true);
    }
  });

  it('rejects unknown fields (typos do not pass silently)', () => {
    rejects((p) => (p.rules[0].wieght = 2), /\$\.rules\[0\]: Unrecognized key: "wieght"/);
  });

  it('reads a pack saved with a UTF-8 byte-order mark', () => {
    expect(parsePack(`\uFEFF${JSON.stringify(valid())}`, 'core.json').ok).toBe(true);
  });

  it('rejects text that is not JSON', () => {
    const result = parsePack('{"id": ', 'broken.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^broken\.json: not valid JSON/);
  });
});

describe('rules/schema.json', () => {
  it('is the JSON Schema generated from the declared rule shape (run npm run rules:schema)', () => {
    const written = JSON.parse(readFileSync(repoPath('rules/schema.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(packJsonSchema())));
  });
});
