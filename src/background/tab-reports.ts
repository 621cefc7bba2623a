/**
 * Per-tab reports in session storage (an MV3 service worker can be stopped at any moment, so
 * nothing lives in its globals), and the badge that summarizes them.
 */
import { browser } from 'wxt/browser';
import { RISK_RANK, type Risk } from '../engine/types';
import type { TabMessage } from '../shared/messages';
import { type PageReport, reportedUrl } from '../shared/report';
import { type TabState, tabStateItem } from '../shared/session-state';

const BADGE_COLOURS: Record<Risk, string> = { none: '#9e9e9e', low: '#757575', medium: '#e65100', high: '#b71c1c' };

/** The tab as a whole: its worst frame's risk and all frames' findings. */
export function summarize(state: TabState): { risk: Risk; findings: number } {
  let risk: Risk = 'none';
  let findings = 0;
  for (const report of Object.values(state.frames)) {
    if (RISK_RANK[report.risk] > RISK_RANK[risk]) risk = report.risk;
    findings += report.findings.length;
  }
  return { risk, findings };
}

/**
 * One update at a time per tab: frames report concurrently, and two read-modify-write cycles on
 * the same session entry would lose one of the reports.
 */
const pending = new Map<number, Promise<void>>();
function serialized(tabId: number, update: () => Promise<void>): Promise<void> {
  const next = (pending.get(tabId) ?? Promise.resolve()).then(update, update);
  pending.set(tabId, next);
  void next.finally(() => {
    if (pending.get(tabId) === next) pending.delete(tabId);
  });
  return next;
}

export function storeFrameReport(tabId: number, frameId: number, report: PageReport): Promise<void> {
  return serialized(tabId, () => writeFrameReport(tabId, frameId, report));
}

async function writeFrameReport(tabId: number, frameId: number, report: PageReport): Promise<void> {
  const item = tabStateItem(tabId);
  const state = await item.getValue();
  const frames = frameId === 0 ? framesKeptFor(report, state.frames) : { ...state.frames };
  frames[String(frameId)] = report;
  await item.setValue({ frames });
  await updateBadge(tabId, { frames });
  // Also when the top frame reports: a frame may have been judged before it was listening. Not
  // awaited: the next report of this tab must not wait for a page to answer.
  void tellTopFrame(tabId, frames);
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

/** The top frame raises the warning bar for the whole tab: tell it how the other frames were judged. */
async function tellTopFrame(tabId: number, frames: Record<string, PageReport>): Promise<void> {
  let worst: PageReport | undefined;
  for (const [frame, report] of Object.entries(frames)) {
    if (frame !== '0' && (!worst || RISK_RANK[report.risk] > RISK_RANK[worst.risk])) worst = report;
  }
  if (!worst) return;
  const message: TabMessage = { type: 'frames-verdict', risk: worst.risk, category: worst.category };
  try {
    await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  } catch {
    // The top frame may have no content script (not a web page) or be gone: nothing to tell.
  }
}

/**
 * The tab is going to `url`: forget what it showed, unless the page at that address has already
 * reported (the browser's "loading" event and the new page's first report can arrive in either
 * order).
 */
export function clearTab(tabId: number, url?: string): Promise<void> {
  return serialized(tabId, async () => {
    const state = await tabStateItem(tabId).getValue();
    if (url !== undefined && state.frames['0']?.url === reportedUrl(url)) return;
    await tabStateItem(tabId).removeValue();
    await updateBadge(tabId, { frames: {} });
  });
}

export async function updateBadge(tabId: number, state: TabState): Promise<void> {
  const { risk, findings } = summarize(state);
  const text = risk === 'none' || findings === 0 ? '' : findings > 99 ? '99+' : String(findings);
  try {
    await browser.action.setBadgeText({ tabId, text });
    if (text) await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOURS[risk] });
  } catch {
    // The tab closed meanwhile.
  }
}
