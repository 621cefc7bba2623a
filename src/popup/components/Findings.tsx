import { CATEGORY_LABELS } from '../../engine/labels';
import type { Lang, Translate } from '../../shared/i18n';
import type { FalseAlarmReporter } from '../reporting';
import type { CategoryGroup, RuleGroup, ShownFinding } from '../tab-view';

const MAX_MATCHES_PER_RULE = 2;

const LATIN = /[a-z]/i;

/**
 * Whether the canonical term is worth showing: the match was fuzzy (Myawady), disguised (缅-北,
 * Ｓ＠lary), or another spelling of a term in the same script (V信 for WeChat). A Chinese
 * phrase next to an English description of the rule would only add noise.
 */
function differsFromTerm(finding: ShownFinding): boolean {
  if (finding.similarity < 1 || finding.obfuscated) return true;
  const sameScript = LATIN.test(finding.text) && LATIN.test(finding.term);
  return sameScript && finding.text.toLowerCase() !== finding.term.toLowerCase();
}

function Match({ finding, t, onShow, onReport }: { finding: ShownFinding; t: Translate; onShow?: () => void; onReport?: () => void }) {
  return (
    <li class="match">
      <q>
        {finding.before && <span class="context">…{finding.before}</span>}
        <mark>{finding.text}</mark>
        {finding.after && <span class="context">{finding.after}…</span>}
      </q>
      {differsFromTerm(finding) && <span class="term">{t('matchedAs', finding.text, finding.term)}</span>}
      {onShow && (
        <button type="button" class="show" onClick={onShow}>
          {t('showOnPage')}
        </button>
      )}
      {onReport && (
        <button type="button" class="report" onClick={onReport}>
          {t('reportFalseAlarm')}
        </button>
      )}
    </li>
  );
}

function Rule({ group, lang, t, onShow, reportFalseAlarm }: { group: RuleGroup; lang: Lang; t: Translate; onShow?: (finding: ShownFinding) => void; reportFalseAlarm?: FalseAlarmReporter }) {
  const info = group.info;
  const onReport = reportFalseAlarm?.(group);
  // What the verdict rests on is explained in full; supporting signals fold away.
  const decisive = group.findings.some((f) => f.decisive);
  return (
    <article class="rule" data-rule={group.rule}>
      <h3>{info?.label[lang] ?? group.rule}</h3>
      <ul class="matches">
        {group.findings.slice(0, MAX_MATCHES_PER_RULE).map((finding) => (
          <Match key={`${finding.frameId}:${finding.block}:${finding.start}:${finding.end}`} finding={finding} t={t} onShow={onShow && (() => onShow(finding))} onReport={onReport && (() => onReport(finding))} />
        ))}
      </ul>
      {info && (
        <details open={decisive}>
          <summary>{t('whyItMatters')}</summary>
          <p class="why">{info.explanation[lang]}</p>
        </details>
      )}
    </article>
  );
}

/** Each finding grouped by category, then by rule: the matched text in context and why it matters (the real cases are listed once, after). */
export function Findings({ groups, lang, t, onShow, reportFalseAlarm }: { groups: CategoryGroup[]; lang: Lang; t: Translate; onShow?: (finding: ShownFinding) => void; reportFalseAlarm?: FalseAlarmReporter }) {
  if (groups.length === 0) return null;
  return (
    <section class="findings">
      <h2>{t('reasonsTitle')}</h2>
      {groups.map((group) => (
        <div class="category" key={group.category} data-category={group.category}>
          <h2 class="category-name">{CATEGORY_LABELS[group.category][lang]}</h2>
          {group.rules.map((rule) => (
            <Rule key={rule.rule} group={rule} lang={lang} t={t} onShow={onShow} reportFalseAlarm={reportFalseAlarm} />
          ))}
        </div>
      ))}
    </section>
  );
}
