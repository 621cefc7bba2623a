/**
 * Launches Debian's Chromium with the built extension (.output/chrome-mv3) through
 * playwright-core, and gives the tests what a person would see: the badge, the session state,
 * the popup page.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type CDPSession, type Page, type Worker, chromium } from 'playwright-core';
import type { PageReport } from '../../../src/shared/report';

const CHROMIUM_WITH_POLICIES = fileURLToPath(new URL('./chromium-with-policies.sh', import.meta.url));

export const EXTENSION = fileURLToPath(new URL('../../../.output/chrome-mv3', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The browser window's size in every test and benchmark (a browser without the extension gets the same, to lay out and paint the same page). */
export const VIEWPORT = { width: 1200, height: 800 };

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * Flags for a browser whose every request goes through a recording proxy (the privacy test).
 * Loopback is proxied too (Chromium otherwise connects to 127.0.0.1 and localhost directly), the
 * proxy may end TLS itself so that HTTPS requests are seen whole, WebRTC may not send UDP around
 * the proxy, and background services that make requests of their own are off.
 *
 * No --disable-features here: Chromium honours only the last one given, and it would undo
 * Playwright's own list, which already turns off the browser's startup requests
 * (OptimizationHints, NetworkTimeServiceQuerying to clients2.google.com, AimEnabled and
 * PreconnectToSearch to www.google.com, MediaRouter). Playwright also passes
 * --disable-background-networking, --disable-component-update, --disable-default-apps,
 * --metrics-recording-only and --no-default-browser-check.
 */
function proxyArgs(proxy: string): string[] {
  return [
    `--proxy-server=${proxy}`,
    // "<-loopback>" removes the implicit bypass of localhost, 127.0.0.1 and [::1].
    '--proxy-bypass-list=<-loopback>',
    '--ignore-certificate-errors',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--safebrowsing-disable-auto-update',
    '--no-pings',
  ];
}

/**
 * A fresh profile for the proxied browser, with autofill and the password manager off: on a
 * page with a form (a chat's message box) they ask content-autofill.googleapis.com for
 * predictions about it, sending hashes of the form's structure. Both must be off to stop it.
 */
function profileWithoutFormQueries(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lureguard-profile-'));
  mkdirSync(join(dir, 'Default'));
  const preferences = { autofill: { profile_enabled: false, credit_card_enabled: false }, credentials_enable_service: false };
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify(preferences));
  return dir;
}

