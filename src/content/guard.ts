/**
 * The content script's work on one page: read the page in slices, have the
 * background judge it, and show what it decided; then follow changes (chat messages, single-page
 * apps) and send only what changed. Three parts, each with one job: the reader (BlockReader and
 * PageBlocks), the watcher (ChangeWatcher) and the presenter (Presenter). A run is one
 * AbortController: starting again, stopping or navigating aborts everything of the last run.
 */
import { packList } from '../shared/block-entries';
import { MAX_PAGE_CHARACTERS, TEXT_BATCH } from '../shared/block-limits';
import type { ContentMessage, PageBlocksResponse, PageInfo } from '../shared/messages';
import { reportedUrl } from '../shared/page-address';
import type { BlockSpan, SkipReason } from '../shared/report';
import { isTrusted, type Settings } from '../shared/settings';
import type { TabVerdict } from '../shared/tab-verdict';
import { type PageChanges, ChangeWatcher, type ShownObserverConstructor } from './change-watcher';
import { BlockReader, closedShadowRootWhereTextMayHide, isInsideHidden, isRendered, rangeOf } from './extract';
import { flash } from './highlight';
import { changeBetween, listParts, type PageBlock, PageBlocks } from './page-blocks';
import { Presenter, type PresenterEnvironment } from './presenter';
import { Slicer, SLICE_MS, yieldToMain } from './slices';

/** What the guard needs from the browser, so that it can be driven in tests. */
export interface GuardEnvironment extends PresenterEnvironment {
  location: { href: string };
  hostname: string;
  /** performance.timeOrigin of the document: the background tells a new document from an update by it. */
  documentStart: number;
  /** A shadow root the page closed to scripts (closed-shadow-root.ts); without it such roots are not read. */
  closedShadowRootOf?: (element: Element) => ShadowRoot | null;
  /** What tells when an element that was not shown appears (IntersectionObserver, the browser's own when not given). */
  ShownObserver?: ShownObserverConstructor;
  /** Has the background judge the frame's blocks; undefined when it cannot be reached. */
  judge: (message: Extract<ContentMessage, { type: 'page-blocks' }>) => Promise<PageBlocksResponse | undefined>;
}

const NODES_PER_CHECK = 64;
/** Texts read are sent between slices once there are at least this many characters of them. */
const EARLY_BATCH = 32_000;
/** A long block list goes to the background in parts of this many entries, each a message that passes quickly. */
const LIST_PART = 5000;
/**
 * Judgements asked for and not answered yet, at most: a change is read and sent while the last
 * answer is still on its way (it takes tens of milliseconds to come back on a long page, and a
 * chat message arriving meanwhile must not wait for it), but a page that changes without pause
 * cannot pile up work in the background.
 */
const MAX_UNANSWERED = 2;
/**
 * The block list for a judgement is made in slices of twice a reading slice (still far from a
 * long task): it reads no page text, and a yield in the middle of it lets the browser lay a long
 * page out first (tens of milliseconds), before the background hears of the change.
 */
const LIST_SLICE_MS = 2 * SLICE_MS;

export class PageGuard {
  private readonly blocks = new PageBlocks();
  private readonly watcher: ChangeWatcher;
  private readonly presenter: Presenter;
  private run: AbortController | undefined;
  private working: Promise<void> = Promise.resolve();
  /** Texts read but not sent yet. */
  private textBatch: { key: string; text: string }[] = [];
  private textBatchSize = 0;
  /** The block list the background was last asked to judge, packed: the next judgement sends only the change. */
  private judgedEntries: string[] | undefined;
  /** The answers still awaited, oldest first (each settles once handled; never rejects). */
  private unanswered: Promise<void>[] = [];
  /** Judgements asked for so far, and the number of the one last shown: a late answer never replaces a newer one. */
  private asked = 0;
  private shown = 0;
  /** Counts the times everything sent was forgotten: answers to what was asked before then no longer apply. */
  private sentGeneration = 0;

  constructor(
    private readonly env: GuardEnvironment,
    private settings: Settings,
    private trusted: readonly string[],
  ) {
    this.watcher = new ChangeWatcher(
      (changes) => this.enqueue((signal) => this.applyChanges(changes, signal)),
      // A custom element read without a shadow root may get one later.
      (element) => element.shadowRoot ?? closedShadowRootWhereTextMayHide(element, env.closedShadowRootOf),
      env.ShownObserver,
    );
    this.presenter = new Presenter(env, settings, (spans) => this.locate(spans));
  }

  private get page(): PageInfo {
    return { url: reportedUrl(this.env.location.href), host: this.env.hostname, documentStart: this.env.documentStart };
  }

  private get skipReason(): SkipReason | undefined {
    if (this.settings.paused) return 'paused';
    return isTrusted(this.env.hostname, this.trusted) ? 'trusted' : undefined;
  }

