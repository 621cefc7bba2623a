/**
 * A report to a rule pack's publisher, as the person reviews it before sending it: a false alarm
 * (a finding that is not a lure) or a missed lure (a checked message Lureguard did not warn
 * about). The draft holds what the popup knows; it is written out as text in the person's
 * language and turned into the links that send it: a mailto: address, or the publisher's web
 * form with the report in its query string. Nothing here sends anything: the person reads,
 * edits and sends the report themselves (MetaMask's prefilled false-positive report is the model).
 */
import type { PackInfo } from '../engine/compile';
import { RISK_LABELS } from '../engine/labels';
import type { Localized, Risk } from '../engine/types';
import { type Lang, translator } from './i18n';

/** The pack a report is about, and where its publisher takes reports (PackInfo.reports). */
export interface ReportRecipient {
  pack: string;
  version: string;
  publisher: string;
  /** An https web form, prefilled through `title` and `body` in its query string. */
  url?: string;
  email?: string;
}

/** A finding the person says is not a lure. */
export interface FalseAlarmDraft {
  kind: 'false-alarm';
  to: ReportRecipient;
  rule: string;
  label: Localized;
  /** The matched text and what the popup has around it: no more of the page is kept anywhere. */
  text: string;
  before: string;
  after: string;
  /** The page's address ('' when the text was not from a page). */
  page: string;
}

/** A checked message the person says is a lure that Lureguard did not warn about. */
export interface MissedLureDraft {
  kind: 'missed-lure';
  to: ReportRecipient;
  message: string;
  risk: Risk;
  /** The rules the check found (too few or too weak to warn). */
  signals: string[];
}

export type ReportDraft = FalseAlarmDraft | MissedLureDraft;

/** How much of the text around a match a report quotes, each side. */
export const REPORT_CONTEXT = 200;

/**
 * The longest link a report becomes. Mail programs on Windows drop longer mailto: links (2,083
 * characters in Outlook's case); web servers commonly refuse requests over 8 KB (GitHub's
 * "new issue" address among them).
 */
export const LINK_LIMITS = { mailto: 2000, form: 8000 } as const;

const TITLE_LIMIT = 200;

/** Where reports about a pack go, or undefined when the pack names no place. */
export function recipientOf(pack: PackInfo | undefined): ReportRecipient | undefined {
  // The pack schema admits only https forms; checked again because the address becomes a link's href.
  const url = pack?.reports?.url && /^https:\/\//i.test(pack.reports.url) ? pack.reports.url : undefined;
  const email = pack?.reports?.email;
  if (!pack || (!url && !email)) return undefined;
  return { pack: pack.id, version: pack.version, publisher: pack.publisher, ...(url && { url }), ...(email && { email }) };
}

export function falseAlarmDraft(
  to: ReportRecipient,
  rule: { id: string; label: Localized },
  match: { text: string; before: string; after: string },
  page: string,
): FalseAlarmDraft {
  return {
    kind: 'false-alarm',
    to,
    rule: rule.id,
    label: rule.label,
    text: match.text,
    before: match.before.slice(-REPORT_CONTEXT),
    after: match.after.slice(0, REPORT_CONTEXT),
    page,
  };
}

export function missedLureDraft(to: ReportRecipient, message: string, result: { risk: Risk; findings: readonly { rule: string }[] }): MissedLureDraft {
  return { kind: 'missed-lure', to, message, risk: result.risk, signals: [...new Set(result.findings.map((f) => f.rule))] };
}

export function reportTitle(draft: ReportDraft, lang: Lang): string {
  const t = translator(lang);
  return draft.kind === 'false-alarm' ? t('reportTitleFalseAlarm', draft.label[lang], draft.rule) : t('reportTitleMissedLure');
}

/**
 * Page text in a fenced block, so that a publisher's issue tracker shows it as it is: no
 * markdown, no @mentions, no images loaded from the page's choice of address. The fence is
 * longer than any run of backticks in the text, so the text cannot close it.
 */
function fenced(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${text}\n${fence}`;
}

export function reportBody(draft: ReportDraft, lang: Lang, extensionVersion: string): string {
  const t = translator(lang);
  const about = [t('reportPack', draft.to.pack, draft.to.version), t('reportVersion', extensionVersion)];
  if (draft.kind === 'missed-lure') {
    const signals = draft.signals.length ? t('reportSignals', draft.signals.join(', ')) : t('reportNoSignals');
    return [t('reportVerdict', RISK_LABELS[draft.risk][lang]), signals, ...about, '', t('reportMessage'), fenced(draft.message), '', t('reportWhyLure'), '', ''].join('\n');
  }
  // The context is what the popup showed; when it has none, the report says so rather than guess.
  const context = draft.before || draft.after ? [t('reportInContext'), fenced(`${draft.before && `…${draft.before}`}${draft.text}${draft.after && `${draft.after}…`}`)] : [t('reportNoContext')];
  return [
    t('reportRule', draft.label[lang], draft.rule),
    ...about,
    draft.page ? t('reportPage', draft.page) : t('reportNoPage'),
    '',
    t('reportMatchedText'),
    fenced(draft.text),
    ...context,
    '',
    t('reportWhyNotLure'),
    '',
    '',
  ].join('\n');
}

export interface ReportLink {
  href: string;
  /** Characters of the body left out (in its middle) to keep the link within its limit. */
  omitted: number;
}

/** Replaces unpaired surrogates (page text can hold them), which percent-encoding cannot express. */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/**
 * The link with as much of the body as fits in `limit` characters: when the whole does not fit,
 * characters are left out of the middle and a note says how many, so that the report's facts
 * (at the top) and the person's own words (at the bottom) stay.
 */
function fitted(link: (title: string, body: string) => string, title: string, body: string, limit: number, lang: Lang): ReportLink {
  const shortTitle = Array.from(wellFormed(title)).slice(0, TITLE_LIMIT).join('');
  const chars = Array.from(wellFormed(body));
  const without = (omitted: number) => {
    if (omitted === 0) return link(shortTitle, chars.join(''));
    const kept = chars.length - omitted;
    const head = Math.ceil(kept / 2);
    const note = `\n${translator(lang)('reportShortened', omitted)}\n`;
    return link(shortTitle, chars.slice(0, head).join('') + note + chars.slice(chars.length - (kept - head)).join(''));
  };
  const whole = without(0);
  if (whole.length <= limit) return { href: whole, omitted: 0 };
  // The link's length grows with what is kept: find the fewest characters to leave out.
  let low = 1;
  let high = chars.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (without(middle).length <= limit) high = middle;
    else low = middle + 1;
  }
  return { href: without(low), omitted: low };
}

/** Mail programs expect CRLF line breaks (RFC 6068) and %20 for spaces, which encodeURIComponent gives. */
const mailEncoded = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));

export function mailtoLink(email: string, title: string, body: string, lang: Lang): ReportLink {
  const address = encodeURIComponent(email).replace(/%40/g, '@');
  return fitted((subject, text) => `mailto:${address}?subject=${mailEncoded(subject)}&body=${mailEncoded(text)}`, title, body, LINK_LIMITS.mailto, lang);
}

/** The form's address with `title` and `body` added to its query (what GitHub's "new issue" page and many forms read). */
export function formLink(url: string, title: string, body: string, lang: Lang): ReportLink {
  return fitted(
    (subject, text) => {
      const form = new URL(url);
      form.searchParams.set('title', subject);
      form.searchParams.set('body', text);
      return form.href;
    },
    title,
    body,
    LINK_LIMITS.form,
    lang,
  );
}
