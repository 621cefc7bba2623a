import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp } from '../../src/options/App';
import { installedPacksItem } from '../../src/packs/installed';
import type { Outcome } from '../../src/packs/library';
import type { PacksOverview } from '../../src/packs/overview';
import { askBackground } from '../../src/shared/ask-background';
import { resolveLang } from '../../src/shared/i18n';
import type { PackCommand } from '../../src/shared/messages';
import { policyItem } from '../../src/shared/policy';
import { readSettings, type Settings, settingsItem, trustedSitesItem } from '../../src/shared/settings';
import '../../src/options/options.css';

const NO_ANSWER: Outcome = { ok: false, error: 'Lureguard did not answer: reload this page and try again' };

const actions = {
  // Onto the person's own settings, not the ones shown (which include what a policy locks).
  saveSettings: async (change: Partial<Settings>) => settingsItem.setValue({ ...(await settingsItem.getValue()), ...change }),
  saveTrustedSites: (sites: string[]) => void trustedSitesItem.setValue(sites),
  // The background holds the packs and checks every change before it is used.
  runPackCommand: (command: PackCommand) => askBackground(command, NO_ANSWER),
};

/** The packs come from the background, which holds the rules (the options page does not carry them). */
function packsOverview(): Promise<PacksOverview> {
  return askBackground<PacksOverview>({ type: 'packs-overview' }, { packs: [], pending: [], userPacksAllowed: false });
}

async function draw() {
  const [settings, trustedSites, overview, policy] = await Promise.all([readSettings(), trustedSitesItem.getValue(), packsOverview(), policyItem.getValue()]);
  const lang = resolveLang(settings.language, browser.i18n.getUILanguage());
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  render(<OptionsApp data={{ lang, settings, trustedSites, overview, policy }} actions={actions} />, document.getElementById('app')!);
}

void draw();
for (const item of [settingsItem, trustedSitesItem, installedPacksItem, policyItem]) item.watch(() => void draw());
