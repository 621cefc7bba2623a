/**
 * A page sees every event on its way to our warning bar and can end its journey: a capture-phase
 * listener on `window` runs before anything inside the bar, so one that calls
 * stopImmediatePropagation swallows every click on "Why?" and "Dismiss", and one that cancels
 * key presses keeps a keyboard from pressing them. Listeners run in the order they were added,
 * so the shield adds its own on `window` at document_start, before any page script exists
 * (entrypoints/click-shield.ts): trusted input aimed at one of our elements goes no further into
 * the page, and a click is handed to that element's own handler.
 *
 * The shield lives on the isolated world's global object, which the page's scripts cannot see,
 * so that the early script and the content script (separate bundles) share one.
 */
const SHIELD = Symbol.for('lureguard.click-shield');

/** Handles a person's click on one of our elements; the event's target is the element's host. */
export type ClickHandler = (event: MouseEvent) => void;

export interface ClickShield {
  /** Routes trusted clicks on host to handle, before any listener of the page sees them. */
  guard(host: Element, handle: ClickHandler): void;
}

/** Input a page could use to stop or cancel what a person does on our elements. */
const SHIELDED_EVENTS = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'auxclick', 'dblclick', 'keydown', 'keypress', 'keyup'] as const;

type ShieldedGlobal = typeof globalThis & { [SHIELD]?: ClickShield };

/** The shield of this window, put up on first use. */
export function clickShield(window: Window, isPersonEvent: (event: Event) => boolean = (event) => event.isTrusted): ClickShield {
  const global = window as unknown as ShieldedGlobal;
  const existing = global[SHIELD];
  if (existing) return existing;
  const handlers = new WeakMap<EventTarget, ClickHandler>();
  const isOurs = (event: Event) => event.target !== null && handlers.has(event.target) && isPersonEvent(event);
  // Neither stopped nor cancelled by the page: its listeners never get the event. Key presses
  // still do what they do by default (Enter and Space press the focused button), as a click.
  const shelter = (event: Event) => {
    if (isOurs(event)) event.stopImmediatePropagation();
  };
  for (const type of SHIELDED_EVENTS) window.addEventListener(type, shelter, { capture: true });
  window.addEventListener(
    'click',
    (event) => {
      if (!isOurs(event)) return;
      event.stopImmediatePropagation();
      handlers.get(event.target!)!(event);
    },
    { capture: true },
  );
  const shield: ClickShield = { guard: (host, handle) => void handlers.set(host, handle) };
  Object.defineProperty(global, SHIELD, { value: shield });
  return shield;
}
