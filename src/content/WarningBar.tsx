/** The in-page warning: one sentence, "Why?", "Dismiss" and "Trust this site". Page text only ever as text. */
import type { Translate } from '../shared/i18n';

export interface WarningBarProps {
  risk: 'medium' | 'high';
  /** What kind of fraud the page looks like, in the UI language. */
  kind: string;
  t: Translate;
  onWhy: () => void;
  onDismiss: () => void;
  onTrust: () => void;
}

export function WarningBar({ risk, kind, t, onWhy, onDismiss, onTrust }: WarningBarProps) {
  return (
    <div class={`bar ${risk}`} role="alert" data-risk={risk}>
      <span class="icon" aria-hidden="true">
        ⚠
      </span>
      <span class="message">{t('barFound', kind)}</span>
      <button type="button" class="why" onClick={onWhy}>
        {t('barWhy')}
      </button>
      <button type="button" class="trust" onClick={onTrust}>
        {t('barTrust')}
      </button>
      <button type="button" class="dismiss" onClick={onDismiss} aria-label={t('barDismiss')}>
        {t('barDismiss')}
      </button>
    </div>
  );
}

export const WARNING_BAR_STYLE = `
:host { all: initial; position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647; }
.bar { display: flex; align-items: center; gap: 10px; padding: 8px 14px; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif;
  color: #fff; box-shadow: 0 2px 6px rgba(0,0,0,.25); }
.bar.medium { background: #e65100; }
.bar.high { background: #b71c1c; }
.icon { font-size: 18px; }
.message { flex: 1; }
button { font: inherit; border: 1px solid rgba(255,255,255,.7); background: transparent; color: #fff; border-radius: 4px; padding: 3px 10px; cursor: pointer; }
button:hover, button:focus-visible { background: rgba(255,255,255,.18); outline: none; }
button.why { background: #fff; color: #222; border-color: #fff; }
`;
