// @vitest-environment happy-dom
/** The popup rendered from fixture data (reports built by the real engine), with mock actions. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scan, segmentText } from '../../../src/engine';
import { App } from '../../../src/popup/App';
import { viewOfTab } from '../../../src/popup/tab-view';
import type { PopupActions, PopupData } from '../../../src/popup/types';
import { buildReport, type PageReport } from '../../../src/shared/report';
import { coreRuleSet, loadCorePack } from '../../helpers/core';

afterEach(cleanup);

const ruleSet = coreRuleSet();
const LURE = [
  'Online customer service in Myawady, salary $3,500 per month.',
  'No experience needed, free flights and dormitory.',
  'Contract signed on arrival; HR keeps your passport. Interview on Telegram only.',
].join('\n');

function reportOf(text: string, host = 'jobs.example'): PageReport {
  const segments = segmentText(text);
  return buildReport(scan(segments, ruleSet), segments, ruleSet, { url: `https://${host}/ad`, host });
}

function renderPopup(data: Partial<PopupData> = {}) {
  const actions: PopupActions = {
    showFinding: vi.fn(),
    setTrusted: vi.fn(),
    setPaused: vi.fn(),
    openOptions: vi.fn(),
    checkMessage: vi.fn(async (text: string) => reportOf(text, '')),
    openReport: vi.fn(),
  };
  const full: PopupData = {
    lang: 'en',
    locale: 'en-US',
    tab: viewOfTab({ frames: { '0': reportOf(LURE) } }),
    selection: null,
    paused: false,
    trusted: false,
    pauseHidden: false,
    trustLocked: false,
    packs: ruleSet.packs,
    ...data,
  };
  render(<App data={full} actions={actions} />);
  return actions;
}

describe('popup', () => {
  it('gives the verdict in one line with the kind of fraud', () => {
    renderPopup();
    expect(screen.getAllByRole('heading', { level: 1 })[0]!.textContent).toBe('High risk: looks like a fake job abroad (trafficking lure)');
  });

  it('leads with what to do about this kind of lure, then where to get help', () => {
    renderPopup();
    const sections = [...document.querySelectorAll('main section')].map((section) => section.className);
    expect(sections.indexOf('what-to-do')).toBeGreaterThan(sections.indexOf('verdict risk-high'));
    expect(sections.indexOf('what-to-do')).toBeLessThan(sections.indexOf('findings'));
    const advice = document.querySelector('.what-to-do .advice')!.textContent!;
    expect(advice).toContain('Do not send your passport');
    expect(advice).toContain('Do not pay any fee up front');
    // No region known from en-US: every hotline, by place, each with its source.
    const lines = [...document.querySelectorAll('.what-to-do .help-line')];
    expect(lines.map((line) => line.getAttribute('data-region'))).toEqual(['CN', 'TW', 'HK', 'SG', 'MY']);
    for (const line of lines) expect(line.querySelector('a')!.getAttribute('href')).toMatch(/^https:\/\//);
  });

  it('names the hotline of the browser\'s region first', () => {
    for (const [locale, region, numbers] of [['zh-TW', 'TW', '165'], ['en-SG', 'SG', '1799'], ['zh-CN', 'CN', '110 · 96110'], ['ms-MY', 'MY', '997'], ['zh-HK', 'HK', '18222']]) {
      renderPopup({ locale });
      const first = document.querySelector('.what-to-do .help-lines .help-line')!;
      expect(first.getAttribute('data-region'), locale).toBe(region);
      expect(first.querySelector('.numbers')!.textContent).toBe(numbers);
      cleanup();
    }
  });

  it('gives no advice on a page that does not warn', () => {
    renderPopup({ tab: viewOfTab({ frames: { '0': reportOf('Weather: sunny, 25 degrees.') } }) });
    expect(document.querySelector('.what-to-do')).toBeNull();
  });

  it('groups findings by category, says why each matters, and lists the real cases once, opening in a new tab', () => {
    renderPopup();
    const jobs = document.querySelector('[data-category="job-abroad"]') as HTMLElement;
    expect(within(jobs).getByText('unusually high pay')).toBeTruthy();
    const rule = document.querySelector('[data-rule="job-passport-surrender"]') as HTMLElement;
    expect(rule.textContent).toContain('Why it matters');
    expect(rule.querySelectorAll('a')).toHaveLength(0);
    const links = Array.from(document.querySelectorAll('.real-cases a'));
    const urls = new Set(loadCorePack().sources.map((s) => s.url));
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links.map((link) => link.getAttribute('href'))).size).toBe(links.length);
    for (const link of links) {
      expect(urls.has(link.getAttribute('href')!)).toBe(true);
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toContain('noopener');
    }
  });

  it('shows the canonical term of a fuzzy or de-obfuscated match', () => {
    renderPopup();
    const place = document.querySelector('[data-rule="place-myawaddy"]') as HTMLElement;
    expect(place.textContent).toContain('Myawady → Myawaddy (Myanmar)');
  });

  it('shows the matched text in its context and asks the page to show it', () => {
    const actions = renderPopup();
    const rule = document.querySelector('[data-rule="job-high-pay"]') as HTMLElement;
    expect(rule.querySelector('mark')!.textContent).toBe('$3,500 per month');
    expect(rule.querySelector('q')!.textContent).toContain('salary $3,500 per month');
    fireEvent.click(within(rule).getAllByRole('button', { name: 'Show on page' })[0]!);
    expect(actions.showFinding).toHaveBeenCalledWith(0, expect.objectContaining({ block: expect.any(String), start: expect.any(Number), end: expect.any(Number) }));
  });

  it('has an honest empty state that says what was scanned', () => {
    const lines = ['Weather: sunny, 25 degrees.', 'Sports: the local team won.'];
    renderPopup({ tab: viewOfTab({ frames: { '0': reportOf(lines.join('\n')) } }) });
    expect(screen.getAllByRole('heading', { level: 1 })[0]!.textContent).toBe('Nothing suspicious found on this page');
    expect(screen.getByText(`Scanned 2 blocks of text (${lines[0]!.length + lines[1]!.length} characters).`)).toBeTruthy();
  });

  it('says when the page was not scanned, and why', () => {
    renderPopup({ tab: null });
    expect(screen.getByText(/has not been scanned/)).toBeTruthy();
    cleanup();
    renderPopup({ paused: true });
    expect(screen.getByText(/Lureguard is paused/)).toBeTruthy();
  });

  it('checks a pasted message with the same explanation', async () => {
    const actions = renderPopup({ tab: null });
    const box = screen.getByLabelText(/Paste a message/);
    fireEvent.input(box, { target: { value: '稳赚不赔，老师带单，日收益5%，USDT充值，下载专属App' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(actions.checkMessage).toHaveBeenCalledOnce();
    const result = await vi.waitFor(() => {
      const shown = document.querySelector('.check-result');
      if (!shown) throw new Error('no result yet');
      return shown as HTMLElement;
    });
    expect(result.querySelector('h1')!.textContent).toBe('High risk: looks like a false investment');
  });

  it('says so when the message could not be checked', async () => {
    const actions = renderPopup({ tab: null });
    vi.mocked(actions.checkMessage).mockResolvedValueOnce(undefined);
    fireEvent.input(screen.getByLabelText(/Paste a message/), { target: { value: 'anything' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    await vi.waitFor(() => expect(screen.getByText(/could not check the text/)).toBeTruthy());
  });

  it('trusts the site and pauses on request', () => {
    const actions = renderPopup();
    fireEvent.click(screen.getByRole('button', { name: 'Trust this site' }));
    expect(actions.setTrusted).toHaveBeenCalledWith('jobs.example', true);
    fireEvent.click(screen.getByRole('button', { name: 'Pause Lureguard' }));
    expect(actions.setPaused).toHaveBeenCalledWith(true);
  });

  it("offers neither pausing nor trusting where the organization's policy decides them", () => {
    renderPopup({ pauseHidden: true, trustLocked: true });
    expect(screen.queryByRole('button', { name: 'Pause Lureguard' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Trust this site' })).toBeNull();
  });

  it('offers to report a false alarm to the publisher of the finding\'s pack, with the rule, the match in context and the page', () => {
    const actions = renderPopup();
    const rule = document.querySelector('[data-rule="job-high-pay"]') as HTMLElement;
    fireEvent.click(within(rule).getAllByRole('button', { name: 'Report a false alarm' })[0]!);
    expect(actions.openReport).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'false-alarm',
        to: expect.objectContaining({ pack: 'lureguard-core', url: 'https://github.com/lureguard/lureguard/issues/new' }),
        rule: 'job-high-pay',
        text: '$3,500 per month',
        before: expect.stringContaining('salary '),
        page: 'https://jobs.example/ad',
      }),
    );
  });

  it('offers no report where no pack takes reports', () => {
    renderPopup({ packs: ruleSet.packs.map(({ reports: _, ...pack }) => pack) });
    expect(screen.queryByRole('button', { name: 'Report a false alarm' })).toBeNull();
  });

  it('offers to report a checked message it did not warn about as a missed lure', async () => {
    const actions = renderPopup({ tab: null });
    fireEvent.input(screen.getByLabelText(/Paste a message/), { target: { value: '稳赚不赔，老师带单，日收益5%，USDT充值，下载专属App' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    await screen.findByText('High risk: looks like a false investment');
    expect(screen.queryByRole('button', { name: 'Report a missed lure' })).toBeNull();
    const message = 'Hi, my cousin has a great job for you, call me tonight.';
    fireEvent.input(screen.getByLabelText(/Paste a message/), { target: { value: message } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Report a missed lure' }));
    expect(actions.openReport).toHaveBeenCalledWith(expect.objectContaining({ kind: 'missed-lure', message, to: expect.objectContaining({ pack: 'lureguard-core' }) }));
  });

  it('speaks Simplified Chinese, rule explanations included', () => {
    renderPopup({ lang: 'zh' });
    expect(screen.getAllByRole('heading', { level: 1 })[0]!.textContent).toBe('高风险：疑似虚假境外招聘（诱骗出境）');
    const rule = document.querySelector('[data-rule="job-passport-surrender"]') as HTMLElement;
    expect(rule.textContent).toContain('为什么危险');
    expect(rule.textContent).toContain('护照');
  });
});
