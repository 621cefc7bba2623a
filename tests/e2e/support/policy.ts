/**
 * An enterprise policy for the extension, as an admin would push it: Chromium on Linux reads
 * /etc/chromium/policies/managed/*.json, and hands `3rdparty.extensions.<id>` to the extension's
 * managed storage. So that no other browser on the machine sees the test's policy, Chromium runs
 * in a private mount namespace in which that folder is a temporary one
 * (chromium-with-policies.sh). That takes root and unshare; where they are missing the policy
 * tests are skipped and say why.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION } from './browser';

/** Why a policy cannot be applied here, or null when it can. */
export function policyUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'applying a browser policy needs root (Chromium reads it from /etc/chromium/policies)';
  if (!existsSync('/usr/bin/unshare')) return 'applying a browser policy privately needs unshare (util-linux)';
  return null;
}

/** The id Chromium gives an unpacked extension: the first 32 hex digits of sha256(path), 0-f as a-p. */
export function unpackedExtensionId(path = realpathSync(EXTENSION)): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/** Writes a policy folder for the built extension; give it to launchWithExtension({ policy }). */
export function policyFolder(values: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lureguard-policy-'));
  mkdirSync(join(dir, 'managed'));
  writeFileSync(join(dir, 'managed', 'lureguard.json'), JSON.stringify({ '3rdparty': { extensions: { [unpackedExtensionId()]: values } } }));
  return dir;
}
