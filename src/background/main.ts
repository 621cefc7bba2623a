/**
 * The background: holds the compiled rules and judges what content scripts read (validated:
 * they run inside untrusted pages), stores each tab's reports, keeps the badge, tells a page's
 * top frame the tab's verdict, clears a tab when it navigates, and runs the context menu.
 */
import { browser, type Browser } from 'wxt/browser';
import { documentOfPort } from '../shared/frame-port';
import { type ReceivedContentMessage, type ExtensionMessage, type FrameAnswer, type FrameJudgement, MAX_CHECKED_TEXT, type PageBlocksResponse, parseFrameRequest, type TabMessage } from '../shared/messages';
import { skippedReport } from '../shared/report';
import { selectionCheckItem } from '../shared/session-state';
import { policyItem } from '../shared/policy';
import { settingsItem } from '../shared/settings';
import type { TabVerdict } from '../shared/tab-verdict';
import { checkText } from './check-text';
import { forgetExplanation, openExplanation } from './explanation';
import { forgetWarned, warnOutsidePage } from './hidden-warning';
import { notifyVerdict } from './notify';
import { judgeFrame, rememberList, rememberTexts } from './frame-judge';
import { forgetFrame, forgetTab, frameMemory } from './frame-memories';
import { activePacks, activeRuleSet, isUpdateAlarm, library, scheduleUpdates } from './rule-set';
import { onPackCommand, packsOverviewNow, readManagedPolicy, rulesChanged } from './packs';
import { clearTab, closeTab, forgetFrameReport, settingsChanged, storeFrameReport } from './tab-reports';

const CHECK_SELECTION_MENU = 'lureguard-check-selection';

export async function checkSelection(text: string, tab: { id?: number; url?: string } | undefined): Promise<void> {
  const url = tab?.url ?? '';
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    // Some pages (PDF viewers, about: pages) have no usable URL; the check does not need one.
  }
  const report = await checkText(text, { url, host });
  await selectionCheckItem.setValue(report);
  try {
    await browser.action.openPopup();
  } catch {
    await notifyVerdict(report, (lang) => report.explanation[lang]);
  }
}

/**
 * A frame as its port tells of it. `gone` once the port closed: what was asked before, and is
 * still awaiting the rules, must not store a report or a memory for it afterwards (they would
 * outlive the frame, and a removed frame's risk would count for the tab).
 */
export interface PortFrame {
  tabId: number;
  frameId: number;
  gone: boolean;
}

/** Judges a frame's blocks, stores the report, and answers with what the frame should show. */
export async function judgeBlocks(frame: PortFrame, message: Extract<ReceivedContentMessage, { type: 'page-blocks' }>): Promise<PageBlocksResponse> {
  const { tabId, frameId } = frame;
  if (message.more) {
    rememberList(frameMemory(tabId, frameId, message.page.documentStart), message);
    return { listed: true };
  }
  const ruleSet = await activeRuleSet();
  if (frame.gone) return { resend: true };
  const result = judgeFrame(ruleSet, frameMemory(tabId, frameId, message.page.documentStart), message.page, message);
  if ('resend' in result) return result;
  const verdict = await storeFrameReport(tabId, frameId, result.report);
  if (frameId !== 0) void tellTopFrame(tabId, verdict);
  const spans = result.report.findings.map(({ block, start, end }) => ({ block, start, end }));
  return { judged: { verdict, risk: result.report.risk, spans } };
}

async function skipPage({ tabId, frameId }: PortFrame, message: Extract<ReceivedContentMessage, { type: 'page-skipped' }>): Promise<{ judged: FrameJudgement }> {
  forgetFrame(tabId, frameId);
  const report = { ...skippedReport(message.page, message.reason), documentStart: message.page.documentStart };
  const verdict = await storeFrameReport(tabId, frameId, report);
  return { judged: { verdict, risk: 'none', spans: [] } };
}

/** The top frame raises the warning bar for the whole tab: tell it when another frame changed the verdict. */
async function tellTopFrame(tabId: number, verdict: TabVerdict): Promise<void> {
  const message: TabMessage = { type: 'tab-verdict', verdict };
  try {
    await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  } catch {
    // The top frame may have no content script (not a web page) or be gone: nothing to tell.
  }
}

function onContentMessage(message: ReceivedContentMessage, frame: PortFrame): Promise<unknown> {
  const { tabId, frameId } = frame;
  switch (message.type) {
    case 'page-texts':
      return activeRuleSet().then((ruleSet) => {
        if (!frame.gone) rememberTexts(ruleSet, frameMemory(tabId, frameId, message.page.documentStart), message.texts);
        return { ok: true };
      });
    case 'page-blocks':
      return judgeBlocks(frame, message);
    case 'page-skipped':
      return skipPage(frame, message);
    case 'open-explanation':
      return openExplanation(tabId).then(() => ({ ok: true }));
    case 'bar-hidden':
      return (frameId === 0 ? warnOutsidePage(tabId) : Promise.resolve()).then(() => ({ ok: true }));
  }
}

