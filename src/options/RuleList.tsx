/** A pack's rules, each with its explanation and sources, and a switch to turn it off. */
import type { Lang, Translate } from '../shared/i18n';
import type { RuleView } from '../packs/overview';

export function RuleList({ rules, lang, t, onSwitch }: { rules: RuleView[]; lang: Lang; t: Translate; onSwitch: (ruleId: string, enabled: boolean) => void }) {
  return (
    <ul class="rules">
      {rules.map((rule) => (
        <li key={rule.id} class={rule.enabled ? '' : 'off'}>
          <label class="row">
            <input type="checkbox" checked={rule.enabled} disabled={!rule.switchable} onChange={(e) => onSwitch(rule.id, (e.target as HTMLInputElement).checked)} />
            <strong>{rule.label[lang]}</strong> <code>{rule.id}</code>
          </label>
          {rule.disabledBy && <p class="meta">{t('ruleDisabledBy', rule.disabledBy)}</p>}
          <p>{rule.explanation[lang]}</p>
          {rule.sources.length > 0 && (
            <p class="meta">
              {t('ruleSources')}{' '}
              {rule.sources.map((source, index) => (
                <span key={source.url}>
                  {index > 0 && '; '}
                  <a href={source.url} target="_blank" rel="noopener noreferrer">
                    {source.title}
                  </a>{' '}
                  ({source.publisher}, {source.date})
                </span>
              ))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
