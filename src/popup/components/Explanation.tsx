import { isFlagged } from '../../engine/types';
import type { Lang, Translate } from '../../shared/i18n';
import type { FalseAlarmReporter } from '../reporting';
import type { ShownFinding, TabView } from '../tab-view';
import { Findings } from './Findings';
import { RealCases } from './RealCases';
import { Verdict } from './Verdict';
import { WhatToDo } from './WhatToDo';

/**
 * One judged text explained, in the order a person needs it: the verdict, what to do and where to
 * get help (when it warns), the evidence, and the real cases behind it, each listed once.
 */
export function Explanation({ view, lang, locale, t, onShow, reportFalseAlarm }: { view: TabView; lang: Lang; locale: string; t: Translate; onShow?: (finding: ShownFinding) => void; reportFalseAlarm?: FalseAlarmReporter }) {
  return (
    <>
      <Verdict report={view.report} lang={lang} t={t} />
      {isFlagged(view.report.risk) && <WhatToDo category={view.report.category} lang={lang} locale={locale} t={t} />}
      <Findings groups={view.groups} lang={lang} t={t} onShow={onShow} reportFalseAlarm={reportFalseAlarm} />
      <RealCases groups={view.groups} lang={lang} t={t} />
    </>
  );
}
