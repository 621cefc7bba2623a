import { useState } from 'preact/hooks';
import { isFlagged } from '../../engine/types';
import type { Lang, Translate } from '../../shared/i18n';
import type { PageReport } from '../../shared/report';
import type { MissedLureReporter } from '../reporting';
import { viewOfReport } from '../tab-view';
import { Explanation } from './Explanation';

/**
 * "Check a message": paste text received elsewhere and get the same explanation. When Lureguard
 * does not warn about it, the person can report it as a missed lure (when a pack takes reports).
 */
export function CheckMessage({
  lang,
  locale,
  t,
  check,
  reportMissedLure,
}: {
  lang: Lang;
  locale: string;
  t: Translate;
  check: (text: string) => Promise<PageReport | undefined>;
  reportMissedLure?: MissedLureReporter;
}) {
  const [text, setText] = useState('');
  // The text that was checked: the report is about it, even if the box has been edited since.
  const [result, setResult] = useState<{ text: string; report: PageReport } | null>(null);
  const [empty, setEmpty] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setEmpty(!text.trim());
    setFailed(false);
    if (!text.trim()) return setResult(null);
    const report = await check(text);
    setResult(report ? { text, report } : null);
    setFailed(!report);
  };
  const view = result && viewOfReport(result.report);
  return (
    <section class="check-message">
      <h2>{t('checkMessageTitle')}</h2>
      <form onSubmit={submit}>
        <label for="message-text">{t('checkMessageHint')}</label>
        {/* No spell-check or autocorrect: a browser's cloud spell-checker would receive the pasted text. */}
        <textarea id="message-text" rows={4} spellcheck={false} autocorrect="off" autocapitalize="off" autoComplete="off" value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <button type="submit">{t('checkMessageButton')}</button>
      </form>
      {empty && <p class="hint">{t('checkMessageEmpty')}</p>}
      {failed && <p class="hint error">{t('checkMessageFailed')}</p>}
      {view && (
        <div class="check-result">
          <Explanation view={view} lang={lang} locale={locale} t={t} />
          {reportMissedLure && !isFlagged(result.report.risk) && (
            <button type="button" class="report" onClick={() => reportMissedLure(result.text, result.report)}>
              {t('reportMissedLure')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
