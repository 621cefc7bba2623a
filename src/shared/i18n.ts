/**
 * UI strings. They live in public/_locales (the extension i18n system, which also names the
 * extension in the browser's language); the same files are bundled here so that the language
 * chosen in the options can override the browser's, and so components can be tested without one.
 */
import en from '../../public/_locales/en/messages.json';
import zh from '../../public/_locales/zh_CN/messages.json';
import type { LanguageSetting } from './settings';

export type Lang = 'en' | 'zh';
export type MessageKey = keyof typeof en;

const tables: Record<Lang, Record<string, { message: string }>> = { en, zh };

/** The UI language: the user's choice, else the browser's (Chinese for any zh locale). */
export function resolveLang(setting: LanguageSetting, browserLanguage: string): Lang {
  if (setting !== 'auto') return setting;
  return browserLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The message for key in lang, with $1..$9 replaced by the substitutions. */
export function translate(lang: Lang, key: MessageKey, ...substitutions: (string | number)[]): string {
  const message = tables[lang][key]?.message ?? en[key].message;
  return message.replace(/\$(\d)/g, (_, n: string) => String(substitutions[Number(n) - 1] ?? ''));
}

export type Translate = (key: MessageKey, ...substitutions: (string | number)[]) => string;

export const translator =
  (lang: Lang): Translate =>
  (key, ...substitutions) =>
    translate(lang, key, ...substitutions);
