/** Pack signatures: what a publisher signs, subscribers accept, and nothing else. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePublicKey, parseSignature, toBase64, verifySignature } from '../../../src/packs/signature';
import { generateKeyPair, importPrivateKey, PrivateKeyError, sign } from '../../../src/packs/signing';

const encode = (text: string) => new TextEncoder().encode(text);
const pack = encode('{"id": "acme", "version": "1.0.0"}\n');

async function signedPack() {
  const pair = await generateKeyPair();
  const key = parsePublicKey(pair.publicKey);
  if (!key.ok) throw new Error(key.error);
  return { ...pair, key: key.key, signature: await sign(pack, pair.privateKeyPem) };
}

describe('signing and verifying', () => {
  it('accepts the signature of the exact bytes by the matching key', async () => {
    const { key, signature, publicKey, privateKeyPem } = await signedPack();
    expect(publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PRIVATE KEY-----\n$/);
    expect(await verifySignature(pack, signature, key)).toBe(true);
    // As a .sig file holds it: a trailing newline, or any whitespace around it, is no part of it.
    expect(await verifySignature(pack, `  ${signature}\r\n`, key)).toBe(true);
  });

  it('takes bytes that are a view into a larger buffer (a Node Buffer, say)', async () => {
    const { key, signature } = await signedPack();
    const inside = new Uint8Array(pack.length + 10);
    inside.set(pack, 5);
    expect(await verifySignature(inside.subarray(5, 5 + pack.length), signature, key)).toBe(true);
  });

  it('refuses a pack with any byte changed, added or removed', async () => {
    const { key, signature } = await signedPack();
    const changed = pack.slice();
    changed[10] = changed[10]! ^ 1;
    expect(await verifySignature(changed, signature, key)).toBe(false);
    expect(await verifySignature(encode(`${new TextDecoder().decode(pack)} `), signature, key)).toBe(false);
    expect(await verifySignature(pack.subarray(0, -1), signature, key)).toBe(false);
  });

  it("refuses another publisher's signature", async () => {
    const mine = await signedPack();
    const theirs = await signedPack();
    expect(await verifySignature(pack, theirs.signature, mine.key)).toBe(false);
  });

  it('answers false, never throws, for a malformed signature or key', async () => {
    const { key, signature } = await signedPack();
    for (const text of ['', '   ', 'not a signature', signature.slice(0, -4), `${signature}AAAA`, signature.replace(/^./, '*'), toBase64(new Uint8Array(64))]) {
      expect(await verifySignature(pack, text, key), JSON.stringify(text)).toBe(false);
    }
    for (const badKey of [new Uint8Array(0), key.subarray(0, 31), new Uint8Array(32).fill(0xff)]) {
      expect(await verifySignature(pack, signature, badKey)).toBe(false);
    }
  });
});

describe('parsePublicKey', () => {
  it('takes the 44 characters, with whatever whitespace around them (the whole .pub file)', async () => {
    const { publicKey, key } = await signedPack();
    expect(parsePublicKey(`${publicKey}\n`)).toEqual({ ok: true, key });
    expect(parsePublicKey(`\t ${publicKey} \r\n`)).toEqual({ ok: true, key });
  });

  it('says in plain words what is wrong', async () => {
    const { publicKey, privateKeyPem } = await signedPack();
    const error = (text: string) => {
      const parsed = parsePublicKey(text);
      return parsed.ok ? 'ok' : parsed.error;
    };
    expect(error('')).toBe('no public key: expected 44 characters of base64 (the contents of the .pub file)');
    expect(error(publicKey.slice(1))).toBe('not a public key: expected 44 characters of base64 (the contents of the .pub file), found 43 characters');
    expect(error(`${publicKey.slice(0, -1)}AAAA`)).toMatch(/^not a public key: expected 44 characters .*found 47 characters$/);
    expect(error(`${publicKey.slice(0, 20)} ${publicKey.slice(20)}`)).toMatch(/not base64/);
    expect(error('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG')).toMatch(/^not a public key/);
    expect(error(privateKeyPem)).toMatch(/^this is a private key, which must stay secret/);
  });
});

describe('parseSignature', () => {
  it('names what a .sig file should hold', () => {
    expect(parseSignature('no signature here')).toEqual({ ok: false, error: 'not a signature: expected 88 characters of base64 (the contents of the .sig file), found text that is not base64' });
    expect(parseSignature(toBase64(new Uint8Array(64)))).toMatchObject({ ok: true });
  });
});

describe('importPrivateKey', () => {
  it('explains a file that is not an Ed25519 private key', async () => {
    const { publicKey } = await signedPack();
    const reason = (pem: string) => importPrivateKey(pem).then(() => 'ok', (error: Error) => `${error instanceof PrivateKeyError}: ${error.message}`);
    expect(await reason(`${publicKey}\n`)).toMatch(/^true: this is a public key \(a \.pub file\)/);
    expect(await reason('hello')).toMatch(/^true: not a private key: expected a PEM file that starts with -----BEGIN PRIVATE KEY-----/);
    expect(await reason('-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n')).toMatch(/^true: not an Ed25519 private key/);
    expect(await reason('-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n')).toMatch(/^true: this private key is protected by a passphrase/);
  });
});

// Keys and signatures are the standard ones: openssl makes and checks them too.
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!hasOpenssl)('with openssl', () => {
  const openssl = (...args: string[]) => {
    const result = spawnSync('openssl', args, { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('a key openssl made signs packs, and its signatures verify here', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lureguard-openssl-'));
    const [keyFile, packFile, sigFile] = ['key.pem', 'pack.json', 'pack.json.sig.bin'].map((name) => join(dir, name)) as [string, string, string];
    expect(openssl('genpkey', '-algorithm', 'ed25519', '-out', keyFile).status).toBe(0);
    writeFileSync(packFile, pack);
    expect(openssl('pkeyutl', '-sign', '-rawin', '-inkey', keyFile, '-in', packFile, '-out', sigFile).status).toBe(0);
    const publicDer = spawnSync('openssl', ['pkey', '-in', keyFile, '-pubout', '-outform', 'DER']).stdout as Buffer;
    const publicKey = new Uint8Array(publicDer.subarray(-32));
    expect(await verifySignature(pack, toBase64(readFileSync(sigFile)), publicKey)).toBe(true);
    // And the other way: this code's signature with openssl's key is the same Ed25519 signature.
    expect(await sign(pack, readFileSync(keyFile, 'utf8'))).toBe(toBase64(readFileSync(sigFile)));
  });

  it('openssl reads the private key keygen writes', async () => {
    const { privateKeyPem, publicKey } = await signedPack();
    const keyFile = join(mkdtempSync(join(tmpdir(), 'lureguard-openssl-')), 'key.pem');
    writeFileSync(keyFile, privateKeyPem);
    const publicDer = spawnSync('openssl', ['pkey', '-in', keyFile, '-pubout', '-outform', 'DER']).stdout as Buffer;
    expect(toBase64(publicDer.subarray(-32))).toBe(publicKey);
  });
});
