import { describe, expect, it } from 'vitest';
import { createNormalizer } from '../src/services/normalize';
import { normalizePostingText } from '../src/services/postings/compose';
import type { Posting } from '../src/services/postings/schema';
import { postingExperience } from '../src/services/summary/aggregate';
import { loadTaxonomy } from '../src/services/taxonomy/load';
import { skillIds } from './support/services';

// The real taxonomy and phrase rules, on sentences written here in the genre of real postings.
const normalizer = createNormalizer(loadTaxonomy());
const { named, implied } = skillIds(normalizer);

describe('service operation', () => {
  it.each([
    '서비스 운영 경험',
    'B2C 서비스를 운영해 본 경험이 있으신 분',
    '서비스를 직접 설계하고 운영하신 분',
    '웹 서비스를 개발하고 운영한 경험',
    '상용 서비스 개발 경험',
    '실서비스 운영 경험이 있으신 분',
    '고객이 존재하는 서비스의 백엔드 개발 경험',
    '라이브 서비스 경험',
    'AWS 환경에서 서비스를 배포하고 운영해 보신 분',
    'Experience running production services',
  ])('%s', (text) => {
    expect(named(text)).toContain('service-operation');
  });

  it.each([
    'Kubernetes 클러스터 운영 경험',
    '사내 인프라 구축 및 운영 경험',
    '리눅스 운영체제에 대한 이해',
    '서비스를 운영하고 싶은 분',
    'TypeScript 개발 및 운영 경험',
    '서비스 런칭 경험',
  ])('not: %s', (text) => {
    expect(named(text)).not.toContain('service-operation');
  });
});

describe('cross-role and colleague mentions', () => {
  it('counts backend development only outside backend postings', () => {
    expect(named('백엔드 개발 경험이 있으신 분', 'frontend')).toContain('backend-development');
    expect(named('백엔드 개발 경험이 있으신 분', 'backend')).not.toContain('backend-development');
    expect(named('프론트엔드 개발 경험', 'backend')).toContain('frontend-development');
  });

  it('does not take a colleague for a skill', () => {
    expect(named('백엔드 개발자와 원활하게 협업하신 분', 'frontend')).not.toContain('backend-development');
  });
});

describe('named skills that count as the wider skill', () => {
  it('Git is also version control, named', () => {
    expect(named('Git을 이용한 협업 경험')).toEqual(expect.arrayContaining(['git', 'version-control']));
    expect(named('GitHub 사용 경험')).toEqual(expect.arrayContaining(['github', 'git', 'version-control']));
  });

  it('TDD and test frameworks are also writing tests, DRF is also Django', () => {
    expect(named('TDD 경험')).toEqual(expect.arrayContaining(['tdd', 'test-code']));
    expect(named('Jest 기반 단위 테스트')).toContain('test-code');
    expect(named('DRF 기반 API 개발')).toEqual(expect.arrayContaining(['django-rest-framework', 'django']));
  });

  it('a framework implies its language without naming it', () => {
    expect(named('Django 개발 경험')).not.toContain('python');
    expect(implied('Django 개발 경험')).toContain('python');
  });
});

describe('JVM frameworks', () => {
  it('Spring from Kotlin does not ask for Java', () => {
    for (const text of [
      'Kotlin, Spring Boot 기반 서버 개발',
      'Kotlin💜Spring 경험',
      'JPA, QueryDSL, Lombok 사용 경험',
    ]) {
      const skills = normalizer.normalizeItem(text, 'required').skills.map((s) => s.id);
      expect(skills, text).not.toContain('java');
    }
  });

  it('puts Java, Kotlin and the Spring family in the JVM group', () => {
    for (const id of [
      'java',
      'kotlin',
      'spring',
      'spring-boot',
      'jpa',
      'hibernate',
      'mybatis',
      'querydsl',
      'lombok',
    ]) {
      expect(normalizer.skill(id)?.groups, id).toContain('jvm');
    }
  });
});

