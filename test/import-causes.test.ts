import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ParsedPosting, parseResearchDocument, UNKNOWN_COMPANY } from '../src/services/import';
import { firstKnownRole, postingShape } from './support/import';

/** Each cause that once lost postings, in a note written for it (test/fixtures/import/causes/). */
const doc = (name: string) =>
  parseResearchDocument(readFileSync(new URL(`./fixtures/import/causes/${name}.md`, import.meta.url)));
const shape = postingShape;
const roles = (postings: readonly ParsedPosting[]) => postings.map(firstKnownRole);

describe('what used to lose postings', () => {
  it('the role in each posting’s own title, and nowhere else', () => {
    const { postings } = doc('role-in-titles');
    expect(postings.map(shape)).toEqual([
      {
        company: '물빛테크',
        title: '백엔드 개발자 (python)',
        required: ['Python 웹 프레임워크 경험 2년 이상', 'SQL 작성 능력'],
        preferred: ['Celery 사용 경험'],
      },
      {
        company: '초록마을',
        title: 'Server Developer',
        required: ['Experience with Go or Java'],
        preferred: ['Kubernetes in production'],
      },
      {
        company: '솔바람컴퍼니',
        title: '프론트엔드 엔지니어',
        required: ['React 실무 경험'],
        preferred: ['디자인 시스템 구축 경험'],
      },
    ]);
    expect(roles(postings)).toEqual(['backend', 'backend', 'frontend']);
  });

  it('company and position on two heading levels, each link at the end of its own posting', () => {
    const { postings } = doc('two-levels');
    expect(postings.map((p) => [p.company, p.title, p.url])).toEqual([
      ['은하수페이', '결제 서버 개발자', 'https://jobs.example.com/eunhasu/1'],
      ['은하수페이', '정산 플랫폼 개발자', 'https://jobs.example.com/eunhasu/2'],
      ['달빛로보틱스', '로봇 제어 소프트웨어 엔지니어', 'https://jobs.example.com/dalbit/3'],
    ]);
    expect(postings.map((p) => p.required)).toEqual([
      ['Java 또는 Kotlin 개발 경험'],
      ['배치 처리 시스템 개발 경험'],
      ['C++ 개발 경험'],
    ]);
  });

  it('numbered links with their lists beside them, not inside', () => {
    expect(doc('numbered-links-beside').postings.map(shape)).toEqual([
      {
        company: '바람개비소프트',
        url: 'https://jobs.example.com/baram/11',
        required: ['Node.js 서버 개발 경험', 'MongoDB 사용 경험'],
        preferred: ['GraphQL 경험'],
      },
      {
        company: '구름다리',
        url: 'https://jobs.example.com/gureum/12',
        required: ['Spring Boot 개발 경험'],
        preferred: ['쿠버네티스 운영 경험'],
      },
    ]);
  });

  it('labels as plain lines, \\- escapes, • and ㆍ glyphs, a combined section, other wordings and English', () => {
    const parsed = doc('label-shapes');
    expect(parsed.postings.map(shape)).toEqual([
      {
        company: '하늬소프트',
        required: ['Java 개발 경험 3년 이상', 'JPA 사용 경험'],
        preferred: ['모니터링 도구 사용 경험'],
      },
      {
        company: '가온커머스',
        required: ['Python 개발 경험', 'Django 사용 경험'],
        preferred: ['Redis 사용 경험'],
      },
      {
        company: '누리헬스',
        required: ['Go 개발 경험', '원활한 커뮤니케이션 능력'],
        preferred: ['AWS 운영 경험', 'gRPC 사용 경험', '오픈소스 기여 경험'],
      },
      {
        company: '다솜뱅크',
        required: ['Spring 기반 개발 경험', 'Oracle 사용 경험'],
        preferred: ['금융권 개발 경험', '대용량 배치 경험'],
      },
      {
        company: '라온모빌리티',
        required: ['Kotlin 서버 개발 경험', '테스트 코드 작성 습관'],
        preferred: ['지도 데이터 처리 경험'],
      },
      {
        company: '마루데이터',
        required: ['Scala or Java experience', 'Spark batch jobs'],
        preferred: ['Airflow experience'],
      },
    ]);
    // The document's title names the role in brackets.
    expect(roles(parsed.postings)).toEqual(Array(6).fill('backend'));
  });

  it('entries with no labels: their list is the requirements, `(우대)` items preferred, flagged unlabeled', () => {
    const { postings } = doc('unlabeled');
    expect(postings.map((p) => [p.company, p.unlabeled])).toEqual([
      ['해오름랩', true],
      ['새벽별', true],
    ]);
    expect(postings[0]?.required).toHaveLength(3);
    expect(postings[1]?.preferred).toEqual(['테스트 코드 작성 경험']);
    expect(postings[1]?.required).toContain('TypeScript 실무 경험이 있으신 분');
  });

  it('a note with no labels at all: list items holding qualification lists are unlabeled postings', () => {
    const { postings } = doc('unlabeled-list');
    expect(postings.map((p) => [p.company, p.required.length, p.preferred, p.unlabeled])).toEqual([
      ['바다소리', 3, [], true],
      ['들꽃랩', 2, ['테스트 코드 작성 경험'], true],
    ]);
  });

  it('unclosed <h4>, <hr>, <details> with <ul><li>, a table of postings with <br> and a table in a list item', () => {
    const parsed = doc('html-tables');
    expect(parsed.postings.map(shape)).toEqual([
      {
        company: '노을스튜디오',
        title: '게임 서버 개발자',
        required: ['C# 서버 개발 경험', '소켓 프로그래밍 이해'],
        preferred: ['게임 출시 경험'],
      },
      { company: '파랑새시스템', required: ['Java 개발 경험', 'Linux 이해'], preferred: ['AWS 경험'] },
      { company: '참새소프트', required: ['Go 개발 경험', 'gRPC 사용 경험'], preferred: ['Kafka 경험'] },
      {
        company: '한결정보',
        required: ['Python 개발 경험', 'Django 사용 경험'],
        preferred: ['검색 엔진 운영 경험'],
      },
    ]);
    expect(parsed.skipped).toEqual([]);
  });

  it('one entry holding two positions, each with its own part of every section', () => {
    expect(doc('positions-in-sections').postings.map(shape)).toEqual([
      {
        company: '별무리페이(추천팀)',
        title: '서버 엔지니어',
        required: ['Java, Kotlin 개발 경력 3년 이상', '대용량 트래픽 서비스 운영 경험'],
        preferred: ['추천 시스템 개발 경험'],
      },
      {
        company: '별무리페이(추천팀)',
        title: '데이터 엔지니어',
        required: ['Spark, Airflow 사용 경험', 'SQL 작성 능력'],
        preferred: ['실시간 스트리밍 처리 경험'],
      },
      {
        company: '도토리소프트',
        title: '웹 개발자',
        required: ['PHP 또는 Node.js 개발 경험'],
        preferred: ['커머스 도메인 경험'],
      },
    ]);
  });

  it('headings written as key-value lines, and bold numbered lines with plain-line labels and glyph bullets', () => {
    const { postings } = doc('keyed-headings');
    expect(postings.map(shape)).toEqual([
      {
        company: 'Maple Mobile',
        title: 'Android Developer',
        url: 'https://maple.example/careers/android',
        required: ['3+ years building Android apps with Kotlin', 'Jetpack Compose'],
        preferred: ['Published an app on Google Play'],
      },
      { company: '새벽모바일', title: '안드로이드 개발자', required: ['Kotlin, Android SDK'], preferred: [] },
      {
        company: '들꽃소프트',
        title: '서버 개발자',
        url: 'https://www.wanted.co.kr/wd/70001',
        required: ['Java 또는 Kotlin 기반 웹 서비스 개발 경험'],
        preferred: ['테스트 코드 작성에 익숙하신 분'],
      },
      { company: '솔잎페이', title: '백엔드 엔지니어', required: ['REST API 설계 경험'], preferred: [] },
    ]);
    expect(roles(postings).slice(2)).toEqual(['backend', 'backend']);
  });

  it('a template heading never filled in (`Number. 직무 명`) names no company', () => {
    const text = '## 1. 들꽃소프트\n\n- 자격요건\n  - Go\n\n## Number. 직무 명\n\n- 자격요건\n  - Rust\n';
    const { postings } = parseResearchDocument(text);
    expect(postings.map((p) => [p.company, p.companyFound, p.required])).toEqual([
      ['들꽃소프트', true, ['Go']],
      [UNKNOWN_COMPANY, false, ['Rust']],
    ]);
  });

  it('an address in brackets after the name leaves no empty brackets behind', () => {
    const text = '1. 구름다리 (https://www.wanted.co.kr/wd/66601)\n   - 자격 요건\n     - JPA 사용 경험\n';
    const [posting] = parseResearchDocument(text).postings;
    expect([posting?.company, posting?.url]).toEqual(['구름다리', 'https://www.wanted.co.kr/wd/66601']);
  });

  it('several keys on one line (회사: … / 직무: … / 링크: …) name one posting', () => {
    const text = [
      '- 회사: 바람소프트 / 직무: iOS 개발자 / 링크: https://www.wanted.co.kr/wd/88801',
      '  - 필수: Swift 3년 이상, UIKit',
      '  - 우대: SwiftUI',
      '',
      '- 회사: 파도랩 | 직무: 안드로이드 개발자',
      '  - 필수: Kotlin',
    ].join('\n');
    const { postings } = parseResearchDocument(text);
    expect(postings.map((p) => [p.company, p.title, p.url, p.required.length, p.preferred.length])).toEqual([
      ['바람소프트', 'iOS 개발자', 'https://www.wanted.co.kr/wd/88801', 2, 1],
      ['파도랩', '안드로이드 개발자', undefined, 1, 0],
    ]);
  });

  it('a two-column table of an entry gives its position and link as well as its sections', () => {
    const text = [
      '## 별하늘 소프트',
      '',
      '| 항목 | 내용 |',
      '|---|---|',
      '| 직무 | 백엔드 개발자 |',
      '| 자격요건 | Java 경험<br>RDBMS 이해 |',
      '| 우대사항 | AWS 경험 |',
      '| 링크 | https://www.wanted.co.kr/wd/12121 |',
      '',
      '## 달빛 게임즈',
      '',
      '| 항목 | 내용 |',
      '|---|---|',
      '| 자격요건 | Unity 경험 |',
    ].join('\n');
    expect(parseResearchDocument(text).postings.map(shape)).toEqual([
      {
        company: '별하늘 소프트',
        title: '백엔드 개발자',
        url: 'https://www.wanted.co.kr/wd/12121',
        required: ['Java 경험', 'RDBMS 이해'],
        preferred: ['AWS 경험'],
      },
      { company: '달빛 게임즈', required: ['Unity 경험'], preferred: [] },
    ]);
  });
});
