/** Writes rules/schema.json, the JSON Schema pack authors validate against, from the zod schema. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packJsonSchema } from './json-schema';

const target = fileURLToPath(new URL('../../rules/schema.json', import.meta.url));
writeFileSync(target, JSON.stringify(packJsonSchema(), null, 2) + '\n');
console.log(`wrote ${target}`);
