import { useState } from 'preact/hooks';
import type { Lang, Translate } from '../../shared/i18n';
import type { PageReport } from '../../shared/report';
import { viewOfReport } from '../tab-view';
import { Explanation } from './Explanation';

/** "Check a message": paste text received elsewhere and get the same explanation. */
export function CheckMessage({ lang, locale, t, check }: { lang: Lang; locale: string; t: Translate; check: (text: string) => Promise<PageReport | undefined> }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<PageReport | null>(null);
  const [empty, setEmpty] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setEmpty(!text.trim());
    setFailed(false);
    if (!text.trim()) return setResult(null);
    const report = await check(text);
    setResult(report ?? null);
    setFailed(!report);
  };
  const view = result && viewOfReport(result);
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
        </div>
      )}
    </section>
  );
}
