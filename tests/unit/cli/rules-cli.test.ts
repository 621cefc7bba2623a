/** `npm run rules` as a rule author runs it: a real process, real files, its output and exit status. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { repoPath } from '../../helpers/core';

// Each test starts real processes (tsx, then the whole core pack compiled and its samples run):
// seconds each on a busy two-core machine, more than the default five.
vi.setConfig({ testTimeout: 30_000 });

const tsx = repoPath('node_modules/.bin/tsx');
const cli = repoPath('src/cli/rules.ts');
const mini = repoPath('tests/fixtures/packs/mini');
const corpus = repoPath('tests/fixtures/corpus/masscheck.jsonl');

function run(args: string[]) {
  const result = spawnSync(tsx, [cli, ...args], { encoding: 'utf8', cwd: repoPath('.') });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the mini pack source to break, one file at a time. */
function miniCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'lureguard-rules-')), 'mini');
  cpSync(mini, dir, { recursive: true });
  return dir;
}
const edit = (dir: string, file: string, change: (text: string) => string) =>
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));

describe('npm run rules -- build', () => {
  it('compiles a pack source folder into pack JSON with the fitted scores and thresholds', () => {
    const dir = miniCopy();
    const out = join(dir, '..', 'mini.json');
    const { status, stdout } = run(['build', dir, '--out', out]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/3 rules, 1 sources/);
    const pack = JSON.parse(readFileSync(out, 'utf8'));
    expect(pack.scoring).toEqual({ medium: 2, high: 4 });
    expect(Object.fromEntries(pack.rules.map((rule: { id: string; weight: number }) => [rule.id, rule.weight]))).toEqual({
      'mini-high-pay': 1.5,
      'mini-chat-app': 1,
      'mini-warning': 2,
    });
    // Defaults are filled in, so the extension never meets a rule without its fields.
    expect(pack.rules[0]).toMatchObject({ patterns: [], fuzzy: false, negatable: false });
  });

  it('rules/core.json is exactly what rules/core builds to (it is generated, never edited)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lureguard-core-')), 'core.json');
    const { status, stderr } = run(['build', 'rules/core', '--out', out]);
    expect(stderr).not.toMatch(/error/i);
    expect(status).toBe(0);
    expect(readFileSync(out, 'utf8'), 'run `npm run rules -- build` and commit rules/core.json').toBe(readFileSync(repoPath('rules/core.json'), 'utf8'));
  });
});

