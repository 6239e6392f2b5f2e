import { afterEach, describe, expect, it } from 'vitest';
import { plain } from '../src/cli/render';
import { postingEmbed } from '../src/commands/shared/posting-embed';
import { summaryEmbed } from '../src/commands/shared/summary-embed';
import type { Context } from '../src/commands/types';
import { type Locale, translator } from '../src/i18n';
import type { RoleSummary, SkillShare } from '../src/services/summary';
import { miniServices } from './support/services';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const text = (embed: ReturnType<typeof summaryEmbed>) =>
  plain([embed.description ?? '', ...(embed.fields ?? []).map((f) => `${f.name}\n${f.value}`)].join('\n'));

const share = (id: string, count: number, implied: number): SkillShare => ({
  id,
  label: id,
  labelKo: id,
  category: 'language',
  count,
  implied,
  share: count / 4,
  required: count,
  preferred: 0,
});

function summary(over: Partial<RoleSummary> = {}): RoleSummary {
  return {
    role: 'backend',
    roleLabel: { en: 'Backend developer', ko: '백엔드 개발자' },
    postings: 4,
    companies: 4,
    required: [share('Python', 3, 1), share('Spring', 2, 2), share('Java', 1, 0)],
    preferred: [],
    either: [],
    groups: [],
    experience: { min: 3, median: 3, max: 3, count: 2, juniorFriendly: 0 },
    categories: [],
    ...over,
  };
}

const ctxFor = (locale: Locale, services?: Context['services']) =>
  ({ locale, t: translator(locale), ...(services ? { services } : {}) }) as Context;

describe('summary embed', () => {
  it('says how much of a share comes from implications, and when all of it does', () => {
    const en = text(summaryEmbed(ctxFor('en'), summary(), 'required'));
    expect(en).toContain('Python (3 · 1 implied)');
    expect(en).toContain('Spring (2 · implied only)');
    expect(en).toContain('Java (1)');
    expect(en).toMatch(/implied.*Django ⇒ Python/);
    const ko = text(summaryEmbed(ctxFor('ko'), summary(), 'required'));
    expect(ko).toContain('Python (3 · 추정 1)');
    expect(ko).toContain('Spring (2 · 모두 추정)');
  });

  it('shows each document’s own summary under its name, the first three, then how many more', () => {
    const docs = ['하나', '둘', '셋', '넷', '다섯'].map((name, i) => ({
      document: `${name} 정리`,
      text: `- 공통 @everyone ${i}`,
    }));
    for (const locale of ['en', 'ko'] as const) {
      const embed = summaryEmbed(ctxFor(locale), summary(), 'both', [
        ...docs,
        { source: 'old.md', text: '- 예전' },
      ]);
      const names = (embed.fields ?? []).map((f) => f.name);
      const t = translator(locale);
      expect(names).toContain(t('summary.author-document', { document: '하나 정리' }));
      expect(names).toContain(t('summary.author-document', { document: '셋 정리' }));
      expect(names).not.toContain(t('summary.author-document', { document: '넷 정리' }));
      expect(text(embed)).toContain(t('summary.author-more', { count: 3 }));
      expect((embed.fields ?? []).some((f) => f.value.includes('@everyone'))).toBe(false);
    }
    const single = summaryEmbed(ctxFor('en'), summary(), 'both', [{ text: '- kept before' }]);
    expect(single.fields?.map((f) => f.name)).toContain('The group’s own summary');
  });

  it('leaves the note out when no share shown is implied', () => {
    const en = text(summaryEmbed(ctxFor('en'), summary({ required: [share('Java', 1, 0)] }), 'required'));
    expect(en).not.toContain('implied');
  });

  it('prints one figure, not a range, when every posting asks for the same years', () => {
    const en = text(summaryEmbed(ctxFor('en'), summary(), 'both'));
    expect(en).toContain('Required: 3 years in 2 postings');
    expect(en).not.toContain('3 to 3');
    const ko = text(summaryEmbed(ctxFor('ko'), summary(), 'both'));
    expect(ko).toContain('요구 경력: 3년 (공고 2개)');
    expect(ko).not.toContain('3~3년');
    const range = text(
      summaryEmbed(
        ctxFor('ko'),
        summary({ experience: { min: 1, median: 3, max: 5, count: 3, juniorFriendly: 1 } }),
        'both',
      ),
    );
    expect(range).toContain('요구 경력: 1~5년');
  });
});

describe('posting embed', () => {
  it('shows both ends of a range of years', async () => {
    const ctx = await miniServices();
    cleanup = ctx.cleanup;
    const posting = await ctx.services.postings.add('g', {
      company: 'A',
      role: 'backend',
      requirements: '- Python 개발 경력 2~5년',
    });
    const ko = plain(JSON.stringify(postingEmbed(ctxFor('ko', ctx.services), posting).fields));
    expect(ko).toContain('2~5년');
    const en = plain(JSON.stringify(postingEmbed(ctxFor('en', ctx.services), posting).fields));
    expect(en).toContain('2 to 5 years');
  });
});
