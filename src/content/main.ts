/**
 * Wires the page guard to the browser: settings, messages from the background, navigation, and
 * the end of protection when (and only when) the extension itself is reloaded or removed.
 */
import { browser } from 'wxt/browser';
import type { TabMessage } from '../shared/messages';
import { policyItem } from '../shared/policy';
import { readProtectionSettings, settingsItem, trustedSitesItem } from '../shared/settings';
import { BackgroundLink } from './background-link';
import { closedShadowRootOf } from './closed-shadow-root';
import { PageGuard } from './guard';
import { watchNavigation } from './navigation';

export async function runContentScript(): Promise<void> {
  const lifetime = new AbortController();
  const link = new BackgroundLink(performance.timeOrigin, () => lifetime.abort());
  link.connect();
  const { settings, trusted } = await readProtectionSettings(location.hostname);
  if (lifetime.signal.aborted) return;
  const guard = new PageGuard(
    {
      document,
      location,
      hostname: location.hostname,
      isTopFrame: window === window.top,
      browserLanguage: navigator.language,
      documentStart: performance.timeOrigin,
      closedShadowRootOf,
      judge: (message) => link.judge(message),
      send: (message) => link.send(message),
    },
    settings,
    trusted,
  );

  // Every message gets an answer: a sender awaiting one must never wait forever.
  const onMessage = (message: TabMessage, _sender: unknown, respond: (response: unknown) => void) => {
    switch (message?.type) {
      case 'show-finding':
        respond({ shown: guard.showFinding(message.span) });
        break;
      case 'tab-verdict':
        guard.showVerdict(message.verdict);
        respond({ ok: true });
        break;
      case 'rules-changed':
        void guard.rulesChanged();
        respond({ ok: true });
        break;
    }
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage as never);

  const refresh = async () => {
    const current = await readProtectionSettings(location.hostname);
    await guard.updateSettings(current.settings, current.trusted);
  };
  const unwatchSettings = settingsItem.watch(() => void refresh());
  const unwatchTrusted = trustedSitesItem.watch(() => void refresh());
  const unwatchPolicy = policyItem.watch(() => void refresh());
  watchNavigation(location, () => void guard.navigated(), lifetime.signal);
  // Back from the back-forward cache: the background forgot this page when it left.
  window.addEventListener('pageshow', (event) => event.persisted && event.isTrusted && void guard.start(), { signal: lifetime.signal });
  lifetime.signal.addEventListener('abort', () => {
    guard.stop();
    unwatchSettings();
    unwatchTrusted();
    unwatchPolicy();
    browser.runtime.onMessage.removeListener(onMessage as never);
  });
  await guard.start();
}
