import { en } from './en';
import { ko } from './ko';

export type Locale = 'en' | 'ko';
export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ko };

/** Discord locales (`ko`, `en-US`, `en-GB`, …) and POSIX ones (`ko_KR.UTF-8`) to the two the bot speaks. */
export function toLocale(raw: string | null | undefined): Locale {
  return raw?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const value = (params: Params, name: string) => (name in params ? String(params[name]) : undefined);
  return (key, params = {}) =>
    catalog[key]
      // {count|posting|postings}: the word that agrees with the number.
      .replace(/\{(\w+)\|([^|}]*)\|([^|}]*)\}/g, (whole, name: string, one: string, many: string) => {
        const n = value(params, name);
        return n === undefined ? whole : Number(n) === 1 ? one : many;
      })
      .replace(/\{(\w+)\}/g, (whole, name: string) => value(params, name) ?? whole);
}

export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** Both languages of one message, for Discord's `*_localizations` fields. */
export function localized(key: MessageKey): { en: string; ko: string } {
  return { en: en[key], ko: ko[key] };
}
