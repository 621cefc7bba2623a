/**
 * The publisher's side of signature.ts: making a key pair and signing a pack. Only the CLI signs
 * (the extension only verifies), but this stays WebCrypto-only like its counterpart, so that the
 * two cannot drift apart. The private key is PKCS#8 PEM, the format openssl reads and writes:
 * `openssl genpkey -algorithm ed25519` makes a key `sign` takes.
 */
import { ED25519, fromBase64, parsePublicKey, toBase64 } from './signature';

/** A private key file that cannot be used, with what to do about it. */
export class PrivateKeyError extends Error {}

const PEM_LABEL = 'PRIVATE KEY';
const PEM_BLOCK = new RegExp(`-----BEGIN ${PEM_LABEL}-----([A-Za-z0-9+/=\\s]*)-----END ${PEM_LABEL}-----`);

function toPem(der: ArrayBuffer): string {
  const lines = toBase64(new Uint8Array(der)).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${PEM_LABEL}-----\n${lines.join('\n')}\n-----END ${PEM_LABEL}-----\n`;
}

/** A new key pair: the private key as PEM, the public key in the form subscribers paste. */
export async function generateKeyPair(): Promise<{ privateKeyPem: string; publicKey: string }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const [pkcs8, raw] = await Promise.all([crypto.subtle.exportKey('pkcs8', pair.privateKey), crypto.subtle.exportKey('raw', pair.publicKey)]);
  return { privateKeyPem: toPem(pkcs8), publicKey: toBase64(new Uint8Array(raw)) };
}

/** The signing key in a PEM text; a PrivateKeyError says in plain words why not. */
export async function importPrivateKey(pem: string): Promise<CryptoKey> {
  if (pem.includes('ENCRYPTED PRIVATE KEY')) {
    throw new PrivateKeyError('this private key is protected by a passphrase, which Lureguard does not ask for: write an unprotected copy with `openssl pkey -in KEY -out KEY.plain` and keep that one as safe');
  }
  if (parsePublicKey(pem).ok) {
    throw new PrivateKeyError('this is a public key (a .pub file): signing takes the private key, the file of the same name without .pub');
  }
  const der = fromBase64(PEM_BLOCK.exec(pem)?.[1]?.replace(/\s+/g, '') ?? '');
  if (!der || der.length === 0) {
    throw new PrivateKeyError(`not a private key: expected a PEM file that starts with -----BEGIN ${PEM_LABEL}----- (as \`npm run rules -- keygen\` writes)`);
  }
  try {
    return await crypto.subtle.importKey('pkcs8', new Uint8Array(der), ED25519, false, ['sign']);
  } catch {
    throw new PrivateKeyError('not an Ed25519 private key: rule packs are signed with Ed25519 keys (`npm run rules -- keygen` makes one)');
  }
}

/** The detached signature of data, as a .sig file holds it (base64, see signature.ts). */
export async function sign(data: Uint8Array, privateKeyPem: string): Promise<string> {
  const key = await importPrivateKey(privateKeyPem);
  return toBase64(new Uint8Array(await crypto.subtle.sign(ED25519, key, new Uint8Array(data))));
}
