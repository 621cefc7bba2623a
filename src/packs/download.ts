/**
 * Downloads a subscribed pack and its detached signature, and accepts it only when everything
 * holds: the server answered in time, within size, the signature is the publisher's, the pack is
 * valid and its version moves forward. Any failure is a sentence a person can act on; the caller
 * keeps the last good pack. Pure apart from the fetch it is given.
 */
import type { RulePack } from '../rules/schema';
import { parsePack } from '../rules/validate';
import { parsePublicKey, verifySignature } from './signature';
import { compareVersions } from './version';

export interface DownloadLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** Generous for a pack (the core pack is under 0.5 MB), small enough that a server cannot fill the browser. */
export const DOWNLOAD_LIMITS: DownloadLimits = { timeoutMs: 30_000, maxBytes: 4 * 1024 * 1024 };

/** The server's validators of the version we hold, for a conditional request. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type PackDownload =
  | { kind: 'unchanged'; validators: Validators }
  | { kind: 'new'; pack: RulePack; validators: Validators }
  | { kind: 'failed'; error: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a subscription address cannot be used, or null: https only, http only on this computer. */
export function subscriptionUrlProblem(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return `"${address}" is not a web address: give the full address of the pack, starting with https://`;
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return null;
  return `${url.protocol}//${url.host} is not allowed: a pack must come over https:// (http:// only from this computer, for testing)`;
}

/** The signature sits beside the pack: pack.json → pack.json.sig (the query string kept). */
export function signatureUrlOf(address: string): string {
  const url = new URL(address);
  url.pathname += '.sig';
  return url.href;
}

class DownloadFailure extends Error {}

/** Reads a body up to a limit, so that an endless or huge answer is cut off, not stored. */
async function readLimited(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const tooLarge = () => new DownloadFailure(`the ${what} is larger than ${Math.round(maxBytes / 1024)} KB, the most Lureguard accepts: ask the publisher to check it`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw tooLarge();
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function get(fetcher: typeof fetch, url: string, headers: Record<string, string>, signal: AbortSignal, what: string): Promise<Response> {
  let response: Response;
  try {
    // No cookies or stored credentials go to a pack server, and no cached copy stands in for it.
    response = await fetcher(url, { headers, signal, cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new DownloadFailure(`could not reach ${new URL(url).host} for the ${what} (${(error as Error).message}): check the address and the connection`);
  }
  // A redirect may not leave https (the pack and its signature would come over plain http).
  const redirected = response.url && response.url !== url ? subscriptionUrlProblem(response.url) : null;
  if (redirected) throw new DownloadFailure(`the server sent the ${what} on to another address: ${redirected}`);
  if (response.status !== 304 && !response.ok) {
    throw new DownloadFailure(`the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for the ${what}: check the address, or ask the publisher`);
  }
  return response;
}

/**
 * Downloads the pack at url, signed with publicKey. `current` is the pack held now, with the
 * validators it came with: the server may answer that nothing changed.
 */
export async function downloadPack(
  url: string,
  publicKey: string,
  current: { pack?: RulePack; validators: Validators },
  fetcher: typeof fetch = fetch,
  limits: DownloadLimits = DOWNLOAD_LIMITS,
): Promise<PackDownload> {
  const urlProblem = subscriptionUrlProblem(url);
  if (urlProblem) return { kind: 'failed', error: urlProblem };
  const key = parsePublicKey(publicKey);
  if (!key.ok) return { kind: 'failed', error: key.error };

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const conditional: Record<string, string> = {};
    if (current.pack && current.validators.etag) conditional['If-None-Match'] = current.validators.etag;
    if (current.pack && current.validators.lastModified) conditional['If-Modified-Since'] = current.validators.lastModified;
    const response = await get(fetcher, url, conditional, controller.signal, 'pack');
    const validators: Validators = {
      etag: response.headers.get('etag') ?? current.validators.etag,
      lastModified: response.headers.get('last-modified') ?? current.validators.lastModified,
    };
    if (response.status === 304) {
      // "Not modified" answers a question only a browser holding the pack asks.
      if (!current.pack) return { kind: 'failed', error: 'the server answered 304 (not modified) to a first download: ask the publisher to check its cache settings' };
      return { kind: 'unchanged', validators };
    }
    const bytes = await readLimited(response, limits.maxBytes, 'pack');
    const signatureResponse = await get(fetcher, signatureUrlOf(url), {}, controller.signal, 'signature (.sig file)');
    const signature = new TextDecoder().decode(await readLimited(signatureResponse, 4096, 'signature'));
    if (!(await verifySignature(bytes, signature, key.key))) {
      return { kind: 'failed', error: "the signature does not match the publisher's key: the pack was changed after it was signed, or signed with another key. Nothing was changed; check the key with the publisher" };
    }
    const parsed = parsePack(new TextDecoder().decode(bytes), 'the pack');
    if (!parsed.ok) {
      const more = parsed.errors.length > 3 ? ` (and ${parsed.errors.length - 3} more)` : '';
      return { kind: 'failed', error: `the pack is not valid: ${parsed.errors.slice(0, 3).join('; ')}${more}. Ask the publisher to fix it` };
    }
    const held = current.pack;
    if (held && parsed.pack.id !== held.id) {
      return { kind: 'failed', error: `the address now serves pack "${parsed.pack.id}", not "${held.id}": if the publisher moved the pack, remove this subscription and add the new one` };
    }
    if (held) {
      const order = compareVersions(parsed.pack.version, held.version);
      if (order < 0) return { kind: 'failed', error: `the server offers version ${parsed.pack.version}, older than ${held.version} already installed: a pack's version only moves forward` };
      if (order === 0) return { kind: 'unchanged', validators };
    }
    return { kind: 'new', pack: parsed.pack, validators };
  } catch (error) {
    if (error instanceof DownloadFailure) return { kind: 'failed', error: error.message };
    if (controller.signal.aborted) return { kind: 'failed', error: `no complete answer within ${Math.round(limits.timeoutMs / 1000)} s: the server is slow or down; Lureguard tries again later` };
    return { kind: 'failed', error: `the download failed (${(error as Error).message})` };
  } finally {
    clearTimeout(timer);
  }
}
