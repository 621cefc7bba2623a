/** Validation with messages a pack author can act on: the file, the JSON path, what is wrong. */
import { rulePackSchema, type RulePack } from './schema';

export type PackValidation = { ok: true; pack: RulePack } | { ok: false; errors: string[] };

/** Formats a JSON path the way pack authors read it: rules[3].samples.match[0]. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

export function validatePack(data: unknown, origin: string): PackValidation {
  const result = rulePackSchema.safeParse(data);
  if (result.success) return { ok: true, pack: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => `${origin}: ${jsonPath(issue.path)}: ${issue.message}`),
  };
}

/** Parses and validates pack text (a file's or a download's). */
export function parsePack(text: string, origin: string): PackValidation {
  let data: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark, which JSON.parse refuses.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, errors: [`${origin}: not valid JSON: ${(error as Error).message}`] };
  }
  return validatePack(data, origin);
}
