import { describe, expect, it } from 'vitest';
import { createNormalizer } from '../src/services/normalize';
import { loadTaxonomy } from '../src/services/taxonomy/load';
import { skillIds } from './support/services';

// The hard cases of the genre, against the real taxonomy in data/skills.json.
const normalizer = createNormalizer(loadTaxonomy());
const explicit = skillIds(normalizer).named;

describe('matching with data/skills.json', () => {
  it.each([
    ['Python을 이용한 서버 개발', ['python']],
    ['파이썬 활용 능력', ['python']],
    ['AWS에서 서버 구축 경험', ['aws']],
    ['Django나 Flask 경험', ['django', 'flask']],
    ['장고 개발 경험', ['django']],
    ['JavaScript 경험', ['javascript']],
    ['자바스크립트 경험', ['javascript']],
    ['자바 개발 경험', ['java']],
    ['Spring Boot 기반의 백엔드 개발 경험', ['spring-boot']],
    ['React Native 앱 개발', ['react-native']],
    ['React 개발 경험', ['react']],
    ['C++ 또는 C# 개발 경험', ['cpp', 'csharp']],
    ['MySQL/MariaDB 등 관계형 데이터베이스에 대한 이해', ['mysql', 'mariadb', 'rdbms']],
    ['쿠버네티스 운영 경험', ['kubernetes']],
    ['`Docker`, **Kubernetes** 사용 경험', ['docker', 'kubernetes']],
  ])('%s → %j', (text, ids) => {
    expect(explicit(text)).toEqual(expect.arrayContaining(ids));
  });

  it('finds DRF under any spelling, and implies Django and Python', () => {
    for (const text of ['DRF 사용 경험', 'Django rest framework 이용한 API 개발', 'Django REST Framework']) {
      const skills = normalizer.normalizeItem(text, 'required').skills;
      expect(skills).toContainEqual({ id: 'django-rest-framework' });
      expect(skills).toContainEqual({ id: 'python', implied: true });
    }
  });

  it('matches a spaced Korean alias written closed up', () => {
    expect(explicit('배포파이프라인 구축 경험')).toContain('ci-cd');
    expect(explicit('리스크관리 경험')).toContain('project-management');
    expect(explicit('프론트엔드성능 개선')).toContain('web-performance');
  });

  it('does not mistake words for languages', () => {
    for (const text of [
      "Let's go!",
      'R&D 센터 근무',
      'C 레벨 임원 보고',
      'Spring 2025 internship',
      '서버 개발 경험',
    ]) {
      expect(explicit(text).filter((id) => normalizer.skill(id)?.category === 'language')).toEqual([]);
    }
    expect(explicit('Java, Kotlin, Go 언어에 익숙')).toEqual(
      expect.arrayContaining(['java', 'kotlin', 'go']),
    );
    expect(explicit('JavaScript 경험')).not.toContain('java');
    expect(explicit('자바스크립트 경험')).not.toContain('java');
    expect(explicit('Spring Boot 경험')).not.toContain('spring');
    expect(explicit('React Native')).not.toContain('react');
  });

  it('finds a name that starts inside another and reaches past it', () => {
    expect(explicit('REST API에 대한 설계')).toEqual(expect.arrayContaining(['rest-api', 'api-design']));
    expect(explicit('RESTful API 설계 경험')).toEqual(expect.arrayContaining(['rest-api', 'api-design']));
    expect(explicit('관계형 데이터베이스 모델링')).toEqual(
      expect.arrayContaining(['rdbms', 'data-modeling']),
    );
  });

  it('matches nothing inside a stop phrase', () => {
    expect(explicit('비전공자도 지원 가능')).toEqual([]);
    expect(explicit('컴퓨터공학 전공자')).toContain('cs-degree');
  });

  it('reads RESTful, tests, CS and English the way postings write them', () => {
    expect(explicit('Restful API 설계에 대한 이해')).toContain('rest-api');
    expect(explicit('RESTful API 개발 경험')).toContain('rest-api');
    expect(explicit('자료구조, 알고리즘 지식')).toEqual(
      expect.arrayContaining(['data-structures', 'algorithms']),
    );
    expect(explicit('비즈니스 레벨의 영어 커뮤니케이션')).toContain('english');
    expect(explicit('Git 을 이용한 형상 관리')).toContain('git');
  });
});
