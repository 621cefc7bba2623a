/** Reports to a pack's publisher: the draft, its text, and the mailto: and form links that send it. */
import { describe, expect, it } from 'vitest';
import { packInfo } from '../../../src/engine';
import {
  falseAlarmDraft,
  formLink,
  LINK_LIMITS,
  mailtoLink,
  missedLureDraft,
  recipientOf,
  REPORT_CONTEXT,
  reportBody,
  reportTitle,
  type ReportRecipient,
} from '../../../src/shared/report-draft';
import { loadCorePack } from '../../helpers/core';

const FORM = 'https://github.com/lureguard/lureguard/issues/new';
const to: ReportRecipient = { pack: 'lureguard-core', version: '1.0.0', publisher: 'Lureguard project', url: FORM, email: 'reports@lureguard.example' };
const rule = { id: 'job-high-pay', label: { en: 'unusually high pay', zh: '异常高薪' } };
const match = { text: '$3,500 per month', before: 'Online customer service in Myawady, salary ', after: '. No experience needed' };
const falseAlarm = falseAlarmDraft(to, rule, match, 'https://jobs.example/ad?id=7');

/** The query parameters of a link, decoded. */
const paramsOf = (href: string) => Object.fromEntries(new URLSearchParams(href.slice(href.indexOf('?') + 1)));

describe('recipients', () => {
  it('the core pack takes reports on its GitHub issues form', () => {
    expect(recipientOf(packInfo(loadCorePack()))).toEqual({ pack: 'lureguard-core', version: expect.any(String), publisher: 'Lureguard project', url: FORM });
  });

  it('a pack that names no place for reports, or only a form that is not https, has no recipient', () => {
    const pack = packInfo(loadCorePack());
    expect(recipientOf({ ...pack, reports: undefined })).toBeUndefined();
    expect(recipientOf({ ...pack, reports: { url: 'javascript:alert(1)' } })).toBeUndefined();
    expect(recipientOf({ ...pack, reports: { url: 'http://example.org/form', email: 'a@b.example' } })).toEqual(expect.not.objectContaining({ url: expect.anything() }));
    expect(recipientOf(undefined)).toBeUndefined();
  });
});

describe('the report text', () => {
  it('a false alarm names the rule, the pack and version, the page, the extension, and quotes the match in its context', () => {
    expect(reportTitle(falseAlarm, 'en')).toBe('False alarm: unusually high pay (job-high-pay)');
    const body = reportBody(falseAlarm, 'en', '0.1.0');
    expect(body).toContain('Rule: unusually high pay (job-high-pay)');
    expect(body).toContain('Rule pack: lureguard-core 1.0.0');
    expect(body).toContain('Page: https://jobs.example/ad?id=7');
    expect(body).toContain('Lureguard: 0.1.0');
    expect(body).toContain('```\n$3,500 per month\n```');
    expect(body).toContain('```\n…Online customer service in Myawady, salary $3,500 per month. No experience needed…\n```');
    expect(body).toMatch(/Why this is not a lure \(in your words\):\n\n$/);
  });

  it('quotes at most the bounded context either side', () => {
    const long = falseAlarmDraft(to, rule, { text: 'X', before: 'b'.repeat(500), after: 'a'.repeat(500) }, '');
    expect(long.before).toHaveLength(REPORT_CONTEXT);
    expect(long.after).toHaveLength(REPORT_CONTEXT);
  });

  it('says when it has only the matched text, and no page, rather than invent them', () => {
    const bare = falseAlarmDraft(to, rule, { text: '$3,500 per month', before: '', after: '' }, '');
    const body = reportBody(bare, 'en', '0.1.0');
    expect(body).toContain('In context: none (Lureguard kept only the matched text)');
    expect(body).toContain('Page: unknown');
    expect(body.match(/\$3,500 per month/g)).toHaveLength(1);
  });

  it('page text cannot close its quotation (it is shown as text by a tracker that reads markdown)', () => {
    const sneaky = falseAlarmDraft(to, rule, { text: 'pay ```\n@everyone ![x](https://t.example/p.png)', before: '', after: '' }, '');
    expect(reportBody(sneaky, 'en', '0.1.0')).toContain('````\npay ```\n@everyone ![x](https://t.example/p.png)\n````');
  });

  it('a missed lure carries the message, the verdict and the signals found', () => {
    const draft = missedLureDraft(to, 'a job for you in Myawaddy', { risk: 'low', findings: [{ rule: 'place-myawaddy' }, { rule: 'place-myawaddy' }] });
    expect(draft.signals).toEqual(['place-myawaddy']);
    expect(reportTitle(draft, 'en')).toMatch(/^Missed lure/);
    const body = reportBody(draft, 'en', '0.1.0');
    expect(body).toContain("Lureguard's verdict: Low risk");
    expect(body).toContain('Signals it found: place-myawaddy');
    expect(body).toContain('```\na job for you in Myawaddy\n```');
    expect(body).not.toContain('Page:');
  });

  it('speaks Simplified Chinese', () => {
    expect(reportTitle(falseAlarm, 'zh')).toBe('误报：异常高薪（job-high-pay）');
    expect(reportBody(falseAlarm, 'zh', '0.1.0')).toContain('规则：异常高薪（job-high-pay）');
  });
});

