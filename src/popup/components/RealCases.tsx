import type { Lang, Translate } from '../../shared/i18n';
import type { ReportedRule } from '../../shared/report';
import type { CategoryGroup } from '../tab-view';

/** The real cases behind every finding shown, each listed once. */
export function RealCases({ groups, lang, t }: { groups: CategoryGroup[]; lang: Lang; t: Translate }) {
  const sources = new Map<string, ReportedRule['sources'][number]>();
  for (const group of groups) for (const rule of group.rules) for (const source of rule.info?.sources ?? []) sources.set(source.id, source);
  if (sources.size === 0) return null;
  return (
    <section class="sources real-cases">
      <h2>{t('sourcedCases')}</h2>
      <ul>
        {[...sources.values()].map((source) => (
          <li key={source.id}>
            <a href={source.url} target="_blank" rel="noopener noreferrer">
              {source.title}
            </a>{' '}
            <span class="publisher">
              — {source.publisher}, {source.date}
            </span>
            <p class="summary">{source.summary[lang]}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
