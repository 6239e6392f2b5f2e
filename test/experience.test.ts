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
    expect(parseExperience('경력 2~5년')).toEqual({ minYears: 2, maxYears: 5, junior: false });
    expect(parseExperience('3-5 years of experience')).toMatchObject({ minYears: 3, maxYears: 5 });
    expect(parseExperience('3 to 5 years of experience')).toMatchObject({ minYears: 3, maxYears: 5 });
    expect(parseExperience('경력 3년이상 ~ 10년이하')).toMatchObject({ minYears: 3, maxYears: 10 });
    expect(parseExperience('유관경력 3~6년차')).toMatchObject({ minYears: 3, maxYears: 6 });
    expect(parseExperience('개발 경력 6년 ~ 10년 서버 개발')).toMatchObject({ minYears: 6, maxYears: 10 });
  });

  it('reads years and months together, and juniors up to N years', () => {
    expect(parseExperience('관련 경력 1년 6개월 이상')?.minYears).toBe(1.5);
    expect(parseExperience('신입~3년차 지원 가능')).toEqual({ minYears: 0, maxYears: 3, junior: true });
    expect(parseExperience('신입 ~ 2년')).toMatchObject({ minYears: 0, maxYears: 2 });
    expect(parseExperience('6개월 이상 인턴 경험')?.minYears).toBe(0.5);
  });

  it('gives no upper bound when both ends are the same', () => {
    expect(parseExperience('경력 3~3년')).toEqual({ minYears: 3, junior: false });
  });

  it.each([
    ['Java 8년 이상 또는 Kotlin 3년 이상', 3],
    ['백엔드 개발 경력 3년 이상 또는 Python 개발 경력 1년 이상', 1],
    ['개발 경력 1년 이상 또는 6개월 이상의 인턴 경험', 0.5],
    ['5+ years with Java, or 2+ years with Kotlin', 2],
  ])('takes the smaller of alternatives: %s → %s', (text, years) => {
    expect(parseExperience(text)?.minYears).toBe(years);
  });

  it.each([
    ['at least five years of experience', 5],
    ['Five (5) or more years of backend experience', 5],
    ['three+ years building APIs', 3],
    ['minimum of two years of professional experience', 2],
    ['at least a year of experience with React', 1],
  ])('reads English number words: %s → %s', (text, years) => {
    expect(parseExperience(text)?.minYears).toBe(years);
  });

  it('does not take a degree credited as years for the years asked', () => {
    expect(parseExperience('관련 경력 3년 이상 (석사 시 1년 인정)')).toEqual({ minYears: 3, junior: false });
    expect(parseExperience('경력 5년 이상 (박사 학위는 경력 3년으로 인정)')).toMatchObject({ minYears: 5 });
  });

  it.each([
    '컴퓨터 공학 관련 학위를 소지하거나 6개월 이상 개발 경험',
    '1년 이상의 실무 경험',
    '주니어 개발자 멘토링 경험 3년 이상',
    'Experience mentoring junior engineers',
  ])('is open to juniors only when the text says so: %s', (text) => {
    expect(parseExperience(text)?.junior ?? false).toBe(false);
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
    '2년 이상 지방 근무 가능자',
    '오프라인 인터뷰 탈락자의 경우, 1년간 재지원이 불가능합니다.',
  ])('%s says nothing about experience years', (text) => {
    expect(parseExperience(text)).toBeUndefined();
  });
});
