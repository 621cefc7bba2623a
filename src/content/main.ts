/** Wires the page guard to the browser: settings, messages, navigation and invalidation. */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { compileRuleSet } from '../engine';
import { corePack } from '../rules/core-pack';
import type { TabMessage } from '../shared/messages';
import { settingsItem, trustedSitesItem } from '../shared/settings';
import { PageGuard } from './guard';

export async function runContentScript(ctx: ContentScriptContext): Promise<void> {
  const [settings, trusted] = await Promise.all([settingsItem.getValue(), trustedSitesItem.getValue()]);
  if (ctx.isInvalid) return;
  const guard = new PageGuard(compileRuleSet([corePack]), settings, trusted, {
    document,
    location,
    isTopFrame: window === window.top,
    browserLanguage: navigator.language,
    documentStart: performance.timeOrigin,
    // The background may be restarting; a lost report is replaced by the next one.
    send: (message) => void browser.runtime.sendMessage(message).catch(() => undefined),
  });

  // Every message gets an answer: a sender awaiting one must never wait forever.
  const onMessage = (message: TabMessage, _sender: unknown, respond: (response: unknown) => void) => {
    switch (message?.type) {
      case 'show-finding':
        respond({ shown: guard.showFinding(message.findingId) });
        return false;
      case 'get-report':
        respond({ report: guard.report ?? null });
        return false;
      case 'frames-verdict':
        guard.updateFramesVerdict(message.risk, message.category);
        respond({ ok: true });
        return false;
      case 'rescan':
        void guard.start().then(() => respond({ report: guard.report ?? null }));
        return true; // answered later
      default:
        return false;
    }
  };
  browser.runtime.onMessage.addListener(onMessage as never);

  const refresh = async () => guard.updateSettings(await settingsItem.getValue(), await trustedSitesItem.getValue());
  const unwatchSettings = settingsItem.watch(() => void refresh());
  const unwatchTrusted = trustedSitesItem.watch(() => void refresh());
  ctx.addEventListener(window, 'wxt:locationchange', () => void guard.navigated());
  ctx.onInvalidated(() => {
    guard.stop();
    unwatchSettings();
    unwatchTrusted();
    browser.runtime.onMessage.removeListener(onMessage as never);
  });
  await guard.start();
}
