/**
 * The rule-pack format, declared once. Packs are validated against it wherever they enter
 * (build, CLI, options page); `rules/schema.json` for pack authors is generated from it.
 */
import { z } from 'zod';
import { LinearRegex } from '../engine/linear-regex';
import { CATEGORIES, ROLES } from '../engine/types';

const nonEmpty = z.string().trim().min(1);
const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'use lower-case letters, digits, dots and dashes');
const localized = z.strictObject({
  en: nonEmpty.describe('English'),
  zh: nonEmpty.describe('Simplified Chinese'),
});

const MAX_REGEX_LENGTH = 1000;

/** Bounds on the update interval a pack may ask for: hourly at most, weekly at least. */
export const MIN_UPDATE_INTERVAL_HOURS = 1;
export const MAX_UPDATE_INTERVAL_HOURS = 168;
export const DEFAULT_UPDATE_INTERVAL_HOURS = 24;

/**
 * A pattern the engine can run: valid JavaScript, and within what the linear-time matcher accepts
 * (no back-references, lookarounds of bounded reach). Whatever else it says, it cannot hang a page:
 * the matcher's time is linear in the text by construction.
 */
const regexSource = z
  .string()
  .min(1)
  .max(MAX_REGEX_LENGTH)
  .superRefine((source, ctx) => {
    try {
      new LinearRegex(source);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

export const termGroupSchema = z.union([
  nonEmpty.describe('A term; it is also its own canonical form. A trailing * matches any word ending.'),
  z.strictObject({
    canonical: nonEmpty.describe('What the variants stand for, shown to the user (e.g. "Myawaddy (Myanmar)")'),
    variants: z.array(nonEmpty).min(1).describe('Spellings that all mean the canonical term'),
  }),
]);

export const patternSchema = z.strictObject({
  regex: regexSource.describe('Regular expression (JavaScript, flags gu) matched against normalized text: lower case, simplified Chinese, full-width folded'),
  anchors: z.array(nonEmpty).min(1).describe('Literal terms of which every match contains one: the pattern runs only where an anchor occurs'),
  canonical: nonEmpty.describe('What a match stands for, shown to the user'),
});

const ruleFields = z.strictObject({
  id,
  category: z.enum(CATEGORIES),
  role: z.enum(ROLES).describe('lure: raises risk in combination; place: high-risk location; counter: reporting, warnings or lawful practice, lowers risk'),
  label: localized.describe('A few words naming the signal, used in the verdict sentence'),
  explanation: localized.describe('Why the signal matters, in your own words'),
  terms: z.array(termGroupSchema).default([]),
  patterns: z.array(patternSchema).default([]),
  fuzzy: z.boolean().default(false).describe('Also match misspellings of single Latin-script terms of 7 or more letters'),
  negatable: z.boolean().default(false).describe('A negation just before a match ("we never charge a fee") cancels it'),
  overrides: z
    .literal(true)
    .optional()
    .describe('This rule replaces the rule with the same id in a pack loaded before it (the core pack): without it, a pack that reuses an id is refused'),
  sources: z.array(id).min(1).describe('Ids of the pack sources the rule is based on'),
  samples: z.strictObject({
    match: z.array(nonEmpty).min(1).describe('Texts the rule must match'),
    noMatch: z.array(nonEmpty).min(1).describe('Texts the rule must not match'),
  }),
});

const hasTermOrPattern = (rule: { terms: unknown[]; patterns: unknown[] }) => rule.terms.length + rule.patterns.length > 0;
const needsTermOrPattern = { message: 'a rule needs at least one term or pattern', path: ['terms'] };

/** A rule as its author writes it (rules/core/<category>/<id>.yaml): its score lives apart, in scores.yaml. */
export const ruleSourceSchema = ruleFields.refine(hasTermOrPattern, needsTermOrPattern);

export const ruleSchema = ruleFields
  .extend({
    weight: z.number().min(0).max(10).describe('How much one distinct match adds to (or, for counters, takes from) the score of its window; fitted by `npm run rules -- fit`'),
  })
  .refine(hasTermOrPattern, needsTermOrPattern);

/**
 * The score a window needs for each risk level. Fitted with the rule weights (`npm run rules --
 * fit`); whatever the scores, medium and high also need several distinct lure signals (score.ts).
 */
export const scoringSchema = z
  .strictObject({
    medium: z.number().positive().describe('Score from which a window is medium risk'),
    high: z.number().positive().describe('Score from which a window is high risk'),
  })
  .refine((scoring) => scoring.high >= scoring.medium, { message: 'high must not be below medium', path: ['high'] });

export const sourceSchema = z.strictObject({
  id,
  // Only web addresses: a javascript: or data: "source" would run or show anything when clicked in the popup.
  url: z.url({ protocol: /^https?$/, error: 'must be a web address (https:// or http://)' }),
  title: nonEmpty,
  publisher: nonEmpty,
  date: z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'must be a date: YYYY-MM-DD, or YYYY-MM or YYYY when the day is not known'),
  summary: localized.describe('One line on the case, in your own words'),
});

const signalText = z.strictObject({
  label: localized.describe('A few words naming the signal, used in the verdict sentence'),
  explanation: localized.describe('Why the signal matters, in your own words'),
});

/**
 * The wording signals as people read them (src/engine/wording.ts): lure wording raises risk like
 * a lure rule, plain wording (the way news, advice and everyday text are worded) lowers it like a
 * counter rule.
 */
const wordingTextSchema = z.strictObject({
  lure: signalText,
  plain: signalText,
  sources: z.array(id).min(1).describe('Ids of the pack sources the signals are based on'),
});

/** The fitted model behind the wording signals (generated by `npm run rules -- fit`). */
export const wordingModelSchema = z.strictObject({
  threshold: z.number().positive().describe('Window score from which lure wording counts'),
  plainThreshold: z.number().positive().describe('Window score at or below minus this from which plain wording counts'),
  minTokens: z.number().int().min(1).describe('Known tokens a window needs before lure wording can count'),
  plainMinTokens: z.number().int().min(1).describe('Known tokens a window needs before plain wording can count: it takes more text to read as a whole like news'),
  weights: z.record(z.string().min(1), z.number().min(-20).max(20)).describe('Weight of each token (log-odds of lures against benign text)'),
});

const fittedWeight = z.number().min(0).max(10);

export const wordingSchema = wordingTextSchema.extend(wordingModelSchema.shape).extend({
  lureWeight: fittedWeight.describe('What lure wording adds to its window\'s score; fitted'),
  plainWeight: fittedWeight.describe('What plain wording takes from its window\'s score; fitted'),
});

/** What a pack is and the reports its rules cite (in a pack source folder: pack.yaml). */
export const packHeaderSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  name: nonEmpty,
  version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9a-z.-]+)?$/i, 'must be a semantic version such as 1.2.0'),
  publisher: nonEmpty,
  updated: z.iso.date(),
  sources: z.array(sourceSchema).min(1),
  wording: wordingTextSchema.optional().describe('The wording signal: its label, explanation and sources (its model is fitted)'),
  disables: z.array(z.string().min(1)).optional().describe("Ids of other packs' rules this pack turns off (a rule that misfires, say)"),
  updateInterval: z
    .number()
    .int()
    .min(MIN_UPDATE_INTERVAL_HOURS)
    .max(MAX_UPDATE_INTERVAL_HOURS)
    .optional()
    .describe(`How often subscribers look for a new version, in hours (default ${DEFAULT_UPDATE_INTERVAL_HOURS})`),
  reports: z
    .strictObject({
      url: z.url({ protocol: /^https$/, error: 'must be an https:// address' }).optional().describe('A web form that receives reports (prefilled through its query string)'),
      email: z.email({ error: 'must be an email address' }).optional().describe('An address that receives reports by email'),
    })
    .refine((reports) => reports.url !== undefined || reports.email !== undefined, { message: 'give a url, an email, or both' })
    .optional()
    .describe('Where people send false alarms and missed lures about this pack; they review every report and send it themselves'),
});