describe('names as postings write them', () => {
  it('a version glued to a name is still the name', () => {
    expect(named('React18 경험')).toContain('react');
    expect(named('Java17 이상, Spring Boot3.x')).toEqual(expect.arrayContaining(['java', 'spring-boot']));
    expect(named('Node18 환경')).toContain('nodejs');
    expect(named('Log4j 취약점 대응')).not.toContain('logging');
    expect(named('Javas 개발')).not.toContain('java');
  });

  it('a name that is also a word counts before 기반, 환경 or 개발', () => {
    expect(named('Node 환경에서의 개발 경험')).toContain('nodejs');
    expect(named('Go 기반 서버 개발')).toContain('go');
    expect(named('Swift로 개발해 본 경험')).toContain('swift');
    expect(named('트리의 Node 구조 이해')).not.toContain('nodejs');
  });

  it('names inside a phrase about open-source tools still count', () => {
    const skills = named('오픈소스 워크플로 프레임워크(Airflow, Kubeflow 등) 활용 경험');
    expect(skills).toEqual(expect.arrayContaining(['airflow', 'kubeflow']));
    expect(skills).not.toContain('open-source');
  });

  it('spellings and short forms postings use', () => {
    expect(named('Next/Nuxt 기반 SSR 경험')).toEqual(expect.arrayContaining(['nextjs', 'nuxtjs']));
    expect(named('RDBS 사용 경험')).toContain('rdbms');
    expect(named('도큐먼트 기반 데이터베이스 사용 경험')).toContain('nosql');
    expect(named('Django Model 설계 경험')).toEqual(expect.arrayContaining(['django-orm', 'django']));
    expect(named('메시지 기반 아키텍처 경험')).toContain('message-queue');
    expect(named('분산 캐시 적용 경험')).toEqual(expect.arrayContaining(['distributed-systems', 'caching']));
  });

  it('Kotlin Coroutine names Kotlin too; RTK Query is Redux', () => {
    expect(named('Kotlin Coroutine 사용 경험')).toEqual(expect.arrayContaining(['kotlin', 'coroutines']));
    expect(named('RTK Query 사용 경험')).toContain('redux');
  });
});

describe('domains', () => {
  it('a named domain beside 도메인 이해 is that domain, not business understanding', () => {
    expect(named('물류 도메인에 대한 이해')).toContain('logistics');
    expect(named('물류 도메인에 대한 이해')).not.toContain('business-understanding');
    expect(named('서비스 도메인 지식을 빠르게 습득하시는 분')).toContain('business-understanding');
  });

  it('recruiting phrases ask for no teamwork', () => {
    expect(named('저희와 함께 일하실 분을 찾습니다')).not.toContain('collaboration');
    expect(named('동료와 함께 일하는 것을 즐기는 분')).toContain('collaboration');
  });
});

describe('implications hold in every posting', () => {
  const all = (text: string) => normalizer.normalizeItem(text, 'required').skills.map((s) => s.id);

  it.each([
    ['React Native와 TypeScript로 앱 개발', 'javascript'],
    ['LibTorch 기반 C++ 추론 엔진 개발', 'python'],
    ['SQLAlchemy Core로 쿼리 작성', 'orm'],
    ['Spring Data Redis 사용 경험', 'jpa'],
    ['Spinnaker로 EC2에 배포한 경험', 'kubernetes'],
    ['Unreal 엔진의 Entity Component System 이해', 'unity'],
  ])('%s does not imply %s', (text, id) => {
    expect(all(text)).not.toContain(id);
  });

  it('keeps the implications that always hold', () => {
    expect(implied('Spring Data JPA 사용 경험')).toEqual(expect.arrayContaining(['spring', 'jpa']));
    expect(implied('Argo CD 기반 배포')).toContain('kubernetes');
    expect(implied('Unity DOTS 경험')).toContain('unity');
    expect(implied('Next.js 기반 개발')).toContain('react');
  });
});