  /** Starts (or restarts) protection according to the settings. */
  async start(): Promise<void> {
    this.stop();
    const run = new AbortController();
    this.run = run;
    const reason = this.skipReason;
    if (reason) {
      this.env.send({ type: 'page-skipped', page: this.page, reason });
      return;
    }
    // Read from the next task on, in slices that yield: the page's first paint is not held back
    // (measured by npm run bench:browser), and waiting for it cost the verdict tens of milliseconds.
    await yieldToMain();
    if (run.signal.aborted) return;
    this.watcher.observe(this.env.document);
    await this.enqueue((signal) => this.fullScan(signal));
  }

  stop(): void {
    this.run?.abort();
    this.run = undefined;
    // Answers to the stopped run are ignored when they come: a new run does not wait for them.
    this.unanswered = [];
    this.watcher.stop();
    this.blocks.clear();
    // What the background knew of this frame may be forgotten while stopped.
    this.forgetSent();
    this.presenter.clear();
  }

  async updateSettings(settings: Settings, trusted: readonly string[]): Promise<void> {
    const wasSkipped = this.skipReason !== undefined || !this.run;
    this.settings = settings;
    this.trusted = trusted;
    if (wasSkipped || this.skipReason) return this.start();
    this.presenter.updateSettings(settings);
    // The tab's verdict depends on the warning threshold: have it judged again (only keys are sent).
    await this.enqueue((signal) => this.publish(signal));
  }

  /** The background's rules changed: the blocks are judged again (it has their texts; only keys are sent). */
  async rulesChanged(): Promise<void> {
    if (this.skipReason !== undefined || !this.run) return;
    await this.enqueue((signal) => this.publish(signal));
  }

  /** A new page in a single-page app: forget the old one. */
  async navigated(): Promise<void> {
    this.presenter.resetDismissed();
    await this.start();
  }

  /** Another frame of the tab was judged. */
  showVerdict(verdict: TabVerdict): void {
    if (this.run) this.presenter.showVerdict(verdict);
  }

  /** Scrolls to a finding and flashes it. */
  showFinding(span: BlockSpan): boolean {
    const [range] = this.locate([span]);
    if (!range) return false;
    flash(range);
    return true;
  }

