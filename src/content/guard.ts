/**
 * The content script's work on one page: read the page after first paint in slices, analyze it,
 * report to the background, highlight matches and show the warning bar; then follow changes
 * (chat messages, SPA navigation) and update only what changed. Everything stops when the
 * content script is invalidated.
 */
import type { CompiledRuleSet } from '../engine';
import { type Category, RISK_RANK, type Risk } from '../engine/types';
import { CATEGORY_LABELS } from '../engine/labels';
import { type Lang, resolveLang, translator } from '../shared/i18n';
import type { ContentMessage } from '../shared/messages';
import { type PageReport, buildReport, parseFindingId, skippedReport } from '../shared/report';
import { type Settings, isTrusted } from '../shared/settings';
import { BLOCK_ELEMENTS } from '../extract/blocks';
import { BlockReader, OWN_UI_TAG, rangeOf, type TextBlock } from './extract';
import { clearHighlights, flash, showHighlights } from './highlight';
import { type AnalyzedBlock, PageModel } from './page-model';
import { Slicer, afterFirstPaint } from './slices';
import { WarningBarHost } from './warning-bar-host';

/** What the guard needs from the browser, so that it can be driven in tests. */
export interface GuardEnvironment {
  document: Document;
  location: { href: string; hostname: string };
  isTopFrame: boolean;
  browserLanguage: string;
  /** performance.timeOrigin of the document: the background tells a new document from an update by it. */
  documentStart: number;
  send: (message: ContentMessage) => void;
}

/** Changes are coalesced for this long after the first of them: a burst of chat messages becomes one update. */
const CHANGE_DELAY_MS = 60;
const NODES_PER_CHECK = 200;

export class PageGuard {
  private readonly model: PageModel;
  private readonly observer: MutationObserver;
  private readonly observedRoots = new WeakSet<Node>();
  private readonly bar: WarningBarHost;
  private readonly dirty = new Set<Element>();
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private scan: AbortController | undefined;
  private working: Promise<void> = Promise.resolve();
  private active = false;
  private dismissed = false;
  /** Set when nodes were removed: blocks that left the page are dropped before the next verdict. */
  private removals = false;
  private lastReport: PageReport | undefined;
  /** The worst verdict among the tab's other frames, as the background reports it to the top frame. */
  private framesVerdict: { risk: Risk; category: Category | null } = { risk: 'none', category: null };

  constructor(
    ruleSet: CompiledRuleSet,
    private settings: Settings,
    private trusted: string[],
    private readonly env: GuardEnvironment,
  ) {
    this.model = new PageModel(ruleSet);
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.bar = new WarningBarHost(env.document);
  }

  get report(): PageReport | undefined {
    return this.lastReport;
  }

  private get lang(): Lang {
    return resolveLang(this.settings.language, this.env.browserLanguage);
  }

  private get where() {
    return { url: this.env.location.href, host: this.env.location.hostname };
  }

  /** Starts (or restarts) protection according to the settings. */
  async start(): Promise<void> {
    this.stop();
    const skipped = this.settings.paused ? 'paused' : isTrusted(this.env.location.hostname, this.trusted) ? 'trusted' : undefined;
    if (skipped) {
      this.lastReport = { ...skippedReport(this.where, skipped), documentStart: this.env.documentStart };
      this.env.send({ type: 'page-report', report: this.lastReport });
      return;
    }
    this.active = true;
    await afterFirstPaint();
    if (!this.active) return;
    this.observe(this.env.document);
    await this.fullScan();
  }

  stop(): void {
    this.active = false;
    this.scan?.abort();
    this.observer.disconnect();
    clearTimeout(this.changeTimer);
    this.dirty.clear();
    this.model.clear();
    clearHighlights();
    this.bar.remove();
  }

  async updateSettings(settings: Settings, trusted: string[]): Promise<void> {
    const wasSkipped = !this.active;
    const skipNow = settings.paused || isTrusted(this.env.location.hostname, trusted);
    const languageChanged = settings.language !== this.settings.language;
    this.settings = settings;
    this.trusted = trusted;
    if (skipNow || wasSkipped) return this.start();
    // Only the presentation changed: redraw from what is known.
    if (languageChanged) this.bar.remove();
    this.present();
  }

