/** The options page: how Lureguard shows what it finds, trusted sites, language, and rule packs. */
import { useState } from 'preact/hooks';
import type { PackInfo } from '../engine';
import { translator, type Lang } from '../shared/i18n';
import { type LanguageSetting, type Settings, type WarningThreshold, siteFromInput } from '../shared/settings';

export interface OptionsData {
  lang: Lang;
  settings: Settings;
  trustedSites: string[];
  packs: PackInfo[];
}

export interface OptionsActions {
  saveSettings(settings: Settings): void;
  saveTrustedSites(sites: string[]): void;
}

export function OptionsApp({ data, actions }: { data: OptionsData; actions: OptionsActions }) {
  const { lang, settings, trustedSites, packs } = data;
  const t = translator(lang);
  const [site, setSite] = useState('');
  const [error, setError] = useState('');
  const update = (change: Partial<Settings>) => actions.saveSettings({ ...settings, ...change });
  const addSite = (event: Event) => {
    event.preventDefault();
    const host = siteFromInput(site);
    if (!host) {
      setError(t('invalidSite', site));
      return;
    }
    setError('');
    setSite('');
    if (!trustedSites.includes(host)) actions.saveTrustedSites([...trustedSites, host].sort());
  };
  return (
    <main lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <h1>{t('optionsTitle')}</h1>

      <section>
        <label class="row">
          <input type="checkbox" name="highlight" checked={settings.highlight} onChange={(e) => update({ highlight: (e.target as HTMLInputElement).checked })} />
          {t('optionHighlight')}
        </label>
        <label class="row">
          {t('optionThreshold')}{' '}
          <select name="threshold" value={settings.warningThreshold} onChange={(e) => update({ warningThreshold: (e.target as HTMLSelectElement).value as WarningThreshold })}>
            <option value="medium">{t('thresholdMedium')}</option>
            <option value="high">{t('thresholdHigh')}</option>
            <option value="off">{t('thresholdOff')}</option>
          </select>
        </label>
        <label class="row">
          {t('optionLanguage')}{' '}
          <select name="language" value={settings.language} onChange={(e) => update({ language: (e.target as HTMLSelectElement).value as LanguageSetting })}>
            <option value="auto">{t('languageAuto')}</option>
            <option value="en">English</option>
            <option value="zh">简体中文</option>
          </select>
        </label>
      </section>

      <section>
        <h2>{t('trustedSitesTitle')}</h2>
        {trustedSites.length === 0 ? (
          <p class="empty">{t('trustedSitesEmpty')}</p>
        ) : (
          <ul class="sites">
            {trustedSites.map((host) => (
              <li key={host}>
                <span>{host}</span>{' '}
                <button type="button" onClick={() => actions.saveTrustedSites(trustedSites.filter((s) => s !== host))}>
                  {t('removeSite')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={addSite} class="row">
          <input name="site" spellcheck={false} autoComplete="off" value={site} placeholder={t('addSitePlaceholder')} onInput={(e) => setSite((e.target as HTMLInputElement).value)} />
          <button type="submit">{t('addSite')}</button>
        </form>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </section>

      <section class="packs">
        <h2>{t('rulePacksTitle')}</h2>
        {packs.map((pack) => (
          <p key={pack.id}>{t('rulePacksCore', pack.name, pack.version, pack.rules, pack.publisher, pack.updated)}</p>
        ))}
        <p class="later">{t('rulePacksLater')}</p>
      </section>
    </main>
  );
}
