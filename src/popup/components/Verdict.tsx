import { CATEGORY_LABELS } from '../../engine/labels';
import type { Lang, Translate } from '../../shared/i18n';
import type { PageReport } from '../../shared/report';

/** The verdict in one line: risk level and what kind of fraud it looks like. */
export function Verdict({ report, lang, t }: { report: PageReport; lang: Lang; t: Translate }) {
  const kind = report.category ? CATEGORY_LABELS[report.category][lang] : '';
  const line =
    report.risk === 'high' ? t('verdictHigh', kind) : report.risk === 'medium' ? t('verdictMedium', kind) : report.risk === 'low' ? t('verdictLow') : t('verdictNone');
  return (
    <section class={`verdict risk-${report.risk}`} data-risk={report.risk}>
      <h1>{line}</h1>
      {report.risk !== 'none' && report.explanation[lang] && <p class="explanation">{report.explanation[lang]}</p>}
      <p class="scanned">{t('scannedSummary', report.scanned.blocks, report.scanned.characters)}</p>
    </section>
  );
}