  /** The tab's other frames were judged: the top frame's bar speaks for them too. */
  updateFramesVerdict(risk: Risk, category: Category | null): void {
    this.framesVerdict = { risk, category };
    this.present();
  }

  /** A new page in a single-page app: forget the old one. */
  async navigated(): Promise<void> {
    this.dismissed = false;
    await this.start();
  }

  /** Scrolls to a finding and flashes it. */
  showFinding(findingId: string): boolean {
    const id = parseFindingId(findingId);
    const block = id && this.model.blocks.find((b) => b.key === id.block);
    const range = block && rangeOf(block, id.start, id.end);
    if (!range) return false;
    flash(range);
    return true;
  }

  /** Reads and analyzes the whole page in slices. */
  private fullScan(): Promise<void> {
    this.scan?.abort();
    const scan = new AbortController();
    this.scan = scan;
    this.working = this.working
      .catch(() => undefined)
      .then(async () => {
        const blocks = await this.readAndAnalyze(this.env.document.body ?? this.env.document.documentElement, scan.signal);
        if (scan.signal.aborted) return;
        this.model.blocks = blocks;
        await this.publish(scan.signal);
      })
      .catch(reportFailure);
    return this.working;
  }

  private async readAndAnalyze(root: Node, signal: AbortSignal): Promise<AnalyzedBlock[]> {
    const blocks: TextBlock[] = [];
    // Mutations inside open shadow roots are not seen from the document: observe each root too.
    const reader = new BlockReader(root, (block) => blocks.push(block), (shadow) => this.observe(shadow));
    const slicer = new Slicer();
    // Read: a few hundred nodes at a time, yielding whenever the slice is used up.
    while (reader.next(NODES_PER_CHECK)) if (slicer.due()) await slicer.yield(signal);
    // Analyze: block by block (blocks are capped in length, so each step is short).
    const analyzed: AnalyzedBlock[] = [];
    for (const block of blocks) {
      analyzed.push(this.model.analyze(block));
      if (slicer.due()) await slicer.yield(signal);
    }
    return analyzed;
  }

  /**
   * Judges the page, reports to the background and updates what the page shows: three steps
   * with a yield between them, so that even on a huge page none of them is a long task.
   */
  private async publish(signal: AbortSignal): Promise<void> {
    const slicer = new Slicer();
    const { result, segments } = this.model.judge();
    await slicer.yield(signal);
    const blocks = this.model.blocks;
    this.lastReport = { ...buildReport(result, segments, this.model.ruleSet, this.where, (i) => blocks[i]!.key), documentStart: this.env.documentStart };
    this.env.send({ type: 'page-report', report: this.lastReport });
    await slicer.yield(signal);
    this.present();
  }

  /** Highlights and the warning bar, from the last report and the settings. */
  private present(): void {
    const report = this.lastReport;
    if (!report || !this.active) return;
    const flagged = report.risk === 'medium' || report.risk === 'high';
    if (this.settings.highlight && flagged) {
      const byKey = new Map(this.model.blocks.map((block) => [block.key, block]));
      const ranges: Range[] = [];
      for (const finding of report.findings) {
        const id = parseFindingId(finding.id);
        const block = id && byKey.get(id.block);
        const range = block && rangeOf(block, id.start, id.end);
        if (range) ranges.push(range);
      }
      showHighlights(ranges);
    } else {
      clearHighlights();
    }
    // The bar speaks for the whole tab: this page, or a frame in it (a chat widget), whichever is worse.
    const verdict = RISK_RANK[this.framesVerdict.risk] > RISK_RANK[report.risk] ? this.framesVerdict : report;
    const threshold = this.settings.warningThreshold;
    const barRisk = verdict.risk === 'high' || (verdict.risk === 'medium' && threshold === 'medium');
    if (!this.env.isTopFrame || this.dismissed || threshold === 'off' || !barRisk) {
      this.bar.remove();
      return;
    }
    const t = translator(this.lang);
    const kind = verdict.category ? CATEGORY_LABELS[verdict.category][this.lang] : '';
    this.bar.show({
      risk: verdict.risk as 'medium' | 'high',
      kind,
      t,
      onWhy: () => this.env.send({ type: 'open-explanation' }),
      onDismiss: () => {
        this.dismissed = true;
        this.bar.remove();
      },
      onTrust: () => this.env.send({ type: 'trust-site', host: this.env.location.hostname }),
    });
  }

