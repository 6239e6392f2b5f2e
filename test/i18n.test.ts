import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { toLocale, translator } from '../src/i18n/index';
import { ko } from '../src/i18n/ko';

describe('messages', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    const names = (text: string) => [...text.matchAll(/\{(\w+)[}|]/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(new Set(names(ko[key])), key).toEqual(new Set(names(en[key])));
    }
  });

  it('fills placeholders and agrees in number', () => {
    const t = translator('en');
    expect(t('summary.counts', { postings: 1, companies: 1 })).toBe('1 posting from 1 company');
    expect(t('summary.counts', { postings: 3, companies: 2 })).toBe('3 postings from 2 companies');
    expect(translator('ko')('summary.counts', { postings: 3, companies: 2 })).toBe('회사 2곳의 공고 3개');
  });

  it('maps Discord and POSIX locales', () => {
    expect(toLocale('ko')).toBe('ko');
    expect(toLocale('ko_KR.UTF-8')).toBe('ko');
    expect(toLocale('en-US')).toBe('en');
    expect(toLocale(undefined)).toBe('en');
  });
});