export const rulePackSchema = packHeaderSchema
  .extend({
    wording: wordingSchema.optional().describe('The wording signal (src/engine/wording.ts): a statistical model of lure wording, one more lure signal'),
    scoring: scoringSchema.optional().describe('Thresholds for medium and high; the first pack that has them sets them for all'),
    rules: z.array(ruleSchema).min(1),
  })
  .superRefine((pack, ctx) => {
    const sourceIds = new Set<string>();
    pack.sources.forEach((source, index) => {
      if (sourceIds.has(source.id)) ctx.addIssue({ code: 'custom', message: `duplicate source id "${source.id}"`, path: ['sources', index, 'id'] });
      sourceIds.add(source.id);
    });
    pack.wording?.sources.forEach((source, s) => {
      if (!sourceIds.has(source)) ctx.addIssue({ code: 'custom', message: `unknown source "${source}" (not in the pack's sources)`, path: ['wording', 'sources', s] });
    });
    const seen = new Set<string>();
    pack.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id "${rule.id}"`, path: ['rules', index, 'id'] });
      seen.add(rule.id);
      rule.sources.forEach((source, s) => {
        if (!sourceIds.has(source)) {
          ctx.addIssue({ code: 'custom', message: `unknown source "${source}" (not in the pack's sources)`, path: ['rules', index, 'sources', s] });
        }
      });
    });
  });

export type RulePack = z.infer<typeof rulePackSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type WordingModelData = z.infer<typeof wordingModelSchema>;
export type TermGroup = z.infer<typeof termGroupSchema>;
