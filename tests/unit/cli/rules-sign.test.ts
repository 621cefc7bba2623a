/** `npm run rules -- keygen / sign / verify` as a pack publisher runs them: real processes, real files. */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { repoPath } from '../../helpers/core';

// Each test starts several real processes (tsx): seconds each on a busy two-core machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const tsx = repoPath('node_modules/.bin/tsx');
const cli = repoPath('src/cli/rules.ts');

/** Runs in the publisher's folder, so that file names are the ones they type. */
function run(dir: string, args: string[]) {
  const result = spawnSync(tsx, [cli, ...args], { encoding: 'utf8', cwd: dir });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A folder with a pack file to sign (any bytes do: signing does not read them as a pack). */
function publisherFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lureguard-sign-'));
  writeFileSync(join(dir, 'pack.json'), '{"id": "acme", "version": "1.0.0"}\n');
  return dir;
}

describe('npm run rules -- keygen', () => {
  it('writes the private key for its owner only and the public key beside it, and says which goes where', () => {
    const dir = publisherFolder();
    const { status, stdout } = run(dir, ['keygen', 'acme.key']);
    expect(status).toBe(0);
    expect(readFileSync(join(dir, 'acme.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(statSync(join(dir, 'acme.key')).mode & 0o777).toBe(0o600);
    const publicKey = readFileSync(join(dir, 'acme.key.pub'), 'utf8');
    expect(publicKey).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(stdout).toMatch(/private key to acme\.key .*\n.*keep it secret/);
    expect(stdout).toContain(`public key to acme.key.pub\n  give it to subscribers`);
    expect(stdout).toContain(publicKey.trim());
  });

  it('never overwrites a key, and says what to do instead', () => {
    const dir = publisherFolder();
    expect(run(dir, ['keygen', 'acme.key']).status).toBe(0);
    const before = readFileSync(join(dir, 'acme.key'), 'utf8');
    const { status, stderr } = run(dir, ['keygen', 'acme.key']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/acme\.key and acme\.key\.pub already exist: keygen never replaces a key.*Choose another name/);
    expect(readFileSync(join(dir, 'acme.key'), 'utf8')).toBe(before);
    // Nor the public half alone: the private key would no longer match what subscribers hold.
    writeFileSync(join(dir, 'other.key.pub'), 'kept\n');
    expect(run(dir, ['keygen', 'other.key']).status).toBe(2);
    expect(existsSync(join(dir, 'other.key'))).toBe(false);
  });
});

describe('npm run rules -- sign and verify', () => {
  // One publisher's folder with two key pairs, made once: each process takes seconds here.
  let dir = '';
  beforeAll(() => {
    dir = publisherFolder();
    for (const key of ['acme.key', 'other.key']) expect(run(dir, ['keygen', key]).status).toBe(0);
  });

  it('signs a pack, and verify accepts it with the public key', () => {
    const signed = run(dir, ['sign', '--key', 'acme.key', 'pack.json']);
    expect(signed.status).toBe(0);
    expect(signed.stdout).toMatch(/^wrote pack\.json\.sig: the signature of pack\.json/);
    expect(readFileSync(join(dir, 'pack.json.sig'), 'utf8')).toMatch(/^[A-Za-z0-9+/]{86}==\n$/);
    const verified = run(dir, ['verify', '--key', 'acme.key.pub', 'pack.json']);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/^ok: pack\.json\.sig is a good signature of pack\.json by the key in acme\.key\.pub/);
  });

  it('verify refuses, with exit status 2, another key or a pack changed after signing', () => {
    writeFileSync(join(dir, 'changed.json'), '{"id": "acme", "version": "1.0.1"}\n');
    expect(run(dir, ['sign', '--key', 'acme.key', 'changed.json']).status).toBe(0);
    const otherKey = run(dir, ['verify', '--key', 'other.key.pub', 'changed.json']);
    expect(otherKey.status).toBe(2);
    expect(otherKey.stderr).toMatch(/changed\.json\.sig does not match changed\.json with the key in other\.key\.pub/);
    appendFileSync(join(dir, 'changed.json'), ' ');
    const tampered = run(dir, ['verify', '--key', 'acme.key.pub', 'changed.json']);
    expect(tampered.status).toBe(2);
    expect(tampered.stderr).toMatch(/changed after it was signed \(sign it again\)/);
  });

  it.each([
    [['sign', '--key', 'missing.key', 'pack.json'], /^missing\.key: cannot read the private key: no such file or folder/],
    [['sign', '--key', 'acme.key.pub', 'pack.json'], /^acme\.key\.pub: this is a public key \(a \.pub file\): signing takes the private key/],
    [['sign', '--key', 'pack.json', 'pack.json'], /^pack\.json: not a private key: expected a PEM file that starts with -----BEGIN PRIVATE KEY-----/],
    [['sign', '--key', 'acme.key', 'missing.json'], /^missing\.json: cannot read the file to sign: no such file or folder/],
    [['sign', 'pack.json'], /give the private key with --key KEY/],
    [['verify', '--key', 'acme.key', 'pack.json'], /^acme\.key: this is a private key, which must stay secret/],
    [['verify', '--key', 'acme.key.pub', 'unsigned.json'], /^unsigned\.json\.sig: cannot read the signature: no such file or folder \(make it with: npm run rules -- sign --key KEY unsigned\.json\)/],
  ])('explains a missing or mixed-up file in plain words: %j', (args, message) => {
    writeFileSync(join(dir, 'unsigned.json'), '{}\n');
    const { status, stderr } = run(dir, args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });
});
