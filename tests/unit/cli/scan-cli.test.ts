/** The CLI as a rule author runs it: a real process, real files, its stdout, stderr and exit status. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { repoPath } from '../../helpers/core';

// Each test starts real processes (tsx, then the core pack compiled): seconds on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const tsx = repoPath('node_modules/.bin/tsx');
const cli = repoPath('src/cli/scan.ts');
const fixture = (name: string) => repoPath(`tests/fixtures/pages/${name}`);

function run(args: string[], stdin?: string) {
  const result = spawnSync(tsx, [cli, ...args], { input: stdin, encoding: 'utf8', cwd: repoPath('.') });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'lureguard-cli-'));
const write = (name: string, content: string) => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};

describe('npm run scan', () => {
  it('prints one JSON object per input, in order, with findings and source links', () => {
    const message = write('message.txt', '你好，柬埔寨西港高薪招客服，月入三万，包吃包住，零经验，先出国再签合同，加V信细聊。');
    const { status, stdout } = run(['--json', fixture('job-board-en.html'), fixture('news-crackdown.html'), message]);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.input)).toEqual([fixture('job-board-en.html'), fixture('news-crackdown.html'), message]);
    expect(lines[0].risk).toBe('high');
    expect(lines[1].risk).toMatch(/^(none|low)$/);
    expect(lines[2].risk).toBe('high');
    const place = lines[2].findings.find((f: { rule: string }) => f.rule === 'place-cambodia');
    expect(place).toMatchObject({ category: 'high-risk-location', text: '柬埔寨' });
    expect(place.sources[0]).toMatch(/^https?:\/\//);
    expect(Object.keys(lines[0]).sort()).toEqual(['findings', 'input', 'risk', 'score']);
  });

  it('reads only the visible text of HTML', () => {
    const { stdout } = run(['--json', fixture('job-board-en.html')]);
    const texts = JSON.parse(stdout).findings.map((f: { text: string }) => f.text.toLowerCase());
    // "Myawaddy" and "casino" appear only in hidden elements, styles and scripts.
    expect(texts.some((t: string) => t.includes('myawaddy') || t.includes('casino'))).toBe(false);
    expect(texts).toContain('mae sot');
  });

  it('prints a readable report with the reason, the matches and the sourced cases', () => {
    const { status, stdout } = run([fixture('job-board-en.html')]);
    expect(status).toBe(0);
    expect(stdout).toContain('HIGH RISK');
    expect(stdout).toContain('looks like a fake job abroad');
    expect(stdout).toMatch(/Matched:\n/);
    expect(stdout).toMatch(/\n\s+- unusually high pay: "USD 3,400/);
    expect(stdout).toMatch(/Sourced cases:\n\s+- .+ https?:\/\//);
  });

  it('reads standard input for -', () => {
    const { stdout } = run(['--json', '-'], 'Guaranteed 5% daily profit! Join our VIP group, the professor sends signals. Download the app from the link and deposit USDT.');
    expect(JSON.parse(stdout)).toMatchObject({ input: '-', risk: 'high' });
  });

  it('reports unreadable input on stderr with exit status 2 and still reports the others', () => {
    const good = write('good.txt', 'Weather: sunny.');
    const { status, stdout, stderr } = run(['--json', join(scratch, 'missing.txt'), good]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/missing\.txt: cannot read the input: no such file/);
    expect(JSON.parse(stdout.trim())).toMatchObject({ input: good, risk: 'none' });
  });

  it('rejects a bad pack with file, path and reason, and scans with the rest', () => {
    const bad = write('bad-pack.json', JSON.stringify({ id: 'x', name: 'X', version: 'one', publisher: 'me', updated: '2026-01-01', sources: [], rules: [] }));
    const good = write('good.txt', 'Work in Myawaddy.');
    const { status, stdout, stderr } = run(['--json', '--pack', bad, good]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/bad-pack\.json: \$\.version: must be a semantic version/);
    expect(JSON.parse(stdout.trim()).risk).toBe('low');
  });

  it('loads an extra pack next to the core pack', () => {
    const pack = {
      id: 'acme', name: 'Acme extras', version: '1.0.0', publisher: 'Acme', updated: '2026-11-01',
      sources: [{ id: 'memo', url: 'https://example.org/memo', title: 'Memo', publisher: 'Acme', date: '2026-10', summary: { en: 'A memo.', zh: '备忘。' } }],
      rules: [{
        id: 'acme-codeword', category: 'telecom-fraud', role: 'lure', weight: 3,
        label: { en: 'codeword', zh: '暗号' }, explanation: { en: 'A codeword.', zh: '暗号。' },
        terms: ['zanzibar protocol'], sources: ['memo'],
        samples: { match: ['the zanzibar protocol'], noMatch: ['zanzibar'] },
      }],
    };
    const path = write('acme.json', JSON.stringify(pack));
    const text = write('t.txt', 'Follow the Zanzibar protocol and keep it secret.');
    const { status, stdout } = run(['--json', '--pack', path, text]);
    expect(status).toBe(0);
    const rules = JSON.parse(stdout).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['acme-codeword', 'secrecy']));
  });

  it('refuses a pack that reuses a core rule id unless the rule says it overrides it, and says what it replaced', () => {
    const pack = (overrides: boolean) => ({
      id: 'acme', name: 'Acme extras', version: '1.0.0', publisher: 'Acme', updated: '2026-11-01',
      sources: [{ id: 'memo', url: 'https://example.org/memo', title: 'Memo', publisher: 'Acme', date: '2026-10', summary: { en: 'A memo.', zh: '备忘。' } }],
      rules: [{
        id: 'secrecy', ...(overrides && { overrides: true }), category: 'pressure-tactic', role: 'lure', weight: 1,
        label: { en: 'hush order', zh: '封口令' }, explanation: { en: 'A hush order.', zh: '封口令。' },
        terms: ['hush order'], sources: ['memo'],
        samples: { match: ['a hush order'], noMatch: ['hush'] },
      }],
    });
    const text = write('hush.txt', 'This is a hush order: keep it secret.');
    const clash = run(['--json', '--pack', write('clash.json', JSON.stringify(pack(false))), text]);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toMatch(/pack "acme" has a rule "secrecy", as pack "lureguard-core" does: to replace that rule, add "overrides": true/);
    const override = run(['--json', '--pack', write('override.json', JSON.stringify(pack(true))), text]);
    expect(override.status).toBe(0);
    expect(override.stderr).toContain('pack "acme" replaces the rule "secrecy" of pack "lureguard-core"');
    const found = JSON.parse(override.stdout).findings.filter((f: { rule: string }) => f.rule === 'secrecy').map((f: { text: string }) => f.text.toLowerCase());
    expect(found).toEqual(['hush order']);
  });
});

