/**
 * Per-tab reports, and the badge that shows the tab's verdict. A tab's state is kept in memory,
 * where judging a frame reads and updates it at once, and written through to session storage
 * (an MV3 service worker can be stopped at any moment; the popup reads it there). A frame gets
 * its answer without waiting for the write, which takes tens of milliseconds.
 *
 * Session storage is small (10 MB for the whole browser) and pages are hostile, so a tab's state
 * is bounded: frames with nothing to report are not stored, the findings of all frames together
 * are capped (the worst frames keep theirs), frames that went away are dropped, and a closed
 * tab's state is removed after any write still pending for it.
 */
import { browser } from 'wxt/browser';
import { RISK_RANK, type Risk } from '../engine/types';
import { reportedUrl } from '../shared/page-address';
import { type PageReport, REPORT_LIMITS } from '../shared/report';
import { type TabState, tabStateItem } from '../shared/session-state';
import { readSettings, type Settings } from '../shared/settings';
import { NO_VERDICT, type TabVerdict, tabVerdict } from '../shared/tab-verdict';

/** Only risks that warn light the badge: a badge that lights on every news story about fraud is soon ignored. */
const BADGE_COLOURS: Partial<Record<Risk, string>> = { medium: '#b84300', high: '#b71c1c' };

/**
 * One update at a time per tab: frames report concurrently, and two read-modify-write cycles on
 * the same session entry would lose one of the reports.
 */
const pending = new Map<number, Promise<unknown>>();
function serialized<T>(tabId: number, update: () => Promise<T>): Promise<T> {
  const next = (pending.get(tabId) ?? Promise.resolve()).then(update, update);
  pending.set(tabId, next);
  void next.finally(() => {
    if (pending.get(tabId) === next) pending.delete(tabId);
  }).catch(() => undefined);
  return next;
}

/** Tabs that closed: a frame's report arriving after that must not bring their state back. */
const closedTabs = new Set<number>();

/** The badge updates of each tab, in order. */
const badges = new Map<number, Promise<void>>();

/** Each tab's state as last written (or read after the worker restarted). */
const states = new Map<number, TabState>();

async function stateOf(tabId: number): Promise<TabState> {
  const known = states.get(tabId);
  if (known) return known;
  const stored = await tabStateItem(tabId).getValue();
  states.set(tabId, stored);
  return stored;
}

let settings: Promise<Settings> | undefined;
/** The settings, read once and again only after they changed (see settingsChanged). */
const currentSettings = () => (settings ??= readSettings());

export function settingsChanged(): void {
  settings = undefined;
}

/** Stores a frame's report and returns the tab's verdict. */
export function storeFrameReport(tabId: number, frameId: number, report: PageReport): Promise<TabVerdict> {
  return serialized(tabId, async () => {
    if (closedTabs.has(tabId)) return NO_VERDICT;
    const state = await stateOf(tabId);
    const frames = frameId === 0 ? framesKeptFor(report, state.frames) : { ...state.frames };
    if (frameId === 0 || worthKeeping(report)) frames[String(frameId)] = report;
    else delete frames[String(frameId)];
    return writeState(tabId, { frames: bounded(frames) });
  });
}

/** A frame went away (an iframe removed, a frame navigated): its report no longer counts. */
export function forgetFrameReport(tabId: number, frameId: number, documentStart: number): Promise<TabVerdict> {
  return serialized(tabId, async () => {
    const state = await stateOf(tabId);
    const report = state.frames[String(frameId)];
    if (closedTabs.has(tabId) || !report || report.documentStart !== documentStart) return currentVerdict(state);
    const frames = { ...state.frames };
    delete frames[String(frameId)];
    return writeState(tabId, { frames });
  });
}

/**
 * The tab is going to `url`: forget what it showed, unless the page at that address has already
 * reported (the browser's "loading" event and the new page's first report can arrive in either
 * order).
 */
export function clearTab(tabId: number, url?: string): Promise<void> {
  return serialized(tabId, async () => {
    const state = await stateOf(tabId);
    if (url !== undefined && state.frames['0']?.url === reportedUrl(url)) return;
    states.delete(tabId);
    await writes.get(tabId);
    await tabStateItem(tabId).removeValue();
    await showBadge(tabId, NO_VERDICT);
  });
}

/** The tab closed: its state goes, after any write still pending for it. */
export function closeTab(tabId: number): Promise<void> {
  closedTabs.add(tabId);
  states.delete(tabId);
  badges.delete(tabId);
  return serialized(tabId, async () => {
    await writes.get(tabId);
    await tabStateItem(tabId).removeValue();
  });
}

/** The tab's verdict as it stands. */
export function verdictOfTab(tabId: number): Promise<TabVerdict> {
  return serialized(tabId, async () => (closedTabs.has(tabId) ? NO_VERDICT : currentVerdict(await stateOf(tabId))));
}

async function currentVerdict(state: TabState): Promise<TabVerdict> {
  return tabVerdict(state.frames, (await currentSettings()).warningThreshold);
}

