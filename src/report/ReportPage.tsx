/**
 * The review page of a report to a pack's publisher: the report as editable text, who receives
 * it, a plain statement that nothing has been sent, and the links that send it (email, the
 * publisher's form), only those the pack offers. Nothing leaves the device until the person
 * follows one of them; the links are rebuilt from the text as it is edited.
 */
import { useState } from 'preact/hooks';
import { type Lang, translator } from '../shared/i18n';
import { formLink, mailtoLink, type ReportDraft, reportBody, reportTitle } from '../shared/report-draft';

export interface ReportPageData {
  lang: Lang;
  /** Null when the draft is gone (the browser was restarted since, or the address is wrong). */
  draft: ReportDraft | null;
  extensionVersion: string;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function ReportForm({ lang, draft, extensionVersion }: ReportPageData & { draft: ReportDraft }) {
  const t = translator(lang);
  const [title, setTitle] = useState(() => reportTitle(draft, lang));
  const [body, setBody] = useState(() => reportBody(draft, lang, extensionVersion));
  const { email, url, publisher, pack } = draft.to;
  const mail = email ? { to: email, ...mailtoLink(email, title, body, lang) } : undefined;
  const form = url ? { site: hostOf(url), ...formLink(url, title, body, lang) } : undefined;
  const shortened = !!(mail?.omitted || form?.omitted);
  return (
    <>
      <p class="recipient">{t('reportRecipient', publisher, pack)}</p>
      <p class="not-sent">{t('reportNotSent', publisher)}</p>
      {/* No spell-check or autocorrect: a browser's cloud spell-checker would receive the page text. */}
      <label for="report-title">{t('reportSubject')}</label>
      <input id="report-title" type="text" spellcheck={false} autocorrect="off" autocapitalize="off" autoComplete="off" value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      <label for="report-body">{t('reportText')}</label>
      <textarea id="report-body" rows={20} spellcheck={false} autocorrect="off" autocapitalize="off" autoComplete="off" value={body} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
      <div class="send">
        {mail && (
          <p>
            <a class="button send-email" href={mail.href}>
              {t('reportSendEmail')}
            </a>{' '}
            <span class="destination">{t('reportEmailTo', mail.to)}</span>
          </p>
        )}
        {form && (
          <p>
            <a class="button open-form" href={form.href} target="_blank" rel="noopener noreferrer">
              {t('reportOpenForm')}
            </a>{' '}
            <span class="destination">{t('reportFormAt', form.site)}</span>
          </p>
        )}
      </div>
      {shortened && <p class="shortened">{t('reportShortenedHint')}</p>}
    </>
  );
}

export function ReportPage(data: ReportPageData) {
  const t = translator(data.lang);
  const { draft } = data;
  return (
    <main class="report-page" lang={data.lang === 'zh' ? 'zh-CN' : 'en'}>
      <h1>{!draft ? t('popupTitle') : t(draft.kind === 'missed-lure' ? 'reportMissedLure' : 'reportFalseAlarm')}</h1>
      {draft ? <ReportForm {...data} draft={draft} /> : <p class="status">{t('reportGone')}</p>}
    </main>
  );
}