describe('the links', () => {
  const title = reportTitle(falseAlarm, 'en');
  const body = reportBody(falseAlarm, 'en', '0.1.0');

  it('mailto: subject and body, percent-encoded, with CRLF line breaks and %20 spaces', () => {
    const link = mailtoLink('reports@lureguard.example', title, body, 'en');
    expect(link.omitted).toBe(0);
    expect(link.href).toMatch(/^mailto:reports@lureguard\.example\?subject=False%20alarm%3A%20unusually%20high%20pay%20\(job-high-pay\)&body=/);
    expect(link.href).not.toMatch(/[\s+]/);
    expect(link.href).toContain('%0D%0A');
    const params = paramsOf(link.href);
    expect(params.subject).toBe(title);
    expect(params.body).toBe(body.replace(/\n/g, '\r\n'));
  });

  it('an address cannot add fields to the mailto: link', () => {
    expect(mailtoLink('a@b.example?cc=c@d.example', 'T', 'B', 'en').href).toMatch(/^mailto:a@b\.example%3Fcc%3Dc@d\.example\?subject=T&body=B$/);
  });

  it('the form: title and body in its query, its own parameters kept', () => {
    const link = formLink(`${FORM}?labels=false-alarm`, title, body, 'en');
    expect(link.omitted).toBe(0);
    const url = new URL(link.href);
    expect(url.origin + url.pathname).toBe(FORM);
    expect(url.searchParams.get('labels')).toBe('false-alarm');
    expect(url.searchParams.get('title')).toBe(title);
    expect(url.searchParams.get('body')).toBe(body);
  });

  it('encodes any text: Chinese, emoji, ampersands, and unpaired surrogates from a page', () => {
    const text = '高薪 & 包吃包住 💰 #1 100% ok\uD800';
    const mail = paramsOf(mailtoLink('a@b.example', text, text, 'en').href);
    expect(mail.body).toBe('高薪 & 包吃包住 💰 #1 100% ok\uFFFD');
    expect(new URL(formLink(FORM, text, text, 'en').href).searchParams.get('title')).toBe('高薪 & 包吃包住 💰 #1 100% ok\uFFFD');
  });

  it('keeps a long report within the link limit: the middle is left out and the body says how much', () => {
    const message = Array.from({ length: 3000 }, (_, i) => `第${i}条 高薪招聘`).join('\n');
    const draft = missedLureDraft(to, message, { risk: 'none', findings: [] });
    const long = reportBody(draft, 'en', '0.1.0');
    for (const [link, limit] of [
      [mailtoLink('a@b.example', reportTitle(draft, 'en'), long, 'en'), LINK_LIMITS.mailto],
      [formLink(FORM, reportTitle(draft, 'en'), long, 'en'), LINK_LIMITS.form],
    ] as const) {
      expect(link.href.length).toBeLessThanOrEqual(limit);
      expect(link.omitted).toBeGreaterThan(0);
      const sent = paramsOf(link.href).body!;
      expect(sent).toContain(`[… ${link.omitted} characters left out here to fit in a link …]`);
      // The facts at the top and the person's words at the bottom stay.
      expect(sent.startsWith("Lureguard's verdict: No risk found")).toBe(true);
      expect(sent).toMatch(/Why this is a lure \(in your words\):(\r?\n){2}$/);
      // Only as much is left out as needed.
      expect(link.href.length).toBeGreaterThan(limit - 40);
    }
  });

  it('never splits a character in two when shortening', () => {
    const link = mailtoLink('a@b.example', 'T', '💰'.repeat(2000), 'en');
    expect(link.omitted).toBeGreaterThan(0);
    expect(() => decodeURIComponent(link.href.slice(link.href.indexOf('body=') + 5))).not.toThrow();
  });
});
