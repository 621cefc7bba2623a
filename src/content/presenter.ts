/**
 * What the page shows: highlights of this frame's findings and, in the top frame, the warning
 * bar for the whole tab. Reads only what the background decided (the frame's risk and finding
 * places, the tab's verdict) and the user's settings; never decides a verdict itself.
 */
import { CATEGORY_LABELS } from '../engine/labels';
import { resolveLang, translator } from '../shared/i18n';
import type { ContentMessage, FrameJudgement } from '../shared/messages';
import type { BlockSpan } from '../shared/report';
import type { Settings } from '../shared/settings';
import { isFlagged } from '../engine/types';
import { NO_VERDICT, type TabVerdict } from '../shared/tab-verdict';
import { clearHighlights, showHighlights } from './highlight';
import { WarningBarHost } from './warning-bar-host';

export interface PresenterEnvironment {
  document: Document;
  isTopFrame: boolean;
  browserLanguage: string;
  send: (message: ContentMessage) => void;
  /** Whether an event on the bar was a person's (event.isTrusted unless a test says otherwise). */
  isPersonEvent?: (event: Event) => boolean;
}

export class Presenter {
  private readonly bar: WarningBarHost;
  private frame: Pick<FrameJudgement, 'risk' | 'spans'> = { risk: 'none', spans: [] };
  private verdict: TabVerdict = NO_VERDICT;
  private dismissed = false;
  private minimized = false;

  constructor(
    private readonly env: PresenterEnvironment,
    private settings: Settings,
    /** Where findings are on the page now (null where a text has gone). */
    private readonly locate: (spans: readonly BlockSpan[]) => (Range | null)[],
  ) {
    this.bar = new WarningBarHost(env.document, () => env.send({ type: 'bar-hidden' }));
  }

  /** The background judged this frame. */
  show(judgement: FrameJudgement): void {
    this.frame = judgement;
    this.verdict = judgement.verdict;
    this.draw();
  }

  /** Another frame of the tab was judged: the bar speaks for the whole tab. */
  showVerdict(verdict: TabVerdict): void {
    this.verdict = verdict;
    this.draw();
  }

  updateSettings(settings: Settings): void {
    // The bar is redrawn in the new language from scratch.
    if (settings.language !== this.settings.language) this.bar.remove();
    this.settings = settings;
    this.draw();
  }

  /** A new page (a single-page app navigated): a dismissed or minimized bar may show in full again. */
  resetDismissed(): void {
    this.dismissed = false;
    this.minimized = false;
  }

  clear(): void {
    this.frame = { risk: 'none', spans: [] };
    this.verdict = NO_VERDICT;
    clearHighlights();
    this.bar.remove();
  }

  private setMinimized(minimized: boolean): void {
    this.minimized = minimized;
    this.draw();
  }

  private draw(): void {
    if (this.settings.highlight && isFlagged(this.frame.risk)) {
      showHighlights(this.locate(this.frame.spans).filter((range): range is Range => range !== null));
    } else {
      clearHighlights();
    }
    const { verdict } = this;
    if (!this.env.isTopFrame || this.dismissed || !verdict.warn || !isFlagged(verdict.risk)) {
      this.bar.remove();
      return;
    }
    const lang = resolveLang(this.settings.language, this.env.browserLanguage);
    this.bar.show({
      risk: verdict.risk as 'medium' | 'high',
      kind: verdict.category ? CATEGORY_LABELS[verdict.category][lang] : '',
      minimized: this.minimized,
      t: translator(lang),
      isPersonEvent: this.env.isPersonEvent,
      onWhy: () => this.env.send({ type: 'open-explanation' }),
      onMinimize: () => this.setMinimized(true),
      onExpand: () => this.setMinimized(false),
      onDismiss: () => {
        this.dismissed = true;
        this.bar.remove();
      },
    });
  }
}
