/**
 * The in-page warning: one sentence, "Why?", "Minimize" and "Dismiss", docked in a corner so
 * that it hides none of the page's own top. Built with plain DOM calls, text only ever as text
 * (no framework in the content script: it runs in every frame, and no HTML is ever parsed).
 * Trusting a site is not offered here: it is done in the popup, which no page can reach.
 */
import type { Translate } from '../shared/i18n';

export interface WarningBarProps {
  risk: 'medium' | 'high';
  /** What kind of fraud the page looks like, in the UI language. */
  kind: string;
  minimized: boolean;
  t: Translate;
  onWhy: () => void;
  onMinimize: () => void;
  onExpand: () => void;
  onDismiss: () => void;
  /** Whether a click was a person's: a page can click our buttons by script, but not trustedly. */
  isPersonEvent?: (event: Event) => boolean;
}

const byPerson = (event: Event) => event.isTrusted;

/** What each button does when a person presses it (the shield hands clicks over by element). */
const buttonActions = new WeakMap<Element, (event: Event) => void>();

/**
 * Presses the button a person's click was aimed at, for a click the shield stopped at the window
 * (src/content/click-shield.ts): the event's target there is the host, so the button is the one
 * under the pointer, or the focused one when the click came from the keyboard (detail 0).
 */
export function pressButtonOf(root: ShadowRoot, event: MouseEvent): void {
  const aimedAt = event.detail === 0 ? root.activeElement : root.elementFromPoint(event.clientX, event.clientY);
  const button = aimedAt?.closest('button');
  if (button) buttonActions.get(button)?.(event);
}

/** Draws the bar into mount, replacing what was there. */
export function renderWarningBar(mount: HTMLElement, props: WarningBarProps): void {
  const { risk, kind, minimized, t, isPersonEvent = byPerson } = props;
  const document = mount.ownerDocument;
  const element = (tag: string, className: string, text?: string) => {
    const created = document.createElement(tag);
    created.className = className;
    if (text !== undefined) created.textContent = text;
    return created;
  };
  const button = (className: string, label: string, action: () => void) => {
    const created = element('button', className, label) as HTMLButtonElement;
    created.type = 'button';
    const press = (event: Event) => {
      if (isPersonEvent(event)) action();
    };
    buttonActions.set(created, press);
    // Where no shield stands first (unit tests), the click reaches the button itself.
    created.addEventListener('click', press);
    return created;
  };
  const bar = element('div', minimized ? `bar ${risk} minimized` : `bar ${risk}`);
  bar.dataset.risk = risk;
  if (minimized) {
    const expand = button('expand', '', props.onExpand);
    const icon = element('span', 'icon', '⚠ ');
    icon.setAttribute('aria-hidden', 'true');
    expand.append(icon, t('barExpand', t(risk === 'high' ? 'barRiskHigh' : 'barRiskMedium')));
    bar.append(expand);
  } else {
    bar.setAttribute('role', 'alert');
    const icon = element('span', 'icon', '⚠');
    icon.setAttribute('aria-hidden', 'true');
    const actions = element('span', 'actions');
    actions.append(button('why', t('barWhy'), props.onWhy), button('minimize', t('barMinimize'), props.onMinimize), button('dismiss', t('barDismiss'), props.onDismiss));
    bar.append(icon, element('span', 'message', t('barFound', kind)), actions);
  }
  mount.replaceChildren(bar);
}

/**
 * Every rule about the host is !important inside the shadow root: for important declarations the
 * inner context wins over the page's, even over the page's own !important and inline styles, so
 * no stylesheet of the page can hide, move or fade the warning. `all: initial` resets whatever
 * else the page sets on the host.
 */
export const WARNING_BAR_STYLE = `
:host { all: initial !important; display: block !important; position: fixed !important; inset: auto 16px 16px auto !important;
  z-index: 2147483647 !important; max-width: min(26rem, calc(100vw - 32px)) !important; margin: 0 !important; padding: 0 !important;
  border: 0 !important; background: transparent !important; visibility: visible !important; opacity: 1 !important;
  transform: none !important; filter: none !important; clip-path: none !important; pointer-events: auto !important; overflow: visible !important; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 10px; padding: 10px 14px; border-radius: 8px;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif;
  color: #fff; box-shadow: 0 4px 14px rgba(0,0,0,.3); }
.bar.minimized { padding: 0; border-radius: 999px; }
.bar.medium { background: #b84300; }
.bar.high { background: #b71c1c; }
.icon { font-size: 18px; }
.message { flex: 1 1 14rem; }
.actions { display: flex; gap: 6px; margin-left: auto; }
button { font: inherit; border: 1px solid rgba(255,255,255,.8); background: transparent; color: #fff; border-radius: 4px; padding: 3px 10px; cursor: pointer; }
button:hover { background: rgba(255,255,255,.18); }
button:focus-visible { outline: 2px solid #fff; outline-offset: 2px; }
button.why { background: #fff; color: #222; border-color: #fff; }
button.expand { border: 0; border-radius: 999px; padding: 6px 14px; }
/* On a dark page the card keeps its colours, a shade deeper, and an edge that sets it apart. */
@media (prefers-color-scheme: dark) {
  .bar { box-shadow: 0 4px 14px rgba(0,0,0,.6), 0 0 0 1px rgba(255,255,255,.3); }
  .bar.medium { background: #8f3500; }
  .bar.high { background: #8e1616; }
}
`;
