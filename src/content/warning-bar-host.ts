/**
 * Hosts the warning bar where the page can neither reach nor restyle it: a plain <div> (a page
 * can define a custom element's name before us, never a div's) with a closed shadow root, whose
 * stylesheet pins the host with !important rules that outrank the page's. Shown in the top layer
 * where the browser has one, above anything the page stacks over it. When the page removes it,
 * hides its popover or sets attributes on it, it is put back, after a delay that grows while the
 * page keeps at it: the page cannot make it stay away, nor make us spin. A page that keeps at it
 * (a script can remove the bar as soon as it is back) is reported, so that the warning can be
 * given where no page reaches.
 */
import { clickShield } from './click-shield';
import { markOwnUi } from './own-ui';
import { WARNING_BAR_STYLE, type WarningBarProps, pressButtonOf, renderWarningBar } from './warning-bar';

const FIRST_RESTORE_DELAY_MS = 50;
const LONGEST_RESTORE_DELAY_MS = 2000;
/** After this long without interference, the page is given a quick restore again. */
const CALM_MS = 10_000;
/** Restores in one spell of interference after which the page is taken to be hiding the warning. */
const RESTORES_UNTIL_REPORTED = 3;

interface Mounted {
  host: HTMLElement;
  mount: HTMLElement;
  guard: MutationObserver;
  /** What is drawn: redrawn only when it changes, so that a button a person is on keeps its focus. */
  drawn?: string;
}

type PopoverElement = HTMLElement & { showPopover?: () => void; matches(selector: string): boolean };

export class WarningBarHost {
  private mounted: Mounted | undefined;
  private restoreTimer: ReturnType<typeof setTimeout> | undefined;
  private restores = 0;
  private lastRestore = 0;
  private reported = false;

  constructor(
    private readonly document: Document,
    /** Called once when the page keeps removing or hiding the bar. */
    private readonly onKeptAway: () => void = () => undefined,
  ) {}

  get shown(): boolean {
    return this.mounted !== undefined;
  }

  show(props: WarningBarProps): void {
    this.mounted ??= this.create();
    const drawn = [props.risk, props.kind, props.minimized, props.t('barFound', '')].join('\n');
    if (this.mounted.drawn !== drawn) {
      renderWarningBar(this.mounted.mount, props);
      this.mounted.drawn = drawn;
    }
    this.attach(this.mounted);
  }

  remove(): void {
    clearTimeout(this.restoreTimer);
    this.restoreTimer = undefined;
    if (!this.mounted) return;
    const { host, mount, guard } = this.mounted;
    this.mounted = undefined;
    guard.disconnect();
    mount.replaceChildren();
    host.remove();
  }

  private create(): Mounted {
    const host = this.document.createElement('div');
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = this.document.createElement('style');
    style.textContent = WARNING_BAR_STYLE;
    const mount = this.document.createElement('div');
    shadow.append(style, mount);
    markOwnUi(host, shadow);
    const window = this.document.defaultView;
    if (window) clickShield(window).guard(host, (event) => pressButtonOf(shadow, event));
    const guard = new MutationObserver(() => this.scheduleRestore());
    // Closing our popover is a toggle event, not a mutation.
    host.addEventListener('toggle', () => this.scheduleRestore());
    return { host, mount, guard };
  }

  /** Puts the host where it belongs, as it was, and watches for the page undoing that. */
  private attach({ host, guard }: Mounted): void {
    guard.disconnect();
    for (const name of host.getAttributeNames()) host.removeAttribute(name);
    const root = this.document.documentElement;
    if (host.parentNode !== root) root.append(host);
    const popover = host as PopoverElement;
    if (typeof popover.showPopover === 'function') {
      host.setAttribute('popover', 'manual');
      try {
        popover.showPopover();
      } catch {
        // Not in the top layer (the page holds a modal dialog, say): still fixed above the page.
      }
    }
    guard.observe(root, { childList: true });
    guard.observe(host, { attributes: true });
  }

  private scheduleRestore(): void {
    const mounted = this.mounted;
    if (!mounted || this.restoreTimer !== undefined || this.isIntact(mounted.host)) return;
    const now = Date.now();
    if (now - this.lastRestore > CALM_MS) this.restores = 0;
    const delay = this.restores === 0 ? 0 : Math.min(LONGEST_RESTORE_DELAY_MS, FIRST_RESTORE_DELAY_MS * 2 ** (this.restores - 1));
    this.restoreTimer = setTimeout(() => {
      this.restoreTimer = undefined;
      this.restores++;
      this.lastRestore = Date.now();
      if (this.restores >= RESTORES_UNTIL_REPORTED && !this.reported) {
        this.reported = true;
        this.onKeptAway();
      }
      if (this.mounted === mounted) this.attach(mounted);
    }, delay);
  }

  private isIntact(host: HTMLElement): boolean {
    if (host.parentNode !== this.document.documentElement) return false;
    const names = host.getAttributeNames();
    const popover = host as PopoverElement;
    if (typeof popover.showPopover !== 'function') return names.length === 0;
    return names.length === 1 && host.getAttribute('popover') === 'manual' && popover.matches(':popover-open');
  }
}