function onExtensionMessage(message: ExtensionMessage): Promise<unknown> | undefined {
  switch (message?.type) {
    case 'check-text':
      return typeof message.text === 'string' ? checkText(message.text.slice(0, MAX_CHECKED_TEXT), { url: '', host: '' }) : undefined;
    case 'pack-info':
      return activePacks();
    case 'packs-overview':
      return packsOverviewNow();
    default:
      return onPackCommand(message);
  }
}

/**
 * A frame's port: it carries the frame's messages (each answered on it), and its closing
 * means the frame is gone (removed, navigated, closed), and so is its report.
 */
function onFramePort(port: Browser.runtime.Port): void {
  const tabId = port.sender?.tab?.id;
  const frameId = port.sender?.frameId ?? 0;
  const documentStart = documentOfPort(port.name);
  if (tabId === undefined || documentStart === null) {
    // Not a tab's frame, or not our content script: closed, so that nothing waits on it for an answer.
    port.disconnect();
    return;
  }
  const frame: PortFrame = { tabId, frameId, gone: false };
  port.onMessage.addListener((raw: unknown) => void answerFrame(port, raw, frame));
  port.onDisconnect.addListener(() => {
    frame.gone = true;
    forgetFrame(tabId, frameId, documentStart);
    void forgetFrameReport(tabId, frameId, documentStart).then((verdict) => {
      if (frameId !== 0) void tellTopFrame(tabId, verdict);
    });
  });
}

/** Handles a frame's request (it comes from inside an untrusted page: malformed ones are not acted on) and answers it. */
async function answerFrame(port: Browser.runtime.Port, raw: unknown, frame: PortFrame): Promise<void> {
  const request = parseFrameRequest(raw);
  if (!request) return;
  let answer: unknown;
  try {
    if (request.message) answer = await onContentMessage(request.message, frame);
  } catch (error) {
    console.error('Lureguard: a frame could not be judged', error);
  }
  try {
    port.postMessage({ id: request.id, answer } satisfies FrameAnswer);
  } catch {
    // The frame went while it was being judged: no one to answer.
  }
}

export function runBackground(): void {
  // The rules are loaded as the worker starts, not when the first page asks: the browser starts a
  // stopped worker for the navigation itself (tabs.onUpdated), a few hundred milliseconds before
  // the page has read anything, and loading them from the cache takes ~90 ms on a 2-core machine.
  // A failure here shows again, and is handled, when a page asks.
  activeRuleSet().catch(() => undefined);
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: CHECK_SELECTION_MENU,
      title: browser.i18n.getMessage('contextMenuCheck') || 'Check selected text with Lureguard',
      contexts: ['selection'],
    });
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === CHECK_SELECTION_MENU && info.selectionText) void checkSelection(info.selectionText, tab);
  });

  // Only the extension's own pages send messages; content scripts post on their frame's port.
  browser.runtime.onMessage.addListener((raw, sender, respond) => {
    const fromExtensionPage = sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/' as '/popup.html'));
    const answer = fromExtensionPage ? onExtensionMessage(raw as ExtensionMessage) : undefined;
    if (answer === undefined) return false;
    // Answered when done (sendResponse works in every browser; a returned promise does not).
    answer.then(respond, (error) => {
      console.error('Lureguard: a request of an extension page failed', error);
      respond(undefined);
    });
    return true;
  });

  browser.runtime.onConnect.addListener(onFramePort);

  // Packs: the admin's policy first (it decides which packs count), then updates when due.
  library.onChange(rulesChanged);
  // Whatever fails on the way, the next check is scheduled: no update is ever left behind.
  const logged = (error: unknown) => console.error('Lureguard: rule-pack update', error);
  void readManagedPolicy().then(() => library.updateDue()).catch(logged).finally(scheduleUpdates);
  // The managed area's own event, not storage.onChanged: that one would hand the background every
  // tab state it writes to session storage (~100 KB, old and new) to look at and ignore. Firefox
  // has no such event; its policies only change when it restarts.
  browser.storage.managed.onChanged?.addListener(() => void readManagedPolicy().catch(logged).finally(scheduleUpdates));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (isUpdateAlarm(alarm)) void library.updateDue().catch(logged).finally(scheduleUpdates);
  });
  settingsItem.watch(settingsChanged);
  policyItem.watch(settingsChanged);

  browser.tabs.onUpdated.addListener((tabId, change) => {
    // The tab is going to another address: what it showed before no longer applies. (A frame
    // loading inside the page also sets "loading", but does not change the tab's address.)
    if (change.status === 'loading' && change.url !== undefined) {
      forgetWarned(tabId);
      void clearTab(tabId, change.url);
    }
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    forgetTab(tabId);
    forgetExplanation(tabId);
    forgetWarned(tabId);
    void closeTab(tabId);
  });
}
