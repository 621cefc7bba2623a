import type { Category } from '../../engine/types';
import type { Lang, Translate } from '../../shared/i18n';
import { ADVICE, GENERAL_ADVICE, type HelpLine, helpLinesFor } from '../advice';

function HelpLineItem({ line, lang }: { line: HelpLine; lang: Lang }) {
  return (
    <li class="help-line" data-region={line.region}>
      <strong>
        {line.place[lang]}: <span class="numbers">{line.numbers}</span>
      </strong>{' '}
      {line.what[lang]}{' '}
      <a href={line.source.url} target="_blank" rel="noopener noreferrer" class="source">
        {line.source.publisher}, {line.source.date}
      </a>
    </li>
  );
}

/** What to do about this kind of lure, then where to get help: the person's own region first. */
export function WhatToDo({ category, lang, locale, t }: { category: Category | null; lang: Lang; locale: string; t: Translate }) {
  const advice = [...((category && ADVICE[category]) || []), ...GENERAL_ADVICE];
  const { local, others } = helpLinesFor(locale);
  return (
    <section class="what-to-do">
      <h2>{t('whatToDoTitle')}</h2>
      <ul class="advice">
        {advice.map((item) => (
          <li key={item.en}>{item[lang]}</li>
        ))}
      </ul>
      <h2>{t('helpTitle')}</h2>
      {local.length > 0 && (
        <ul class="help-lines">
          {local.map((line) => (
            <HelpLineItem key={line.region} line={line} lang={lang} />
          ))}
        </ul>
      )}
      <details open={local.length === 0}>
        <summary>{t(local.length === 0 ? 'helpLinesByPlace' : 'helpLinesElsewhere')}</summary>
        <ul class="help-lines">
          {others.map((line) => (
            <HelpLineItem key={line.region} line={line} lang={lang} />
          ))}
        </ul>
      </details>
    </section>
  );
}
