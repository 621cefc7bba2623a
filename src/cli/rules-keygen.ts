/** `rules keygen OUT`: a new signing key pair for a pack publisher (OUT, the private key, and OUT.pub). */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateKeyPair } from '../packs/signing';
import { fail, fileProblem, publicKeyFileOf } from './signing-files';

export async function keygenCommand(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) return fail('rules keygen: name the private key file to write, e.g. npm run rules -- keygen keys/packs.key (the public key goes beside it, in keys/packs.key.pub)');
  const privateFile = positionals[0]!;
  const publicFile = publicKeyFileOf(privateFile);
  // Never over an old key: subscribers hold its public half, and a lost private key cannot be remade.
  const existing = [privateFile, publicFile].filter((file) => existsSync(file));
  if (existing.length > 0) {
    return fail(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}: keygen never replaces a key, since subscribers hold its public key. Choose another name, or move the old files away first if you really mean to start over`);
  }
  const { privateKeyPem, publicKey } = await generateKeyPair();
  try {
    // 0600: only its owner may read the private key; 'wx' refuses a file that appeared meanwhile.
    writeFileSync(privateFile, privateKeyPem, { mode: 0o600, flag: 'wx' });
    writeFileSync(publicFile, `${publicKey}\n`, { flag: 'wx' });
  } catch (error) {
    const problem = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : fileProblem(error);
    return fail(`rules keygen: cannot write ${(error as NodeJS.ErrnoException).path ?? privateFile}: ${problem}`);
  }
  console.log(`wrote the private key to ${privateFile} (readable by you only)
  keep it secret and never publish it: whoever has it can sign packs your subscribers will accept
wrote the public key to ${publicFile}
  give it to subscribers with the pack's address (options page or admin policy): ${publicKey}`);
  return 0;
}
