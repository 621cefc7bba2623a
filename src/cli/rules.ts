/**
 * `npm run rules -- <command>`: the rule author's tools. Each command is its own small module;
 * this file only dispatches. Exit status 2 on any error, with messages naming the file, the JSON
 * path and the problem.
 */
import { buildCommand } from './rules-build';
import { fitCommand } from './rules-fit';
import { keygenCommand } from './rules-keygen';
import { masscheckCommand } from './rules-masscheck';
import { signCommand } from './rules-sign';
import { validateCommand } from './rules-validate';
import { verifyCommand } from './rules-verify';

export const RULES_USAGE = `usage: npm run rules -- <command> [options]

  build [SOURCE] [--out FILE]     compile a pack source folder (default rules/core) into its pack
                                  JSON (default rules/core.json), after validating it
  validate PATH...                check packs (source folders or pack JSON files): schema, ids,
                                  sources, samples that do not behave, patterns too broad or slow
  masscheck [--pack PATH]... [--benign] [--json] CORPUS.jsonl...
                                  per rule: hits on lures and on benign items, S/O, rules that never
                                  fire (--benign lists the benign items each rule fires on)
  fit [--pack SOURCE] [--folds K] [--dry-run] CORPUS.jsonl...
                                  fit rule scores and thresholds, print cross-validated and fitted
                                  figures, write SOURCE/scores.yaml (then run build)
  keygen KEY                      make a signing key pair: KEY, the private key (keep it secret),
                                  and KEY.pub, the public key for subscribers; never overwrites
  sign --key KEY FILE             write FILE.sig, the signature of FILE (a built pack JSON)
  verify --key KEY.pub FILE       check FILE.sig against FILE, as subscribers will before publishing

PATH is a pack source folder (pack.yaml, scores.yaml, <category>/<id>.yaml) or a pack JSON file;
the default pack is the core pack's source, rules/core.`;

const COMMANDS: Record<string, (args: string[]) => Promise<number> | number> = {
  build: buildCommand,
  validate: validateCommand,
  masscheck: masscheckCommand,
  fit: fitCommand,
  keygen: keygenCommand,
  sign: signCommand,
  verify: verifyCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(RULES_USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${RULES_USAGE}`);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    // Bad options (node:util parseArgs) and the like: say what, and how to call it.
    console.error(`lureguard rules ${name}: ${(error as Error).message}\n\n${RULES_USAGE}`);
    return 2;
  }
}

main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