describe('npm run rules -- validate', () => {
  it('accepts a good pack, as source folder or built JSON', () => {
    expect(run(['validate', mini]).stdout).toMatch(/ok \(3 rules, 1 sources\)/);
    expect(run(['validate', 'rules/core.json']).status).toBe(0);
  });

  it('names the file, the path inside it and the problem, and exits 2', () => {
    const dir = miniCopy();
    edit(dir, 'job-abroad/mini-high-pay.yaml', (text) => text.replace('sources: [st-interpol-2023]', 'sources: [nowhere]'));
    edit(dir, 'pressure-tactic/mini-chat-app.yaml', (text) => text.replace('id: mini-chat-app', 'id: another-name'));
    edit(dir, 'scores.yaml', (text) => `${text}  gone-rule: 1\n`);
    const { status, stderr } = run(['validate', dir]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/mini-high-pay\.yaml: \$\.sources\[0\]: unknown source "nowhere"/);
    expect(stderr).toMatch(/mini-chat-app\.yaml: \$\.id: the id "another-name" must be the file's name \(mini-chat-app\)/);
    expect(stderr).toMatch(/scores\.yaml: \$\.rules\.gone-rule: no rule has this id/);
  });

  it('reports YAML syntax errors with their line', () => {
    const dir = miniCopy();
    edit(dir, 'news-or-advice/mini-warning.yaml', (text) => text.replace('terms: [beware, 谨防]', 'terms: [beware, 谨防'));
    const { status, stderr } = run(['validate', dir]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/mini-warning\.yaml: not valid YAML: .*line \d+/);
  });

  it('rejects samples that do not behave, and terms or patterns that match everywhere or nothing', () => {
    const dir = miniCopy();
    edit(dir, 'job-abroad/mini-high-pay.yaml', (text) =>
      text
        .replace('terms: [high salary, 高薪]', `terms: [high salary, 高薪, a, "\\u200b"]\npatterns:\n  - regex: 'x?'\n    anchors: [x]\n    canonical: anything\n  - regex: 'typ\\w+'\n    anchors: [typewriter]\n    canonical: typing\n  - regex: 'carbon copies'\n    anchors: [carbon]\n    canonical: copies`)
        .replace('match: [high salary for typists]', 'match: [good pay for typists]'),
    );
    const { status, stderr } = run(['validate', dir]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/\$\.terms\[2\]: "a" is a single character after normalization/);
    expect(stderr).toMatch(/\$\.terms\[3\]: ".*" normalizes to nothing/);
    expect(stderr).toMatch(/\$\.patterns\[0\]\.regex: matches the empty string/);
    expect(stderr).toMatch(/\$\.patterns\[2\]\.regex: matches none of the rule's samples/);
    expect(stderr).not.toMatch(/\$\.patterns\[1\]\.regex: matches none/);
    expect(stderr).toMatch(/\$\.patterns\[1\]\.anchors: the pattern matches "typists" in a sample, which contains none of its anchors/);
    expect(stderr).toMatch(/\$\.patterns\[0\]\.anchors\[0\]: "x" is a single letter or digit: the pattern would run on almost every segment/);
    expect(stderr).toMatch(/\$\.samples\.match\[0\]: "good pay for typists" does not match the rule/);
  });
});

describe('npm run rules -- masscheck', () => {
  it('prints each rule\'s hits on lures and benign items, S/O and the benign items it fires on', () => {
    const { status, stdout } = run(['masscheck', '--pack', mini, '--benign', corpus]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/3 lures, 3 benign items/);
    expect(stdout).toMatch(/100\.0%\s+66\.7%\s+0\.60\s+1\.50\s+lure\s+mini-high-pay/);
    expect(stdout).toMatch(/100\.0%\s+33\.3%\s+0\.75\s+1\.00\s+lure\s+mini-chat-app/);
    expect(stdout).toMatch(/0\.0%\s+33\.3%\s+0\.00\s+2\.00\s+counter\s+mini-warning/);
    expect(stdout).toMatch(/benign: M-B1 \(anti-fraud-advice\), M-B2 \(chat-benign\)/);
    expect(stdout).toMatch(/never fire \(0\)/);
  });

  it('gives the same statistics as JSON', () => {
    const result = JSON.parse(run(['masscheck', '--pack', mini, '--json', corpus]).stdout);
    const chat = result.rules.find((rule: { rule: string }) => rule.rule === 'mini-chat-app');
    expect(chat).toMatchObject({ lureHits: 3, benignHits: 1, so: 0.75, benignItems: ['M-B1 (anti-fraud-advice)'] });
  });

  it('says which corpus line is broken', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'lureguard-corpus-')), 'bad.jsonl');
    writeFileSync(bad, '{"id": "x", "label": "lure", "text": "a"}\n{"id": "y", "label": "maybe", "text": "b"}\nnot json\n');
    const { status, stderr } = run(['masscheck', '--pack', mini, bad]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/bad\.jsonl:2: label: /);
    expect(stderr).toMatch(/bad\.jsonl:3: not valid JSON/);
  });
});

describe('npm run rules -- fit', () => {
  it('fits scores, prints cross-validated and fitted figures, and writes scores.yaml', () => {
    const dir = miniCopy();
    const { status, stdout } = run(['fit', '--pack', dir, '--folds', '3', corpus]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/cross-validated \(3 folds\): lure recall [\d.]+% of 3, benign false alarms [\d.]+% of 3/);
    expect(stdout).toMatch(/fitted on all: +lure recall/);
    const scores = readFileSync(join(dir, 'scores.yaml'), 'utf8');
    expect(scores).toMatch(/^# Fitted by `npm run rules -- fit`/);
    expect(scores).toMatch(/mini-warning: [\d.]+/);
    // The refitted pack still builds.
    expect(run(['build', dir, '--out', join(dir, '..', 'refit.json')]).status).toBe(0);
  });

  it('refuses a bad --folds with a message', () => {
    const { status, stderr } = run(['fit', '--pack', mini, '--folds', 'one', corpus]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--folds takes a whole number of at least 2/);
  });
});
