/**
 * The options page: how Lureguard shows what it finds, trusted sites, language, and rule packs.
 * What an admin's policy sets is shown, marked as set by the organization, and cannot be changed.
 */
import { useState } from 'preact/hooks';
import type { PacksOverview } from '../packs/overview';
import { translator, type Lang } from '../shared/i18n';
import type { Policy } from '../shared/policy';
import { type LanguageSetting, type Settings, type WarningThreshold, siteFromInput } from '../shared/settings';
import { PacksSection } from './PacksSection';
import type { RunCommand } from './use-command';

export interface OptionsData {
  lang: Lang;
  settings: Settings;
  trustedSites: string[];
  overview: PacksOverview;
  policy: Policy;
}

export interface OptionsActions {
  saveSettings(change: Partial<Settings>): void;
  saveTrustedSites(sites: string[]): void;
  runPackCommand: RunCommand;
}

export function OptionsApp({ data, actions }: { data: OptionsData; actions: OptionsActions }) {
  const { lang, settings, trustedSites, overview, policy } = data;
  const t = translator(lang);
  const [site, setSite] = useState('');
  const [error, setError] = useState('');
  // Only what the person changed is saved: the settings shown include what a policy locks.
  const update = (change: Partial<Settings>) => actions.saveSettings(change);
  const managed = (name: 'highlight' | 'warningThreshold' | 'language') =>
    policy[name] !== undefined && (
      <span class="managed" title={t('managedSetting')}>
        {t('managedSetting')}
      </span>
    );
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
      {policy.ignored && <p class="error">{t('policyIgnored', policy.ignored.join(', '))}</p>}

      <section>
        <label class="row">
          <input type="checkbox" name="highlight" checked={settings.highlight} disabled={policy.highlight !== undefined} onChange={(e) => update({ highlight: (e.target as HTMLInputElement).checked })} />
          {t('optionHighlight')}
          {managed('highlight')}
        </label>
        <label class="row">
          {t('optionThreshold')}{' '}
          <select name="threshold" value={settings.warningThreshold} disabled={policy.warningThreshold !== undefined} onChange={(e) => update({ warningThreshold: (e.target as HTMLSelectElement).value as WarningThreshold })}>
            <option value="medium">{t('thresholdMedium')}</option>
            <option value="high">{t('thresholdHigh')}</option>
            <option value="off">{t('thresholdOff')}</option>
          </select>
          {managed('warningThreshold')}
        </label>
        <label class="row">
          {t('optionLanguage')}{' '}
          <select name="language" value={settings.language} disabled={policy.language !== undefined} onChange={(e) => update({ language: (e.target as HTMLSelectElement).value as LanguageSetting })}>
            <option value="auto">{t('languageAuto')}</option>
            <option value="en">English</option>
            <option value="zh">简体中文</option>
          </select>
          {managed('language')}
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
        {(policy.trustedSites ?? []).length > 0 && (
          <ul class="sites">
            {policy.trustedSites!.map((host) => (
              <li key={`policy-${host}`}>
                {host} <span class="managed">{t('policyTrustedSite')}</span>
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

      <PacksSection overview={overview} lang={lang} t={t} run={actions.runPackCommand} />
    </main>
  );
}
