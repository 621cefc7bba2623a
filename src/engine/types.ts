/** Types shared by the engine's modules and its callers (content script, popup, CLI). */

export const RISKS = ['none', 'low', 'medium', 'high'] as const;
export type Risk = (typeof RISKS)[number];
/** Risks in order, for comparing: RISK_RANK.high > RISK_RANK.low. */
export const RISK_RANK: Readonly<Record<Risk, number>> = { none: 0, low: 1, medium: 2, high: 3 };
/** A risk that is a warning: medium or high (the badge's colour, highlights, a lure caught in a corpus). */
export const isFlagged = (risk: Risk) => RISK_RANK[risk] >= RISK_RANK.medium;

/**
 * What a rule's matches mean for the verdict. lure: a lure signal, raises risk, and only
 * combinations of them reach medium or high; place: a high-risk location, adds a little, never
 * enough on its own; counter: reporting, warnings, or lawful practice, lowers risk.
 */
export const ROLES = ['lure', 'place', 'counter'] as const;
export type Role = (typeof ROLES)[number];

/** The kinds of finding, fraud types first (in the order the popup shows them), then the tactics and places that support them. */
export const CATEGORIES = [
  'job-abroad',
  'investment',
  'loan',
  'gambling',
  'ransom',
  'telecom-fraud',
  'pressure-tactic',
  'high-risk-location',
  'news-or-advice',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Localized {
  en: string;
  zh: string;
}

export interface Source {
  id: string;
  url: string;
  title: string;
  publisher: string;
  date: string;
  summary: Localized;
}

/** A piece of the input scanned as a unit (a paragraph, a list item, a chat message). */
export interface Segment {
  text: string;
  /** Offset of the segment's first character in the whole input. */
  start: number;
  /**
   * Set on the messages of one chat conversation (the same number for all of them): signals then
   * combine across the conversation's consecutive messages, and never with the page around it.
   */
  conversation?: number;
}

export interface Finding {
  rule: string;
  category: Category;
  role: Role;
  /** The original text that matched. */
  text: string;
  /** Offsets of the match in the whole input (end exclusive). */
  start: number;
  end: number;
  /** The canonical term the match stands for (e.g. "Myawaddy (Myanmar)"). */
  term: string;
  /** 1 for an exact match after normalization; lower for fuzzy matches. */
  similarity: number;
  /** True when normalization changed the matched text beyond case (planted separators, full-width, leetspeak...). */
  obfuscated: boolean;
  /** True when a negation ("we never ask for a fee") turns the match around; it then does not count. */
  negated: boolean;
  /** Index of the segment the match is in. */
  segment: number;
}

export interface ScanResult {
  risk: Risk;
  /** Net score of the decisive window (lure + place weights minus counter weights). */
  score: number;
  /** The fraud type the decisive window looks like, if any lure signal was found. */
  category: Category | null;
  explanation: Localized;
  /** Every finding in the input, in order of position. */
  findings: Finding[];
  /** The findings that decided the verdict (the decisive window), in order of position. */
  decisive: Finding[];
  /** Offsets of the decisive window in the input, or null when nothing was found. */
  window: { start: number; end: number } | null;
  /** How much text was scanned. */
  scanned: { segments: number; characters: number };
}