export async function launchWithExtension(options: { lang?: string; proxy?: string; policyDir?: string; extension?: string } = {}): Promise<ExtensionBrowser> {
  // Another build of the extension may be given (npm run bench:ab compares two).
  const extension = options.extension ?? EXTENSION;
  if (!existsSync(`${extension}/manifest.json`)) throw new Error(`no built extension at ${extension}: run npm run build first`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (as root)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  // Without a proxy, Playwright makes (and removes) a temporary profile.
  const profile = options.proxy ? profileWithoutFormQueries() : '';
  const context = await chromium.launchPersistentContext(profile, {
    // With a policy (support/policy.ts): Chromium in a namespace where that policy is the machine's.
    executablePath: options.policyDir ? CHROMIUM_WITH_POLICIES : CHROMIUM,
    ...(options.policyDir && { env: { ...process.env, CHROMIUM_POLICY_DIR: options.policyDir } as Record<string, string> }),
    headless: true,
    locale: options.lang,
    viewport: VIEWPORT,
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.lang ? [`--lang=${options.lang}`] : []),
      ...(options.proxy ? proxyArgs(options.proxy) : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const close = async () => {
    await context.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  };
  return { context, worker, extensionId, close };
}

/**
 * The tab id of a page, found through the report its content script stored. Only reports made
 * since `since` count: a tab closed a moment ago may still have a report for the same address.
 */
/**
 * Stops the extension's service worker, as the browser does when it has been idle for 30 s; the
 * next event or message starts it again (see workerStartedAgain). `via` is any page of the browser.
 */
export async function stopServiceWorker(browser: ExtensionBrowser, via: Page): Promise<void> {
  // A mark in the worker's globals: gone once the browser has started it again.
  await browser.worker.evaluate(() => Object.assign(self, { lureguardBeforeStop: true })).catch(() => undefined);
  const cdp = await browser.context.newCDPSession(via);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** Whether the browser has started the worker again since stopServiceWorker; `browser.worker` is then the new one. */
export async function workerStartedAgain(browser: ExtensionBrowser): Promise<boolean> {
  browser.worker = browser.context.serviceWorkers().at(-1)!;
  return browser.worker.evaluate(() => !('lureguardBeforeStop' in self)).catch(() => false);
}

export async function tabIdOf(worker: Worker, url: string, timeout = 15_000, since = 0): Promise<number> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const id = await worker.evaluate(
      async ([pageUrl, after]) => {
        const all = (await chrome.storage.session.get(null)) as Record<string, { frames?: Record<string, { url: string; scannedAt: number }> }>;
        let newest: [number, number] | null = null;
        for (const [key, value] of Object.entries(all)) {
          const top = value?.frames?.['0'];
          if (key.startsWith('tab:') && top?.url === pageUrl && top.scannedAt >= after && (!newest || top.scannedAt > newest[1])) {
            newest = [Number(key.slice(4)), top.scannedAt];
          }
        }
        return newest?.[0] ?? null;
      },
      [url, since] as const,
    );
    if (id !== null) return id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no report arrived for ${url}`);
}

/** Opens a page in a new tab of the extension's browser, and finds the tab by the report of this very load. */
export async function openTab(browser: ExtensionBrowser, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  const since = Date.now();
  await page.goto(url);
  return { page, tabId: await tabIdOf(browser.worker, url, 15_000, since) };
}

/** A frame's report as the background stores it (the extension's own type). */
export type StoredReport = PageReport;

export async function reportOf(worker: Worker, tabId: number, frameId = 0): Promise<StoredReport | null> {
  return worker.evaluate(
    async ([tab, frame]) => {
      const key = `tab:${tab}`;
      const state = (await chrome.storage.session.get(key))[key] as { frames: Record<string, unknown> } | undefined;
      return (state?.frames[String(frame)] as never) ?? null;
    },
    [tabId, frameId] as const,
  );
}

/** Waits until the stored report satisfies a condition (the content script works after first paint). */
export async function waitForReport(worker: Worker, tabId: number, accept: (report: StoredReport) => boolean, timeout = 15_000): Promise<StoredReport> {
  const deadline = Date.now() + timeout;
  let last: StoredReport | null = null;
  while (Date.now() < deadline) {
    last = await reportOf(worker, tabId);
    if (last && accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`report never matched; last: ${JSON.stringify(last)?.slice(0, 500)}`);
}

export async function badgeOf(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate((tab) => chrome.action.getBadgeText({ tabId: tab }), tabId);
}

/** A value in the extension's local storage (settings, trusted sites). */
export async function storageOf(worker: Worker, key: string): Promise<unknown> {
  return worker.evaluate(async (name) => (await chrome.storage.local.get(name))[name], key);
}

/** The ids of the extension's notifications on screen. */
export async function notificationsOf(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}

export async function setStorage(worker: Worker, values: Record<string, unknown>): Promise<void> {
  await worker.evaluate((items) => chrome.storage.local.set(items), values);
}

interface BarState {
  risk: string;
  text: string;
  minimized: boolean;
  /** Whether the browser renders it (not hidden by anything the page did). */
  visible: boolean;
}

type DomNode = { nodeId: number; nodeName: string; children?: DomNode[]; shadowRoots?: (DomNode & { shadowRootType?: string })[] };

/**
 * Runs `use` on the bar's element inside our closed shadow root, found through the DevTools
 * protocol (a test sees what a person sees; the page's scripts cannot get there).
 */
async function withBar<T>(page: Page, use: (cdp: CDPSession, barNodeId: number) => Promise<T>): Promise<T | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const html = root.children?.find((node) => node.nodeName === 'HTML');
    for (const child of html?.children ?? []) {
      const shadow = child.shadowRoots?.find((candidate) => candidate.shadowRootType === 'closed');
      if (!shadow) continue;
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector: '.bar' });
      if (nodeId) return await use(cdp, nodeId);
    }
    return null;
  } finally {
    await cdp.detach();
  }
}

/** The warning bar's risk, text and state, or null when there is none. */
export async function warningBarOf(page: Page): Promise<BarState | null> {
  return withBar(page, async (cdp, nodeId) => {
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      returnByValue: true,
      functionDeclaration: `function () {
        return { risk: this.dataset.risk ?? '', text: this.textContent ?? '', minimized: this.classList.contains('minimized'),
          visible: this.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && this.getBoundingClientRect().height > 0 };
      }`,
    });
    return result.value as BarState;
  });
}

/** Clicks a button of the warning bar as a person does: with the mouse, where the browser shows it. */
export async function clickInWarningBar(page: Page, selector: string): Promise<void> {
  const point = await withBar(page, async (cdp, barNodeId) => {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: barNodeId, selector });
    if (!nodeId) throw new Error(`the warning bar has no ${selector}`);
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const [x1, y1, , , x3, y3] = model.border;
    return { x: (x1! + x3!) / 2, y: (y1! + y3!) / 2 };
  });
  if (!point) throw new Error('no warning bar to click');
  await page.mouse.click(point.x, point.y);
}

/** How many ranges the page has highlighted. */
export async function highlightCount(page: Page): Promise<number> {
  return page.evaluate(() => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('lureguard-match')?.size ?? 0);
}

/** The texts of the highlighted matches. */
export async function highlightedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('lureguard-match') ?? [])].map((range) => range.toString()));
}

/** The background colour the first highlighted match is painted with ('rgba(0, 0, 0, 0)': none, the match is not seen). */
export async function highlightBackground(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const [range] = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('lureguard-match') ?? [];
    const element = range?.startContainer.parentElement;
    return element ? getComputedStyle(element, '::highlight(lureguard-match)').backgroundColor : null;
  });
}

/** The texts found in every frame of a tab. */
export async function frameFindingsOf(worker: Worker, tabId: number): Promise<Record<string, string[]>> {
  return worker.evaluate(async (tab) => {
    const key = `tab:${tab}`;
    const state = (await chrome.storage.session.get(key))[key] as { frames: Record<string, { findings: { text: string }[] }> } | undefined;
    return Object.fromEntries(Object.entries(state?.frames ?? {}).map(([frame, report]) => [frame, report.findings.map((f) => f.text)]));
  }, tabId);
}

/** Has a test page append a chat message (its own appendMessage, with the sender when the page shows one). */
export async function appendMessage(page: Page, ...message: [text: string] | [sender: string, text: string]): Promise<void> {
  await page.evaluate((parts) => (window as unknown as { appendMessage(...parts: string[]): void }).appendMessage(...parts), message);
}
