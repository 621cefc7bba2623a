/** The files of the signing commands (keygen, sign, verify): their names, and reading them with plain errors. */
import { readFileSync } from 'node:fs';

/** A signature sits beside what it signs, as the extension downloads it: pack.json → pack.json.sig. */
export const signatureFileOf = (file: string) => `${file}.sig`;
export const publicKeyFileOf = (privateKeyFile: string) => `${privateKeyFile}.pub`;

/** Why a file could not be read or written, in words: the error code alone means little to an admin. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
}

/** The bytes of path, or a message naming it, what it was wanted as, and why it could not be read. */
export function readInput(path: string, what: string): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  try {
    return { ok: true, bytes: readFileSync(path) };
  } catch (error) {
    return { ok: false, error: `${path}: cannot read the ${what}: ${fileProblem(error)}` };
  }
}

/** Prints the message and gives the error exit status, as every rules command does. */
export function fail(message: string): number {
  console.error(message);
  return 2;
}
