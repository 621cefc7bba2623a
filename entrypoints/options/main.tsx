import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { PackInfo } from '../../src/engine';
import { OptionsApp } from '../../src/options/App';
import { resolveLang } from '../../src/shared/i18n';
import type { ExtensionMessage } from '../../src/shared/messages';
import { settingsItem, trustedSitesItem } from '../../src/shared/settings';
import '../../src/options/options.css';

const actions = {
  saveSettings: (settings: Parameters<typeof settingsItem.setValue>[0]) => void settingsItem.setValue(settings),
  saveTrustedSites: (sites: string[]) => void trustedSitesItem.setValue(sites),
};

/** The packs come from the background, which holds the rules (the options page does not carry them). */
async function activePacks(): Promise<PackInfo[]> {
  const message: ExtensionMessage = { type: 'pack-info' };
  return ((await browser.runtime.sendMessage(message).catch(() => undefined)) as PackInfo[] | undefined) ?? [];
}

async function draw() {
  const [settings, trustedSites, packs] = await Promise.all([settingsItem.getValue(), trustedSitesItem.getValue(), activePacks()]);
  const lang = resolveLang(settings.language, browser.i18n.getUILanguage());
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  render(<OptionsApp data={{ lang, settings, trustedSites, packs }} actions={actions} />, document.getElementById('app')!);
}

void draw();
settingsItem.watch(() => void draw());
trustedSitesItem.watch(() => void draw());
