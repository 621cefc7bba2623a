// @vitest-environment happy-dom
/** The review page of a report: what it shows, what it says, and the links that send it (only on a click). */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportPage } from '../../../src/report/ReportPage';
import type { Lang } from '../../../src/shared/i18n';
import { falseAlarmDraft, type ReportDraft, type ReportRecipient } from '../../../src/shared/report-draft';

afterEach(cleanup);

const FORM = 'https://github.com/lureguard/lureguard/issues/new';
const core: ReportRecipient = { pack: 'lureguard-core', version: '1.0.0', publisher: 'Lureguard project', url: FORM };
const draftTo = (to: ReportRecipient) =>
  falseAlarmDraft(to, { id: 'job-high-pay', label: { en: 'unusually high pay', zh: '异常高薪' } }, { text: '$3,500 per month', before: 'salary ', after: '. Free flights' }, 'https://jobs.example/ad');

function renderPage(draft: ReportDraft | null, lang: Lang = 'en') {
  render(<ReportPage lang={lang} draft={draft} extensionVersion="0.1.0" />);
}

const textarea = () => screen.getByLabelText('Report') as HTMLTextAreaElement;
const formHref = () => screen.getByRole('link', { name: "Open the publisher's form" }).getAttribute('href')!;

describe('the report review page', () => {
  // (That it is never spell-checked is checked in real Chromium: happy-dom has no spellcheck property.)
  it('shows the report, editable, who receives it, and that nothing has been sent', () => {
    renderPage(draftTo(core));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Report a false alarm');
    expect(textarea().value).toContain('Rule: unusually high pay (job-high-pay)');
    expect(textarea().value).toContain('…salary $3,500 per month. Free flights…');
    expect(screen.getByText('To: Lureguard project, the publisher of the rule pack lureguard-core')).toBeTruthy();
    expect(screen.getByText(/^Nothing has been sent\./).textContent).toContain('Lureguard project receives exactly this subject and text');
  });

  it('offers only the ways of sending the pack names: its form, in a new tab, with the report in title and body', () => {
    renderPage(draftTo(core));
    expect(screen.queryByRole('link', { name: 'Send by email' })).toBeNull();
    const link = screen.getByRole('link', { name: "Open the publisher's form" });
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noreferrer');
    expect(screen.getByText('on github.com, in a new tab')).toBeTruthy();
    const params = new URL(formHref()).searchParams;
    expect(params.get('title')).toBe('False alarm: unusually high pay (job-high-pay)');
    expect(params.get('body')).toBe(textarea().value);
  });

  it('sends what the person wrote: the links follow the edited text', () => {
    renderPage(draftTo({ ...core, email: 'reports@lureguard.example' }));
    fireEvent.input(textarea(), { target: { value: 'It is a real job at my company.' } });
    fireEvent.input(screen.getByLabelText('Subject'), { target: { value: 'Not a lure' } });
    expect(new URL(formHref()).searchParams.get('body')).toBe('It is a real job at my company.');
    expect(screen.getByRole('link', { name: 'Send by email' }).getAttribute('href')).toBe('mailto:reports@lureguard.example?subject=Not%20a%20lure&body=It%20is%20a%20real%20job%20at%20my%20company.');
    expect(screen.getByText('to reports@lureguard.example')).toBeTruthy();
  });

  it('says so when a report is too long for a link', () => {
    renderPage(draftTo({ ...core, url: undefined, email: 'reports@lureguard.example' }));
    expect(document.querySelector('.shortened')).toBeNull();
    fireEvent.input(textarea(), { target: { value: 'x'.repeat(5000) } });
    expect(document.querySelector('.shortened')!.textContent).toMatch(/too long for a link/);
  });

  it('says so when the draft is gone', () => {
    renderPage(null);
    expect(screen.getByText(/This report is no longer here/)).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('speaks Simplified Chinese', () => {
    renderPage(draftTo(core), 'zh');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('报告误报');
    expect(screen.getByText(/^尚未发送任何内容/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '打开发布者的表单' })).toBeTruthy();
  });
});