  /** Resolves when the current scan and pending changes are done (for tests). */
  async settled(): Promise<void> {
    for (;;) {
      const working = this.working;
      await working;
      await Promise.all(this.unanswered);
      if (!this.watcher.pending && working === this.working && this.unanswered.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private locate(spans: readonly BlockSpan[]): (Range | null)[] {
    const blocks = this.blocks.findAll(new Set(spans.map((span) => span.block)));
    return spans.map((span) => {
      const block = blocks.get(span.block);
      return block ? rangeOf(block, span.start, span.end) : null;
    });
  }

  /** Runs one piece of work after the others, within the current run. */
  private enqueue(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const run = this.run;
    if (!run) return this.working;
    this.working = this.working
      .catch(() => undefined)
      .then(() => (run.signal.aborted ? undefined : work(run.signal)))
      .catch(reportFailure);
    return this.working;
  }

  private async fullScan(signal: AbortSignal): Promise<void> {
    const root = this.env.document.body ?? this.env.document.documentElement;
    const blocks = await this.read(root, signal, 0);
    this.blocks.blocks = blocks;
    await this.publish(signal);
  }

  /** Re-reads only the changed blocks, then has the page judged again. */
  private async applyChanges(changes: PageChanges, signal: AbortSignal): Promise<void> {
    if (changes.removals) this.blocks.dropDisconnected();
    this.blocks.childrenChanged(changes.parents);
    const replaced: { root: Element; fresh: PageBlock[] }[] = [];
    let characters = this.blocks.characters;
    const hiddenAncestors = new Map<Element, boolean>();
    for (const root of changes.roots) {
      let fresh: PageBlock[] = [];
      if (!root.isConnected) {
        // Removed since the change: nothing to read.
      } else if (isInsideHidden(root, hiddenAncestors)) {
        // Changed inside a container the page hides (it may have hidden it after it was read):
        // read once shown. Not inside one that shows no text of its own, yet lays out what it
        // holds (an object's fallback): the browser would report it shown at once, again and again.
        if (!isRendered(root)) this.watcher.watchUntilShown(root);
      } else {
        fresh = await this.read(root, signal, characters);
      }
      for (const block of fresh) characters += block.text.length;
      replaced.push({ root, fresh });
    }
    // Moves the page made while the roots were read (not handed over yet) also put the list out of order.
    this.blocks.replaceWithin(replaced, changes.removals || this.watcher.nodesLeftSinceHandover());
    await this.publish(signal);
  }

  /** Reads the blocks under a root in slices, a few hundred nodes at a time, up to the page's character budget. */
  private async read(root: Node, signal: AbortSignal, alreadyRead: number): Promise<PageBlock[]> {
    const blocks: PageBlock[] = [];
    let characters = alreadyRead;
    const reader = new BlockReader(
      root,
      (block) => {
        if (characters >= MAX_PAGE_CHARACTERS) return;
        characters += block.text.length;
        const named = this.blocks.name(block);
        blocks.push(named);
        this.queueText(named);
      },
      {
        onShadowRoot: (shadow) => this.watcher.observe(shadow),
        onCustomElement: (element) => this.watcher.watchHost(element),
        onLostPlace: (parent) => this.watcher.readAgain(elementOf(parent)),
        onHidden: (element) => this.watcher.watchUntilShown(element),
        closedShadowRootOf: this.env.closedShadowRootOf,
      },
    );
    const slicer = new Slicer();
    while (reader.next(NODES_PER_CHECK) && characters < MAX_PAGE_CHARACTERS) {
      if (!slicer.due()) continue;
      // What the slices read so far goes now, once there is enough to be worth a message (each
      // costs a few milliseconds however short): the background analyzes it while the page is
      // still being read.
      if (this.textBatchSize >= EARLY_BATCH) this.sendTexts();
      await slicer.yield(signal);
    }
    return blocks;
  }

  private queueText(block: PageBlock): void {
    const text = this.blocks.textToSend(block);
    if (text === undefined) return;
    this.textBatch.push({ key: block.key, text });
    this.textBatchSize += text.length;
    // A batch never outgrows a message (a block is at most MAX_BLOCK_LENGTH characters).
    if (this.textBatchSize >= TEXT_BATCH) this.sendTexts();
  }

  /** Sends the texts read so far: the background analyzes them while the page is still being read. */
  private sendTexts(): void {
    if (this.textBatch.length === 0) return;
    this.env.send({ type: 'page-texts', page: this.page, texts: this.textBatch });
    this.textBatch = [];
    this.textBatchSize = 0;
  }

  /** The background will be told everything again: every text and the whole list. */
  private forgetSent(): void {
    this.sentGeneration++;
    this.blocks.forgetAllSent();
    this.judgedEntries = undefined;
    this.textBatch = [];
    this.textBatchSize = 0;
  }

  /**
   * Asks for the blocks to be judged (sending only what changed since the last judgement). Done
   * once asked: the answer is shown when it comes, and the next change need not wait for it.
   */
  private async publish(signal: AbortSignal, isRetry = false): Promise<void> {
    while (this.unanswered.length >= MAX_UNANSWERED) await this.unanswered[0];
    if (signal.aborted) return;
    const number = ++this.asked;
    const generation = this.sentGeneration;
    const { answer } = await this.askJudgement(signal);
    const handled = answer
      .catch(() => undefined)
      .then((response) => this.onAnswer(response, { number, generation, isRetry }, signal))
      .catch(reportFailure);
    this.unanswered.push(handled);
    void handled.then(() => {
      const at = this.unanswered.indexOf(handled);
      if (at >= 0) this.unanswered.splice(at, 1);
    });
  }

  private onAnswer(response: PageBlocksResponse | undefined, asked: { number: number; generation: number; isRetry: boolean }, signal: AbortSignal): void {
    if (signal.aborted) return;
    if (response && 'judged' in response) {
      if (asked.number < this.shown) return;
      this.shown = asked.number;
      this.presenter.show(response.judged);
      return;
    }
    // Not judged: the background was restarted and lost what it had been sent (it asks for
    // everything again), or it cannot be reached (the next change sends everything again). What
    // was asked after this says the same: once is enough. Done in turn with reading, which also
    // adds texts to send.
    void this.enqueue(async (current) => {
      if (asked.generation !== this.sentGeneration) return;
      this.forgetSent();
      if (!response || asked.isRetry) return;
      for (const block of this.blocks.blocks) this.queueText(block);
      await this.publish(current, true);
    });
  }

  /** Sends what the background needs to judge the blocks now; `answer` is its answer to come. */
  private async askJudgement(signal: AbortSignal): Promise<{ answer: Promise<PageBlocksResponse | undefined> }> {
    this.sendTexts();
    const slicer = new Slicer(LIST_SLICE_MS);
    const entries = await this.blocks.entries(() => (slicer.due() ? slicer.yield(signal) : undefined));
    const previous = this.judgedEntries;
    this.judgedEntries = entries;
    const parts = listParts(previous ? { change: changeBetween(previous, entries) } : { blocks: entries }, LIST_PART);
    for (const part of parts.slice(0, -1)) {
      if (slicer.due()) await slicer.yield(signal);
      this.env.send({ type: 'page-blocks', page: this.page, more: true, ...packList(part) });
    }
    if (slicer.due()) await slicer.yield(signal);
    return { answer: this.env.judge({ type: 'page-blocks', page: this.page, ...packList(parts[parts.length - 1]!) }) };
  }
}

/** The element a parent node stands for: a shadow root's host, a document's root element. */
function elementOf(parent: Node): Element {
  if (parent.nodeType === Node.ELEMENT_NODE) return parent as Element;
  if (parent.nodeType === Node.DOCUMENT_FRAGMENT_NODE && (parent as ShadowRoot).host) return (parent as ShadowRoot).host;
  return (parent.ownerDocument ?? (parent as Document)).documentElement;
}

/** A failed scan must never break the page: note it quietly and carry on. */
function reportFailure(error: unknown): void {
  if ((error as Error)?.name === 'AbortError') return;
  console.debug('Lureguard: scanning this page failed', error);
}
