import { z } from 'zod';
import { rulePackSchema } from './schema';

/** The JSON Schema of a rule pack, as published in rules/schema.json. */
export function packJsonSchema(): object {
  return {
    ...z.toJSONSchema(rulePackSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Lureguard rule pack',
  };
}
