/** Names of risks and categories in both UI languages, shared by explanations, popup and CLI. */
import type { Category, Localized, Risk } from './types';

export const RISK_LABELS: Record<Risk, Localized> = {
  none: { en: 'No risk found', zh: '未发现风险' },
  low: { en: 'Low risk', zh: '低风险' },
  medium: { en: 'Medium risk', zh: '中风险' },
  high: { en: 'High risk', zh: '高风险' },
};

export const CATEGORY_LABELS: Record<Category, Localized> = {
  'job-abroad': { en: 'a fake job abroad (trafficking lure)', zh: '虚假境外招聘（诱骗出境）' },
  investment: { en: 'a false investment', zh: '虚假投资理财' },
  loan: { en: 'an online loan scam', zh: '网络贷款诈骗' },
  gambling: { en: 'illegal online gambling', zh: '网络赌博' },
  ransom: { en: 'a ransom or kidnapping demand', zh: '勒索赎金（绑架）' },
  'telecom-fraud': { en: 'telecom fraud', zh: '电信网络诈骗' },
  'high-risk-location': { en: 'a high-risk location', zh: '高风险地区' },
  'pressure-tactic': { en: 'scam pressure tactics', zh: '诈骗常用话术' },
  'news-or-advice': { en: 'news or advice about fraud', zh: '涉诈新闻或防骗提示' },
};
