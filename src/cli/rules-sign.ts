/** `rules sign --key KEY FILE`: the detached signature FILE.sig of a pack, made with the publisher's private key. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PrivateKeyError, sign } from '../packs/signing';
import { fail, readInput, signatureFileOf } from './signing-files';

export async function signCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { key: { type: 'string' } } });
  if (!values.key) return fail('rules sign: give the private key with --key KEY (the file `npm run rules -- keygen` wrote, not the .pub)');
  if (positionals.length !== 1) return fail('rules sign: name the one file to sign, the pack JSON that `npm run rules -- build` wrote');
  const file = positionals[0]!;
  const pem = readInput(values.key, 'private key');
  if (!pem.ok) return fail(pem.error);
  const data = readInput(file, 'file to sign');
  if (!data.ok) return fail(data.error);
  let signature: string;
  try {
    signature = await sign(data.bytes, new TextDecoder().decode(pem.bytes));
  } catch (error) {
    if (error instanceof PrivateKeyError) return fail(`${values.key}: ${error.message}`);
    throw error;
  }
  const out = signatureFileOf(file);
  writeFileSync(out, `${signature}\n`);
  console.log(`wrote ${out}: the signature of ${file} as it is now (${data.bytes.length} bytes)
  publish both side by side: ${file} at its address, ${out} at the same address with .sig added
  sign again after every change to ${file}, even a single byte`);
  return 0;
}