describe('a name two products share is the one its neighbours name', () => {
  it.each([
    ['Java 8 이상의 Lambda, Stream API 활용 경험', ['aws-lambda', 'aws', 'serverless']],
    ['Redux 등 Flux 아키텍처에 대한 이해', ['fluxcd', 'kubernetes', 'ci-cd']],
    ['Figma UI Kit 제작 경험', ['uikit', 'ios']],
    ['Angular CDK 활용 경험', ['cloudformation', 'aws']],
    ['ECS 아키텍처 기반 게임 로직 설계', ['ecs', 'aws']],
    ['AAC, H.264 코덱에 대한 이해', ['android-jetpack', 'android', 'mobile-development']],
    ['Solidity, Hardhat, Remix 사용 경험', ['remix', 'react']],
    ['HBase, Phoenix 사용 경험', ['phoenix', 'elixir']],
  ])('%s', (text, wrong) => {
    const skills = normalizer.normalizeItem(text, 'required').skills.map((s) => s.id);
    for (const id of wrong) expect(skills, id).not.toContain(id);
  });

  it('still finds each product where it is meant', () => {
    expect(named('AWS Lambda 기반 서버리스 개발')).toContain('aws-lambda');
    expect(named('ArgoCD, Flux 등 GitOps 도구 사용 경험')).toContain('fluxcd');
    expect(named('UIKit 기반 iOS 앱 개발')).toContain('uikit');
    expect(named('AWS CDK로 인프라 구성')).toContain('cloudformation');
    expect(named('AWS ECS, EKS 운영 경험')).toContain('ecs');
    expect(named('AAC, Jetpack 라이브러리 사용 경험')).toContain('android-jetpack');
    expect(named('Remix, Next.js 등 React 프레임워크 경험')).toContain('remix');
    expect(named('JPA/Hibernate 사용 경험')).toEqual(expect.arrayContaining(['jpa', 'hibernate']));
  });
});

describe('cases a reader would not count', () => {
  it('a GitHub profile to submit is a portfolio, not Git', () => {
    const skills = named('포트폴리오, Github 프로필, 또는 개인 블로그 제출자');
    expect(skills).toContain('portfolio');
    expect(skills).not.toEqual(expect.arrayContaining(['git']));
    expect(skills).not.toContain('github');
  });

  it('a degree credited as experience is not a required degree, nor fewer years', () => {
    const item = normalizer.normalizeItem('관련 경력 3년 이상 (석사 시 1년 인정)', 'required');
    expect(item.skills.map((s) => s.id)).not.toContain('masters-degree');
    expect(item.experience).toEqual({ minYears: 3, junior: false });
  });

  it('RTL is Testing Library only beside tests', () => {
    expect(named('다국어 지원 (RTL 레이아웃 포함) 경험')).not.toContain('testing-library');
    expect(named('RTL 설계 및 검증 경험 (Verilog)')).not.toContain('testing-library');
    expect(named('Jest/RTL 기반 Unit Test 경험')).toContain('testing-library');
  });

  it('Excel 활용 능력 is Excel', () => {
    expect(named('Excel 활용 능력')).toContain('excel');
    expect(named('중급 이상의 OA 활용 능력 (PPT, Excel)')).toContain('excel');
    expect(named('Candidates who excel at communication')).not.toContain('excel');
  });

  it('a title line above 주요업무 is not a requirement', () => {
    const text = [
      '토스 | Server Developer (Python)',
      '주요업무',
      '- 결제 API 개발',
      '자격요건',
      '- Kotlin 서버 개발 경험',
    ].join('\n');
    const items = normalizePostingText(normalizer, text, '');
    expect(items.map((i) => i.text)).toEqual(['Kotlin 서버 개발 경험']);
    expect(items.flatMap((i) => i.skills.map((s) => s.id))).not.toContain('python');
  });

  it('requirements typed above a 우대사항 label stay requirements', () => {
    const items = normalizePostingText(normalizer, '- Python 3년 이상\n우대사항\n- AWS', '');
    expect(items.map((i) => [i.section, i.text])).toEqual([
      ['required', 'Python 3년 이상'],
      ['preferred', 'AWS'],
    ]);
  });
});

describe('a posting’s experience', () => {
  const experienceOf = (requirements: string) =>
    postingExperience({ items: normalizePostingText(normalizer, requirements, '') } as Pick<
      Posting,
      'items'
    >);

  it('keeps both ends of a range', () => {
    expect(experienceOf('- 경력 2~5년')).toEqual({ years: 2, maxYears: 5, juniorFriendly: false });
  });

  it('takes the smallest figure of the requirements', () => {
    expect(experienceOf('- Java 8년 이상 또는 Kotlin 3년 이상')).toMatchObject({ years: 3 });
    expect(experienceOf('- 개발 경력 6년 이상\n- 웹 개발 경력 3년 이상')).toMatchObject({ years: 3 });
  });

  it('reads English number words', () => {
    expect(experienceOf('- at least five years of experience')).toMatchObject({ years: 5 });
  });

  it('is open to juniors only when the posting says so', () => {
    expect(experienceOf('- 학위를 소지하거나 6개월 이상 개발 경험').juniorFriendly).toBe(false);
    expect(experienceOf('- 신입 가능\n- Python 경험')).toEqual({ years: 0, juniorFriendly: true });
  });
});
