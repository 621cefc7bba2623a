/** Turns a window verdict into the one-paragraph explanation shown to the user, in both languages. */
import type { CompiledRule } from './compile';
import { CATEGORY_LABELS } from './labels';
import type { WindowVerdict } from './score';
import type { Localized } from './types';

const list = (rules: readonly CompiledRule[], lang: keyof Localized, separator: string) =>
  rules.map((rule) => rule.label[lang]).join(separator);

export function explain(verdict: WindowVerdict | null, rules: readonly CompiledRule[]): Localized {
  if (!verdict || verdict.risk === 'none') {
    return { en: 'Nothing suspicious found.', zh: '未发现可疑内容。' };
  }
  const lures = verdict.lures.map((i) => rules[i]!);
  const places = verdict.places.map((i) => rules[i]!);
  const counters = verdict.counters.map((i) => rules[i]!);
  const kind = verdict.category ? CATEGORY_LABELS[verdict.category] : null;
  const en: string[] = [];
  const zh: string[] = [];
  if (verdict.risk === 'low') {
    en.push('Low risk: no combination of lure signals.');
    zh.push('低风险：未出现多个诈骗信号的组合。');
  } else {
    const level = verdict.risk === 'high' ? 'High' : 'Medium';
    const levelZh = verdict.risk === 'high' ? '高' : '中';
    en.push(`${level} risk: this looks like ${kind?.en ?? 'a fraud lure'}.`);
    zh.push(`${levelZh}风险：疑似${kind?.zh ?? '诈骗诱饵'}。`);
  }
  if (lures.length > 0) {
    en.push(`Signals found together: ${list(lures, 'en', '; ')}.`);
    zh.push(`同时出现的信号：${list(lures, 'zh', '；')}。`);
  }
  if (places.length > 0) {
    en.push(`Mentions a high-risk location: ${list(places, 'en', ', ')}.`);
    zh.push(`提到高风险地区：${list(places, 'zh', '、')}。`);
  }
  if (counters.length > 0) {
    en.push(`It also reads like ${list(counters, 'en', ', ')}, which lowers the risk.`);
    zh.push(`内容同时具有${list(counters, 'zh', '、')}的特征，风险因此降低。`);
  }
  return { en: en.join(' '), zh: zh.join('') };
}
