/** The toolbar popup: the current tab's verdict and why, the "check a message" box, and controls. */
import { translator } from '../shared/i18n';
import { falseAlarmReporter, missedLureReporter } from './reporting';
import { viewOfReport } from './tab-view';
import { CheckMessage } from './components/CheckMessage';
import { Explanation } from './components/Explanation';
import type { PopupActions, PopupData } from './types';

export function App({ data, actions }: { data: PopupData; actions: PopupActions }) {
  const { lang, locale, tab, selection, paused, trusted, packs, pauseHidden, trustLocked } = data;
  const t = translator(lang);
  const report = tab?.report;
  const host = report?.host;
  const selectionView = selection && viewOfReport(selection);
  return (
    <main lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <header>
        <span class="brand">{t('popupTitle')}</span>
        <button type="button" class="link" onClick={actions.openOptions}>
          {t('openOptions')}
        </button>
      </header>

      {selectionView && (
        <section class="selection">
          <h2>{t('selectionTitle')}</h2>
          <Explanation view={selectionView} lang={lang} locale={locale} t={t} reportFalseAlarm={falseAlarmReporter(packs, selectionView.report.url, actions.openReport)} />
        </section>
      )}

      {paused ? (
        <p class="status paused">{t('pausedNotScanned')}</p>
      ) : report?.skipped === 'trusted' || (trusted && !report?.findings.length) ? (
        <p class="status trusted">{t('trustedNotScanned')}</p>
      ) : !tab || !report ? (
        <p class="status not-scanned">{t('notScanned')}</p>
      ) : (
        <Explanation
          view={tab}
          lang={lang}
          locale={locale}
          t={t}
          onShow={(finding) => actions.showFinding(finding.frameId, finding)}
          reportFalseAlarm={falseAlarmReporter(packs, tab.report.url, actions.openReport)}
        />
      )}

      <CheckMessage lang={lang} locale={locale} t={t} check={actions.checkMessage} reportMissedLure={missedLureReporter(packs, actions.openReport)} />

      <footer class="controls">
        {host && !trustLocked && (
          <button type="button" class="trust" onClick={() => actions.setTrusted(host, !trusted)}>
            {trusted ? t('untrustSite') : t('trustSite')}
          </button>
        )}
        {!pauseHidden && (
          <button type="button" class="pause" onClick={() => actions.setPaused(!paused)}>
            {paused ? t('resume') : t('pause')}
          </button>
        )}
      </footer>
    </main>
  );
}
