import { describe, expect, it } from 'vitest';
import { parseExperience } from '../src/services/normalize/experience';

describe('parseExperience', () => {
  it.each([
    ['백엔드 개발 경력 3년 이상', 3],
    ['2년 이상의 개발 경력 또는 그에 준하는 실력', 2],
    ['컴퓨터 공학 관련 학위를 소지하거나 6개월 이상 개발 경험', 0.5],
    ['3년 내외의 웹 백엔드 개발 경력', 3],
    ['5+ years of backend experience', 5],
    ['minimum 2 years of professional experience', 2],
    ['At least 4 years experience with Go', 4],
    ['실무 경력 1년 이상', 1],
    ['Python 3년', 3],
    ['유관 개발 경력 3년 이상 보유', 3],
  ])('%s → %s years', (text, years) => {
    expect(parseExperience(text)?.minYears).toBe(years);
  });

  it('reads ranges as minimum and maximum', () => {
    expect(parseExperience('경력 3~5년')).toEqual({ minYears: 3, maxYears: 5, junior: false });
    expect(parseExperience('3-5 years of experience')).toMatchObject({ minYears: 3, maxYears: 5 });
  });

  it.each([
    '신입',
    '경력 무관',
    '신입/경력 무관',
    '경력: 무관',
    '경력에 상관없이 성장하고 십은 분',
    'Junior developers welcome',
  ])('%s is open to juniors with no years', (text) => {
    expect(parseExperience(text)).toMatchObject({ minYears: 0, junior: true });
  });

  it.each([
    '4년제 대학 졸업',
    '2024년 졸업 예정자',
    'Python 3.8 이상',
    '능숙하게 다루는 프로그래밍 언어가 2개 이상',
    '전공 무관',
    'REST API 설계 경험',
  ])('%s says nothing about experience years', (text) => {
    expect(parseExperience(text)).toBeUndefined();
  });
});
