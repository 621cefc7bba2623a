/** `rules verify --key KEY.pub FILE`: whether FILE.sig is the signature of FILE by that key, as subscribers will check it. */
import { parseArgs } from 'node:util';
import { parsePublicKey, parseSignature, verifySignature } from '../packs/signature';
import { fail, readInput, signatureFileOf } from './signing-files';

export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { key: { type: 'string' } } });
  if (!values.key) return fail('rules verify: give the public key with --key KEY.pub (the file subscribers get)');
  if (positionals.length !== 1) return fail('rules verify: name the one signed file (its signature is read from FILE.sig)');
  const file = positionals[0]!;
  const sigFile = signatureFileOf(file);
  const keyFile = readInput(values.key, 'public key');
  if (!keyFile.ok) return fail(keyFile.error);
  const key = parsePublicKey(new TextDecoder().decode(keyFile.bytes));
  if (!key.ok) return fail(`${values.key}: ${key.error}`);
  const data = readInput(file, 'signed file');
  if (!data.ok) return fail(data.error);
  const sigBytes = readInput(sigFile, 'signature');
  if (!sigBytes.ok) return fail(`${sigBytes.error} (make it with: npm run rules -- sign --key KEY ${file})`);
  const signatureText = new TextDecoder().decode(sigBytes.bytes);
  const signature = parseSignature(signatureText);
  if (!signature.ok) return fail(`${sigFile}: ${signature.error}`);
  if (!(await verifySignature(data.bytes, signatureText, key.key))) {
    return fail(`${sigFile} does not match ${file} with the key in ${values.key}: ${file} changed after it was signed (sign it again), or it was signed with another key. Subscribers would refuse it`);
  }
  console.log(`ok: ${sigFile} is a good signature of ${file} by the key in ${values.key}: subscribers with this key will accept the signature`);
  return 0;
}
