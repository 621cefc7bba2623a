import { render } from 'preact';
import { browser } from 'wxt/browser';
import { packInfo } from '../../src/engine';
import { OptionsApp } from '../../src/options/App';
import { corePack } from '../../src/rules/core-pack';
import { resolveLang } from '../../src/shared/i18n';
import { settingsItem, trustedSitesItem } from '../../src/shared/settings';
import '../../src/options/options.css';

const packs = [packInfo(corePack)];
const actions = {
  saveSettings: (settings: Parameters<typeof settingsItem.setValue>[0]) => void settingsItem.setValue(settings),
  saveTrustedSites: (sites: string[]) => void trustedSitesItem.setValue(sites),
};

async function draw() {
  const [settings, trustedSites] = await Promise.all([settingsItem.getValue(), trustedSitesItem.getValue()]);
  const lang = resolveLang(settings.language, browser.i18n.getUILanguage());
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  render(<OptionsApp data={{ lang, settings, trustedSites, packs }} actions={actions} />, document.getElementById('app')!);
}

void draw();
settingsItem.watch(() => void draw());
trustedSitesItem.watch(() => void draw());
