/** `rules validate`: schema and semantic checks of packs, with messages naming file, path and problem. */
import { relative } from 'node:path';
import { lintPack, type LintProblem } from '../rules/lint';
import type { RulePack } from '../rules/schema';
import { loadPackPath } from './pack-path';

/** Lint problems as "file: $.path: message", naming each rule's own file where it has one. */
export function formatLint(problems: readonly LintProblem[], ruleFiles: readonly string[] | null, pack: RulePack, origin = 'pack'): string {
  const fileOf = new Map(pack.rules.map((rule, index) => [rule.id, ruleFiles?.[index] ? relative(process.cwd(), ruleFiles[index]!) : null]));
  return problems
    .map((problem) => {
      const file = fileOf.get(problem.rule);
      if (file) return `${file}: ${problem.path}: ${problem.message}`;
      const index = pack.rules.findIndex((rule) => rule.id === problem.rule);
      return `${origin}: $.rules[${index}]${problem.path.slice(1)}: ${problem.message}`;
    })
    .join('\n');
}

export function validateCommand(paths: string[]): number {
  if (paths.length === 0) {
    console.error('rules validate: name at least one pack (a source folder or a pack JSON file)');
    return 2;
  }
  let status = 0;
  for (const path of paths) {
    const loaded = loadPackPath(path);
    if (!loaded.ok) {
      for (const error of loaded.errors) console.error(error);
      status = 2;
      continue;
    }
    for (const warning of loaded.warnings) console.error(`warning: ${warning}`);
    const problems = lintPack(loaded.pack);
    if (problems.length > 0) {
      console.error(formatLint(problems, loaded.ruleFiles, loaded.pack, path));
      status = 2;
      continue;
    }
    console.log(`${path}: ok (${loaded.pack.rules.length} rules, ${loaded.pack.sources.length} sources)`);
  }
  return status;
}