/** Updates the tab's state and badge at once, and has the state written to storage. */
async function writeState(tabId: number, state: TabState): Promise<TabVerdict> {
  states.set(tabId, state);
  persist(tabId);
  const verdict = await currentVerdict(state);
  // Not awaited: the browser takes tens of milliseconds to set a badge, and the frame's answer
  // must not wait for it. Badges of one tab are still set in order.
  badges.set(tabId, (badges.get(tabId) ?? Promise.resolve()).then(() => showBadge(tabId, verdict)));
  return verdict;
}

/** The write of each tab's state in progress, and tabs whose state changed again meanwhile. */
const writes = new Map<number, Promise<void>>();
const rewrite = new Set<number>();

/** Writes the tab's latest state; changes made during a write are written once it is done. */
function persist(tabId: number): void {
  if (writes.has(tabId)) {
    rewrite.add(tabId);
    return;
  }
  // Started in a later task: the frame's answer, sent in this one, must not wait for the write
  // (storage serializes the state on the spot). Registered below before it can end.
  const write = new Promise((resolve) => setTimeout(resolve, 0)).then(async () => {
    try {
      do {
        rewrite.delete(tabId);
        const state = states.get(tabId);
        if (!state || closedTabs.has(tabId)) return;
        await store(tabId, state);
      } while (rewrite.has(tabId));
    } finally {
      // In the same step as the last check: a change arriving now starts a new write.
      writes.delete(tabId);
    }
  });
  writes.set(tabId, write);
}

async function store(tabId: number, state: TabState): Promise<void> {
  try {
    await tabStateItem(tabId).setValue(state);
  } catch {
    // Session storage is full (other tabs, hostile pages): free what belongs to closed tabs,
    // and if that is not enough keep the verdict and only the findings it rests on.
    await dropClosedTabs();
    await tabStateItem(tabId).setValue(state).catch(() => tabStateItem(tabId).setValue(decisiveOnly(state)).catch(() => undefined));
  }
}

/** Resolves when every tab's state has been written (for tests). */
export async function written(): Promise<void> {
  while (writes.size > 0) await Promise.all(writes.values());
  await Promise.all(badges.values());
}

/** A frame other than the page itself is stored only when it found something. */
const worthKeeping = (report: PageReport) => report.findings.length > 0 || report.risk !== 'none';

/**
 * Caps the findings of all frames together: the worst frames (and the page itself, when equal)
 * keep theirs first.
 */
function bounded(frames: Record<string, PageReport>): Record<string, PageReport> {
  let room: number = REPORT_LIMITS.findings;
  const order = Object.keys(frames).sort((a, b) => riskOrder(frames[b]!) - riskOrder(frames[a]!) || Number(a) - Number(b));
  const result: Record<string, PageReport> = {};
  for (const frame of order) {
    const report = frames[frame]!;
    result[frame] = report.findings.length <= room ? report : withFindings(report, report.findings.slice(0, room));
    room = Math.max(0, room - report.findings.length);
  }
  return result;
}

const riskOrder = (report: PageReport) => RISK_RANK[report.risk];

function withFindings(report: PageReport, findings: PageReport['findings']): PageReport {
  const rules = Object.fromEntries(Object.entries(report.rules).filter(([rule]) => findings.some((finding) => finding.rule === rule)));
  return { ...report, findings, rules };
}

function decisiveOnly(state: TabState): TabState {
  return { frames: Object.fromEntries(Object.entries(state.frames).map(([frame, report]) => [frame, withFindings(report, report.findings.filter((f) => f.decisive))])) };
}

async function dropClosedTabs(): Promise<void> {
  const open = new Set((await browser.tabs.query({})).map((tab) => tab.id));
  const stored = Object.keys(await browser.storage.session.get(null)).filter((key) => key.startsWith('tab:'));
  const gone = stored.filter((key) => !open.has(Number(key.slice(4))));
  if (gone.length > 0) await browser.storage.session.remove(gone);
}

/**
 * The frames that still belong with a new report of the top frame. A new top document (a
 * reload) keeps only frames whose documents started after it: frames of the old page go, frames
 * of the new page that reported first stay. A single-page app navigating (same document, new
 * URL) keeps its frames, which are still there.
 */
function framesKeptFor(top: PageReport, frames: Record<string, PageReport>): Record<string, PageReport> {
  const previous = frames['0'];
  if (!previous || previous.documentStart === top.documentStart) return { ...frames };
  return Object.fromEntries(
    Object.entries(frames).filter(([frame, report]) => frame !== '0' && (report.documentStart ?? 0) >= (top.documentStart ?? 0)),
  );
}

export async function showBadge(tabId: number, verdict: TabVerdict): Promise<void> {
  // Low findings stay in the popup only.
  const colour = verdict.findings > 0 ? BADGE_COLOURS[verdict.risk] : undefined;
  const text = !colour ? '' : verdict.findings > 99 ? '99+' : String(verdict.findings);
  try {
    await browser.action.setBadgeText({ tabId, text });
    if (colour) await browser.action.setBadgeBackgroundColor({ tabId, color: colour });
  } catch {
    // The tab closed meanwhile.
  }
}
