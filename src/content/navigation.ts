/**
 * Notices a single-page app moving to another address. The address itself is the evidence: an
 * event only prompts a look at location.href, so a page dispatching fake events (WXT's
 * `wxt:locationchange` could be forged) cannot make Lureguard start over or re-show a bar.
 */
const POLL_MS = 1000;

type NavigationLike = EventTarget;

export function watchNavigation(location: { href: string }, onNavigate: () => void, signal: AbortSignal): void {
  let last = location.href;
  const look = () => {
    if (signal.aborted || location.href === last) return;
    last = location.href;
    onNavigate();
  };
  // The Navigation API reports history changes at once where it exists; polling covers the rest.
  const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
  navigation?.addEventListener?.('currententrychange', look, { signal });
  const timer = setInterval(look, POLL_MS);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
