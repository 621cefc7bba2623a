/** One rule pack in the options page: what it is, whether it is current, and what a person may do with it. */
import { useState } from 'preact/hooks';
import type { Lang, Translate } from '../shared/i18n';
import type { PackCommand } from '../shared/messages';
import type { PackView } from '../packs/overview';
import { RuleList } from './RuleList';
import { type RunCommand, useCommand } from './use-command';

const ORIGIN_LABELS = { bundled: 'packOriginBundled', imported: 'packOriginImported', subscribed: 'packOriginSubscribed', policy: 'packOriginPolicy' } as const;

export function formatTime(lang: Lang, at: number): string {
  return new Date(at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' });
}

export function PackCard({ pack, lang, t, run }: { pack: PackView; lang: Lang; t: Translate; run: RunCommand }) {
  const [showRules, setShowRules] = useState(false);
  const command = useCommand(run, t);
  const send = (message: PackCommand, success?: string) => command.send(message, success);
  const { status } = pack;
  return (
    <li class={`pack ${pack.enabled && !pack.blockedByPolicy ? '' : 'off'}`} aria-label={pack.name}>
      <div class="pack-head">
        <strong>{pack.name}</strong> <span class="origin">{t(ORIGIN_LABELS[pack.origin])}</span>
      </div>
      <p class="meta">{t('packSummary', pack.version, pack.rules.length, pack.publisher, pack.updated)}</p>
      {pack.url && <p class="meta address">{t('packAddress', pack.url)}</p>}
      {status && (
        <p class="meta">
          {status.lastChecked ? t('packLastChecked', formatTime(lang, status.lastChecked)) : t('packNeverChecked')}
          {status.lastUpdated ? `; ${t('packLastUpdated', formatTime(lang, status.lastUpdated))}` : ''}
        </p>
      )}
      {status?.error ? (
        <p class="error" role="status">
          {t('packStatusError', formatTime(lang, status.error.at), status.error.message)}
        </p>
      ) : (
        status && <p class="ok">{t('packStatusOk')}</p>
      )}
      {pack.blockedByPolicy && <p class="error">{t('packBlockedByPolicy')}</p>}
      <div class="row actions">
        <label class="row">
          <input
            type="checkbox"
            checked={pack.enabled}
            disabled={!pack.switchable}
            onChange={(e) => send({ type: 'set-pack-enabled', packId: pack.id, enabled: (e.target as HTMLInputElement).checked })}
          />
          {t('packEnabled')}
        </label>
        {pack.url && (
          <button type="button" disabled={command.busy} onClick={() => send({ type: 'update-pack', url: pack.url! }, t('packUpdated'))}>
            {command.busy ? t('packUpdating') : t('packUpdateNow')}
          </button>
        )}
        {pack.removable && (
          <button type="button" onClick={() => send({ type: 'remove-pack', packId: pack.id })}>
            {t('packRemove')}
          </button>
        )}
        <button type="button" aria-expanded={showRules} onClick={() => setShowRules(!showRules)}>
          {showRules ? t('packHideRules') : t('packShowRules')}
        </button>
      </div>
      {command.feedback}
      {showRules && <RuleList rules={pack.rules} lang={lang} t={t} onSwitch={(ruleId, enabled) => send({ type: 'set-rule-enabled', ruleId, enabled })} />}
    </li>
  );
}
