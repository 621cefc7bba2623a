/**
 * Checks that a subscribed pack is the publisher's: an Ed25519 signature over the pack's exact
 * bytes, made with the publisher's private key, checked with their public key. WebCrypto only
 * (`globalThis.crypto.subtle`), no Node imports: the same code runs in the extension's background
 * (Chromium, Firefox 140) and in the CLI (Node 20).
 *
 * Formats, all plain text an admin can paste or publish:
 *
 *   public key   the base64 of the raw 32-byte key: 44 characters ending in "=". The .pub file
 *                that `npm run rules -- keygen` writes holds it and a newline; the options page
 *                and an admin policy take the same text.
 *   FILE.sig     a detached signature: the base64 of the 64-byte Ed25519 signature over the
 *                exact bytes of FILE (88 characters ending in "=="). Whitespace around it,
 *                a trailing newline say, is ignored; the bytes of FILE are not touched.
 *   private key  PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), which openssl also reads and
 *                writes (see signing.ts; only the CLI uses it).
 */

export const ED25519 = { name: 'Ed25519' } as const;
const PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

export type ParsedPublicKey = { ok: true; key: Uint8Array } | { ok: false; error: string };
export type ParsedSignature = { ok: true; signature: Uint8Array } | { ok: false; error: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (atob alone would skip stray whitespace inside), or null. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The bytes of base64 text of exactly `size` bytes, whitespace around it ignored; else what is wrong. */
function decodeFixed(text: string, size: number, what: string, file: string): Uint8Array | string {
  const trimmed = text.trim();
  const expected = `expected ${Math.ceil(size / 3) * 4} characters of base64 (the contents of the ${file} file)`;
  if (trimmed === '') return `no ${what}: ${expected}`;
  const bytes = fromBase64(trimmed);
  if (bytes?.length === size) return bytes;
  return `not a ${what}: ${expected}, found ${BASE64.test(trimmed) ? `${trimmed.length} characters` : 'text that is not base64'}`;
}

/** The publisher's public key from what an admin pasted: the 44 characters, or the whole .pub file. */
export function parsePublicKey(text: string): ParsedPublicKey {
  // The likeliest mix-up is the other file of the pair; say so, since that one must stay secret.
  if (text.includes('PRIVATE KEY')) {
    return { ok: false, error: 'this is a private key, which must stay secret: give the public key instead (the contents of the .pub file)' };
  }
  const key = decodeFixed(text, PUBLIC_KEY_BYTES, 'public key', '.pub');
  return typeof key === 'string' ? { ok: false, error: key } : { ok: true, key };
}

/** The signature bytes of a .sig file's text, or what is wrong with it. */
export function parseSignature(text: string): ParsedSignature {
  const signature = decodeFixed(text, SIGNATURE_BYTES, 'signature', '.sig');
  return typeof signature === 'string' ? { ok: false, error: signature } : { ok: true, signature };
}

/**
 * Whether signatureText is publicKey's signature of data. False, never an exception, for anything
 * that is not: a malformed signature or key, a key WebCrypto refuses, changed data.
 */
export async function verifySignature(data: Uint8Array, signatureText: string, publicKey: Uint8Array): Promise<boolean> {
  const parsed = parseSignature(signatureText);
  if (!parsed.ok) return false;
  try {
    // Copies: WebCrypto takes bytes backed by a plain ArrayBuffer, which a caller's view need not be.
    const key = await crypto.subtle.importKey('raw', new Uint8Array(publicKey), ED25519, false, ['verify']);
    return await crypto.subtle.verify(ED25519, key, new Uint8Array(parsed.signature), new Uint8Array(data));
  } catch {
    return false;
  }
}
