/**
 * The bundled core pack. It is validated by the tests and the build (rules/schema.json), so the
 * extension can load it without shipping the validator into every page.
 */
import core from '../../rules/core.json';
import type { RulePack } from './schema';

export const corePack = core as unknown as RulePack;
