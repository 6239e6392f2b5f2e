import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  createPhraseFinder,
  matchPattern,
  PatternError,
  prepareText,
} from '../src/services/normalize/phrases';
import { loadTaxonomy } from '../src/services/taxonomy/load';
import type { PhraseRule } from '../src/services/taxonomy/schema';

const matches = (pattern: string, text: string) =>
  matchPattern(prepareText(text), compilePattern(pattern)).length > 0;

describe('phrase patterns', () => {
  it('match a stem with any ending or particle', () => {
    for (const text of [
      '서비스를 운영해 본 경험',
      '서비스 운영하신 분',
      '서비스 운영 경험',
      '서비스를 운영한 경험',
    ]) {
      expect(matches('서비스 운영', text), text).toBe(true);
    }
  });

  it('start a term where a word starts, unless it is marked to start inside one', () => {
    expect(matches('서비스', '실서비스 경험')).toBe(false);
    expect(matches('*서비스', '실서비스 경험')).toBe(true);
    expect(matches('rtl', 'ortl')).toBe(false);
  });

  it('end a term with the word when it says so', () => {
    expect(matches('rtl$', 'RTL 기반 테스트')).toBe(true);
    expect(matches('rtl$', 'RTLs')).toBe(false);
    expect(matches('flow$', 'Flow를 이용한')).toBe(true);
    expect(matches('실$ 서비스', '실 서비스 운영')).toBe(true);
    expect(matches('실$ 서비스', '실제 서비스 운영')).toBe(false);
  });

  it('allow as many words between terms as the gap says, and no more', () => {
    expect(matches('서비스 ~2 운영', '서비스를 직접 설계하고 운영한 분')).toBe(true);
    expect(matches('서비스 ~1 운영', '서비스를 직접 설계하고 운영한 분')).toBe(false);
    expect(matches('서비스 운영', '서비스를 직접 운영')).toBe(false);
    expect(matches('서비스 ~ 운영', '서비스를 직접 설계하고 운영한 분')).toBe(true);
  });

  it('keep the order of the terms', () => {
    expect(matches('서비스 ~3 운영', '운영 중인 서비스')).toBe(false);
  });

  it('chain through the occurrence that keeps the gap, not only the first one', () => {
    expect(matches('a ~4 b c', 'a b x x b c')).toBe(true);
    expect(matches('a ~1 b ~0 c', 'a x b y c')).toBe(false);
  });

  it('let a second term continue the same word when it may start inside one', () => {
    expect(matches('서비스 *운영', '서비스운영 경험')).toBe(true);
  });

  it('read `_` as a space inside an alternative, and ignore case and markup', () => {
    expect(matches('상용_서비스', '**상용 서비스** 경험')).toBe(true);
    expect(matches('production', 'PRODUCTION 환경')).toBe(true);
  });

  it('expand named word lists', () => {
    const words = { service: ['*서비스', '앱'] };
    expect(matchPattern(prepareText('실서비스 운영'), compilePattern('@service 운영', words))).toHaveLength(
      1,
    );
    expect(matchPattern(prepareText('앱을 운영'), compilePattern('@service|제품 운영', words))).toHaveLength(
      1,
    );
    expect(() => compilePattern('@nothing 운영', words)).toThrow(PatternError);
  });

  it('refuse malformed patterns', () => {
    for (const bad of ['~2 운영', '운영 ~2', '서비스 ~2 ~3 운영', '서비스 ~20 운영', '*', '$', 'a||b']) {
      expect(() => compilePattern(bad), bad).toThrow(PatternError);
    }
  });

  it('still answer on text that repeats one word thousands of times', () => {
    const text = `${'서비스 '.repeat(2000)}${'운영'.repeat(1000)} 경험`;
    expect(matches('*서비스 ~12 *운영 ~12 경험', text)).toBe(true);
    expect(matches('*서비스 ~12 *운영 ~12 *없음', text)).toBe(false);
  });
});

describe('phrase rules', () => {
  const rule = (over: Partial<PhraseRule>): PhraseRule => ({
    id: 'r',
    patterns: ['서비스 ~2 운영'],
    stops: [],
    breaks: [],
    masks: false,
    suppress: [],
    examples: { match: ['x'], noMatch: [] },
    skill: 'service-operation',
    ...over,
  });

  it('find skills and leave out what a stop phrase covers', () => {
    const finder = createPhraseFinder([rule({ stops: ['서비스 인프라'] })]);
    expect(finder.find('서비스 운영 경험').skills).toEqual(['service-operation']);
    expect(finder.find('서비스 인프라 운영 경험').skills).toEqual([]);
  });

  it('end a phrase at a breaking word between its terms', () => {
    const finder = createPhraseFinder([rule({ breaks: ['인프라|클러스터'] })]);
    expect(finder.find('서비스를 위한 인프라 구축 및 운영').skills).toEqual([]);
    expect(finder.find('인프라 위의 서비스를 운영한 경험').skills).toEqual(['service-operation']);
  });

  it('report what the item does not ask for when a suppressing rule matches', () => {
    const finder = createPhraseFinder([
      rule({ skill: undefined, patterns: ['학위 ~4 또는 ~2 경력'], suppress: ['degree'] }),
    ]);
    expect(finder.find('학위 소지자 또는 3년 이상의 경력').suppressed).toEqual(['degree']);
    expect(finder.find('학위 소지자').suppressed).toEqual([]);
  });

  it('report what masking rules cover, in positions of the cleaned text', () => {
    const finder = createPhraseFinder([
      rule({ skill: undefined, masks: true, patterns: ['github ~1 프로필'] }),
    ]);
    expect(finder.find('포트폴리오, **Github** 프로필 제출자')).toEqual({
      skills: [],
      masked: [{ start: 7, end: 17 }],
      suppressed: [],
    });
  });
});

describe('the rules in data/concepts.json', () => {
  const taxonomy = loadTaxonomy();
  const finder = createPhraseFinder(taxonomy.phraseRules, taxonomy.phraseWords);

  it('have examples both ways for every rule that adds a skill', () => {
    const without = taxonomy.phraseRules.filter(
      (r) => r.skill !== undefined && r.examples.noMatch.length === 0,
    );
    expect(without.map((r) => r.id)).toEqual([]);
  });

  for (const r of taxonomy.phraseRules) {
    it(`${r.id}: its examples`, () => {
      const wrong: string[] = [];
      for (const text of r.examples.match) {
        if (!finder.rulesMatching(text).includes(r.id)) wrong.push(`should match: ${text}`);
      }
      for (const text of r.examples.noMatch) {
        if (finder.rulesMatching(text).includes(r.id)) wrong.push(`should not match: ${text}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