  private observe(root: Node): void {
    if (this.observedRoots.has(root)) return;
    this.observedRoots.add(root);
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  private onMutations(records: MutationRecord[]): void {
    if (!this.active) return;
    for (const record of records) {
      if (this.isOwnUi(record.target)) continue;
      const added = Array.from(record.addedNodes);
      const removed = Array.from(record.removedNodes);
      // Our own bar coming and going must not feed back into a scan.
      if (record.type === 'childList' && [...added, ...removed].every((node) => this.isOwnUi(node))) continue;
      // An added block (a new chat bubble) is read on its own; anything else changes the text
      // of the block around it, which is read again.
      const addedBlocks = added.filter((node) => node.nodeType === Node.ELEMENT_NODE && BLOCK_ELEMENTS.has((node as Element).localName));
      for (const node of addedBlocks) this.dirty.add(node as Element);
      const changesText = record.type === 'characterData' || added.length > addedBlocks.length;
      const block = changesText ? blockOf(record.target) : null;
      if (block) this.dirty.add(block);
      if (removed.length > 0) this.removals = true;
    }
    if (this.dirty.size === 0 && !this.removals) return;
    // The delay runs from the first change of a burst and is never restarted: a page whose text
    // changes without pause (a clock, a ticker) must not hold back every later change.
    if (this.changeTimer !== undefined) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      void this.applyChanges();
    }, CHANGE_DELAY_MS);
  }

  private isOwnUi(node: Node): boolean {
    const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    return !!element && (element.localName === OWN_UI_TAG || !!element.closest(OWN_UI_TAG));
  }

  /** Re-reads only the changed blocks, then re-judges the page. */
  private applyChanges(): Promise<void> {
    const roots = outermost([...this.dirty]);
    this.dirty.clear();
    const signal = this.scan?.signal ?? new AbortController().signal;
    this.working = this.working
      .catch(() => undefined)
      .then(async () => {
        if (this.removals) this.model.dropDisconnected();
        this.removals = false;
        const changes: { root: Element; fresh: AnalyzedBlock[] }[] = [];
        for (const root of roots) {
          changes.push({ root, fresh: root.isConnected ? await this.readAndAnalyze(root, signal) : [] });
          if (signal.aborted) return;
        }
        this.model.replaceWithin(changes);
        await this.publish(signal);
      })
      .catch(reportFailure);
    return this.working;
  }

  /** Resolves when the current scan and pending changes are done (for tests). */
  async settled(): Promise<void> {
    for (;;) {
      const working = this.working;
      await working;
      if (this.changeTimer === undefined && working === this.working) return;
      await new Promise((resolve) => setTimeout(resolve, CHANGE_DELAY_MS));
    }
  }
}

/** The nearest block element around a node (crossing shadow roots), where its text belongs. */
function blockOf(node: Node): Element | null {
  let element: Element | null = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (element) {
    if (BLOCK_ELEMENTS.has(element.localName)) return element;
    const parent: Element | null = element.parentElement ?? ((element.getRootNode() as ShadowRoot).host ?? null);
    element = parent;
  }
  return node.ownerDocument?.body ?? null;
}

/** Drops roots inside other roots: re-reading the outer one covers them. */
function outermost(roots: Element[]): Element[] {
  // Linear: each root's ancestors are looked up in a set, instead of every root against every other.
  const all = new Set(roots);
  return roots.filter((root) => {
    for (let parent = root.parentElement; parent; parent = parent.parentElement) if (all.has(parent)) return false;
    return true;
  });
}

/** A failed scan must never break the page: note it quietly and carry on. */
function reportFailure(error: unknown): void {
  if ((error as Error)?.name === 'AbortError') return;
  console.debug('Lureguard: scanning this page failed', error);
}
