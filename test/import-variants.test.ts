import { describe, expect, it } from 'vitest';
import { UserError } from '../src/services/errors';
import {
  classifyLabel,
  formatImportReport,
  type ParsedDocument,
  parseResearchDocument,
  planImport,
  UNKNOWN_COMPANY,
} from '../src/services/import';
import { rewriteDetails } from '../src/services/import/details';
import { isGenericLinkText, splitEntryName } from '../src/services/import/entry';
import { entryKey } from '../src/services/import/keyvalue';
import { inlineItems } from '../src/services/import/markdown';
import { isReferenceHeading, isSummaryHeading } from '../src/services/labels';
import { emptyServer, importFixture, megabyte, postingShape } from './support/import';

/** Shapes of research notes the genre has beyond the ones test/import.test.ts covers. */

const deps = emptyServer;
const fixture = importFixture;

const shape = postingShape;
const shapes = (doc: ParsedDocument) => doc.postings.map(shape);
const roleIds = async (doc: ParsedDocument) => (await planImport(doc, deps)).postings.map((p) => p.roleId);

/** No item holds words of a section that is not 자격요건/우대사항 (업무, 스택, 복지, 절차 …). */
function expectNoLeaks(doc: ParsedDocument, words: readonly string[]) {
  const items = doc.postings.flatMap((p) => [...p.required, ...p.preferred]);
  for (const word of words)
    expect(
      items.filter((item) => item.includes(word)),
      word,
    ).toEqual([]);
}

describe('tables', () => {
  const doc = parseResearchDocument(fixture('tables.md'));

  it('reads a posting per row of a | 회사 | 자격요건 | 우대사항 | table, with <br> items', () => {
    expect(shapes(doc).slice(0, 3)).toEqual([
      {
        company: '가온데이터',
        title: '백엔드 개발자',
        url: 'https://www.wanted.co.kr/wd/98101',
        required: ['Java 또는 Kotlin 개발 경험 2년 이상', 'Spring Boot 기반 API 설계 경험'],
        preferred: ['Kafka 운영 경험', '대용량 배치 처리 경험'],
      },
      {
        company: '나래시스템',
        title: '서버 개발자',
        required: ['Python 개발 경험', 'Linux 환경에 대한 이해'],
        preferred: ['AWS 사용 경험'],
      },
      { company: '다래컴퍼니', title: '백엔드 엔지니어', required: ['Node.js', 'TypeScript'], preferred: [] },
    ]);
    expect(doc.skipped).toEqual([{ company: '링크만있음', line: 12, reason: 'empty-sections' }]);
  });

  it('reads a table per company with a row per label, a company per column, or an empty corner', () => {
    expect(shapes(doc).slice(3)).toEqual([
      {
        company: '라온소프트',
        url: 'https://career.programmers.co.kr/job_positions/98104',
        required: ['Go 언어 실무 경험', 'gRPC 서비스 개발 경험', 'RDBMS 설계 경험'],
        preferred: ['쿠버네티스 운영 경험'],
      },
      {
        company: '마루테크',
        title: '백엔드 개발자',
        required: ['Java 8 이상 사용 경험', 'JPA 사용 경험'],
        preferred: ['테스트 주도 개발 경험'],
      },
      {
        company: '바다솔',
        url: 'https://www.jumpit.co.kr/position/98106',
        required: ['Elasticsearch 사용 경험', 'Java 개발 경험'],
        preferred: ['검색 랭킹 개선 경험'],
      },
      {
        company: '새온랩',
        required: ['Python 개발 경험'],
        preferred: ['추천 시스템 논문 구현 경험', 'A/B 테스트 경험'],
      },
      { company: '해솔정보', required: ['Java 개발 경험'], preferred: ['Kafka 사용 경험'] },
      { company: '미리내시스템', required: ['Go 개발 경험', 'gRPC 사용 경험'], preferred: [] },
    ]);
  });

  it('keeps every row of a table larger than one parse piece', () => {
    const cells = (i: number) =>
      `${'Spring 기반 서버 개발 경험이 있으신 분 '.repeat(10)}${i}<br>테스트 코드 ${i}`;
    const rows = Array.from({ length: 60 }, (_, i) => `| 회사${i} | 서버 개발자 | ${cells(i)} | 우대 ${i} |`);
    const text = `직무: 백엔드\n\n| 회사 | 포지션 | 자격요건 | 우대사항 |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(15_000);
    const big = parseResearchDocument(text);
    expect(big.postings.map((p) => p.company)).toEqual(rows.map((_, i) => `회사${i}`));
    expect(big.postings.map((p) => p.line)).toEqual(rows.map((_, i) => i + 5));
    expect(big.postings[59]).toMatchObject({ title: '서버 개발자', preferred: ['우대 59'] });
    expect(big.postings[59]?.required[1]).toBe('테스트 코드 59');
  });

  it('keeps 주요업무, 기술스택, 복지 and 채용 절차 columns and rows out', async () => {
    expectNoLeaks(doc, [
      '정산 API',
      '유지보수',
      '커머스 주문',
      'Redis',
      '재택',
      '서류',
      '검색 서버',
      '추천 서버',
    ]);
    expect(doc.warnings).toEqual([]);
    expect(await roleIds(doc)).toEqual(Array(9).fill('backend'));
  });
});

describe('postings pasted from Wanted, Programmers and Jumpit', () => {
  const doc = parseResearchDocument(fixture('pasted-postings.md'));

  it('reads plain, bold, ### and [bracketed] labels with •, -, ㆍ or no bullets', () => {
    expect(shapes(doc)).toEqual([
      {
        company: '별하늘페이',
        title: '서버 개발자 (결제)',
        required: [
          'Java, Spring 기반 서버 개발 경력 2년 이상',
          '트랜잭션과 동시성에 대한 이해 (분산 락을 다뤄 본 경험이 있으면 좋습니다)',
        ],
        preferred: ['결제 또는 금융 도메인 경험', 'Redis 클러스터 운영 경험'],
      },
      {
        company: '은빛로지스',
        required: ['Python 3 개발 경험', 'Django 또는 FastAPI 실무 경험'],
        preferred: ['메시지 큐 사용 경험'],
      },
      {
        company: '푸른숲게임즈',
        title: '게임 서버 개발자',
        required: ['C# 또는 C++ 서버 개발 경험', 'TCP/IP 소켓 프로그래밍 이해', '멀티스레드 프로그래밍 경험'],
        preferred: ['게임 출시 경험', 'AWS GameLift 사용 경험'],
      },
      {
        company: '초록별헬스',
        required: ['Spring Boot 개발 경험 3년 이상', 'JPA 사용 경험'],
        preferred: ['헬스케어 도메인 경험'],
      },
      {
        company: '한결모빌리티',
        required: ['Kotlin 또는 Java 실무 경험', '비동기 프로그래밍 이해'],
        preferred: ['MSA 환경 운영 경험'],
      },
    ]);
  });

  it('leaves 포지션 상세, 주요업무, 기술 스택, 복지, 채용 전형 and 마감 text out', async () => {
    expectNoLeaks(doc, [
      '간편결제',
      '결제 승인',
      '정산 배치',
      '식대',
      '장비',
      '서류',
      'Spring Boot MySQL',
      '물류 추적',
      '출퇴근',
      '대전 서버',
      '카페',
      '예약 서비스',
      '검진 비용',
      '관제',
      'WebFlux',
      '유연 근무',
      '개별 안내',
      '서울',
    ]);
    expect(await roleIds(doc)).toEqual(Array(5).fill('backend'));
  });
});

describe('entry headings', () => {
  const doc = parseResearchDocument(fixture('heading-shapes.md'));

  it('splits company and position: `1) 회사 - 포지션`, `회사 (포지션)`, `📌 회사`, `**회사** | 포지션 | [링크]`', () => {
    expect(doc.postings.map((p) => [p.company, p.title ?? null, p.url ?? null])).toEqual([
      ['은하수게임즈', null, null],
      ['햇살랩', '백엔드 개발자', null],
      ['달무리소프트', '서버 개발자', null],
      ['물방울커머스', null, null],
      ['구슬모아', '백엔드 엔지니어', 'https://www.jumpit.co.kr/position/98204'],
      ['새털컴퍼니', '서버 개발자', 'https://www.wanted.co.kr/wd/98205'],
      ['꽃담', null, null],
      ['파란달', '프론트엔드 개발자 (React)', null],
    ]);
    expect(doc.postings.map((p) => [p.required.length, p.preferred.length])).toEqual([
      [1, 0],
      [2, 1],
      [1, 1],
      [1, 1],
      [2, 1],
      [1, 1],
      [1, 1],
      [2, 0],
    ]);
    expect(doc.postings[4]?.required).toEqual(['Python 개발 경험 2년 이상', '테스트 코드 작성 습관']);
  });

  it('takes the role from the ## 백엔드 / ## 프론트엔드 section or the entry’s 직무 line', async () => {
    expect(await roleIds(doc)).toEqual([
      'game-client',
      'backend',
      'backend',
      'backend',
      'backend',
      'backend',
      'frontend',
      'frontend',
    ]);
  });

  it('the dry run names each posting as company — position', async () => {
    const report = formatImportReport(await planImport(doc, deps));
    expect(report).toContain('- 햇살랩 — 백엔드 개발자 · 백엔드 · 자격요건 2 · 우대사항 1');
    expect(report).toContain('- 구슬모아 — 백엔드 엔지니어 · 백엔드 · 자격요건 2 · 우대사항 1');
    expect(report).toContain('- 꽃담 · 프론트엔드 · 자격요건 1 · 우대사항 1');
    expect(report).not.toContain('링크');
    expect(report).not.toContain(UNKNOWN_COMPANY);
  });

  it('splits entry names in the common shapes and leaves names alone', () => {
    expect(splitEntryName('햇살랩 - 백엔드 개발자')).toEqual({ company: '햇살랩', title: '백엔드 개발자' });
    expect(splitEntryName('백엔드 개발자 - 햇살랩')).toEqual({ company: '햇살랩', title: '백엔드 개발자' });
    expect(splitEntryName('구슬모아 | 백엔드 | 링크')).toEqual({ company: '구슬모아', title: '백엔드' });
    expect(splitEntryName('토스 / 서버 개발자')).toEqual({ company: '토스', title: '서버 개발자' });
    expect(splitEntryName('Backend Engineer at Bluefin')).toEqual({
      company: 'Bluefin',
      title: 'Backend Engineer',
    });
    expect(splitEntryName('새벽 — 플랫폼 — 인프라')).toEqual({ company: '새벽', title: '플랫폼 — 인프라' });
    expect(splitEntryName('바다랩스 (바다앱)')).toEqual({ company: '바다랩스 (바다앱)' });
    expect(splitEntryName('엔에이치엔 (NHN)')).toEqual({ company: '엔에이치엔 (NHN)' });
    expect(splitEntryName('A|B 테스트')).toEqual({ company: 'A|B 테스트' });
    expect(isGenericLinkText('공고 보기')).toBe(true);
    expect(isGenericLinkText('원티드')).toBe(false);
  });
});

describe('label wordings', () => {
  const doc = parseResearchDocument(fixture('label-variants.md'));

  it('reads items after the colon, split at commas only when the parts are short', () => {
    expect(shapes(doc).slice(0, 2)).toEqual([
      { company: '가람테크', required: ['Python', 'Django 경험'], preferred: ['Docker 사용 경험'] },
      {
        company: '나눔솔루션',
        required: ['Java 개발 경험 3년 이상', 'Spring Boot 이해'],
        preferred: ['AWS 경험'],
      },
    ]);
    expect(inlineItems('Java, Kotlin 등 JVM 언어 경험')).toEqual(['Java, Kotlin 등 JVM 언어 경험']);
    expect(inlineItems('Python, Go 중 하나 이상')).toEqual(['Python, Go 중 하나 이상']);
    expect(inlineItems('언어(Java, Kotlin) 경험, Git')).toEqual(['언어(Java, Kotlin) 경험', 'Git']);
    expect(inlineItems('정보처리기사 자격증')).toEqual(['정보처리기사 자격증']);
  });

  it('reads 필수, 필수 사항, 필요 역량, 지원 자격, Wanted’s sentences, English labels and `라벨 - 항목`', () => {
    expect(shapes(doc).slice(2)).toEqual([
      {
        company: '다솜로보틱스',
        required: ['C++ 개발 경험', 'ROS 사용 경험'],
        preferred: ['SLAM 알고리즘 이해'],
      },
      {
        company: '라임페이',
        required: ['결제 도메인 이해', '원활한 커뮤니케이션 능력'],
        preferred: ['PG 연동 경험'],
      },
      {
        company: '마중물',
        required: ['컴퓨터공학 전공 또는 이에 준하는 지식', 'Git 사용 경험'],
        preferred: ['오픈소스 기여 경험'],
      },
      {
        company: '바람결',
        required: ['TypeScript, NestJS로 서버를 만들어 본 분', '코드 리뷰를 즐기는 분'],
        preferred: ['GraphQL 서버 운영 경험이 있는 분'],
      },
      {
        company: 'Starlight Labs',
        required: ['2+ years of backend development', 'Good knowledge of SQL'],
        preferred: ['Experience with Terraform', 'Rust', 'Conference talks'],
      },
      { company: '사과나무', required: ['Kotlin 개발 경험'], preferred: ['Spring Batch 경험'] },
    ]);
    expectNoLeaks(doc, ['주문 API', 'PostgreSQL', '메신저', '도서']);
  });

  it.each([
    ['**필수**', 'required'],
    ['자격 요건 :', 'required'],
    ['필요 역량', 'required'],
    ['지원 자격', 'required'],
    ['이런 분을 찾아요', 'required'],
    ['이런 분과 함께하고 싶어요', 'required'],
    ['이런 분이면 더 좋아요', 'preferred'],
    ['이런 경험이 있다면 더 좋아요', 'preferred'],
    ['이런 일을 해요', 'other'],
    ['이런 혜택이 있어요', 'other'],
    ['자격요건 (필수)', 'required'],
    ['우대사항 [선택]', 'preferred'],
    ['Requirements:', 'required'],
    ["What we're looking for", 'required'],
    ['Minimum qualifications', 'required'],
    ['Preferred Qualifications:', 'preferred'],
    ['Nice to have:', 'preferred'],
    ['Bonus points', 'preferred'],
    ['Bonus points if you have:', 'preferred'],
    ["It's a plus", 'preferred'],
    ['plus', 'preferred'],
    ['우대 요건', 'preferred'],
    ['우대조건', 'preferred'],
    ['기술스택 ・ 툴', 'other'],
    ['혜택 및 복지', 'other'],
    ['채용 전형', 'other'],
    ['포지션 상세', 'other'],
    ['About the role', 'other'],
    ['Hiring process', 'other'],
  ])('%s is a %s label', (text, kind) => {
    expect(classifyLabel(text)?.kind).toBe(kind);
  });

  it.each([
    'Python (Django, Flask)',
    '학력 : 대졸이상',
    '경력: 3년 이상',
    '기술 (Java, Spring)',
    'You have shipped a product',
    '이런 분이면 좋겠어요.',
  ])('%j is not a section label', (text) => {
    const label = classifyLabel(text);
    expect(label === undefined || label.kind === 'required' || label.kind === 'preferred').toBe(true);
    if (label) expect(label.rest).toBeDefined();
  });
});

describe('folded, quoted and checkbox content', () => {
  const doc = parseResearchDocument(fixture('blocks.md'));

  it('reads <details><summary>회사</summary>, quotes, - [ ] items and 1) (1) ① numbering', async () => {
    expect(shapes(doc)).toEqual([
      {
        company: '구름빛소프트',
        required: ['Python 3년 이상', 'Flask 사용 경험'],
        preferred: ['Celery 사용 경험'],
      },
      {
        company: '노을항공',
        title: '서버 개발자',
        required: ['Java 개발 경험', 'Oracle DB 사용 경험'],
        preferred: ['항공 도메인 이해', '영어 회화 가능'],
      },
      {
        company: '단비에듀',
        required: ['Node.js 서버 개발 경험', 'MongoDB 사용 경험'],
        preferred: ['교육 도메인에 대한 관심'],
      },
      {
        company: '모래시계',
        required: ['Go 개발 경험', 'Docker 사용 경험'],
        preferred: ['오픈소스 기여 경험'],
      },
      { company: '바닷길', required: ['C# 개발 경험'], preferred: ['물류 도메인 경험'] },
      { company: '해달식품', required: ['SQL 활용 능력', 'Spring 개발 경험'], preferred: ['Airflow 경험'] },
      { company: '하늘다리', required: ['React 개발 경험'], preferred: ['웹 성능 최적화 경험'] },
    ]);
    expectNoLeaks(doc, ['유통', '[ ]', '[x]', '프론트엔드 공고']);
    expect(await roleIds(doc)).toEqual([...Array(6).fill('backend'), 'frontend']);
  });

  it('folds <details> into headings without moving any line', () => {
    const text = fixture('blocks.md').toString('utf8');
    const { text: folded, marks } = rewriteDetails(text);
    expect(folded.split('\n')).toHaveLength(text.split('\n').length);
    expect(folded.split('\n')[5]).toBe('###### 구름빛소프트');
    expect(folded.split('\n')[15]).toBe('###### **노을항공** - 서버 개발자');
    expect(folded).not.toMatch(/<\/?(?:details|summary)/);
    expect(marks.summaries.get(75)).toBe(2);
    expect(marks.closes).toHaveLength(marks.summaries.size);
    const code = '```\n<details><summary>x</summary>\n```\n';
    expect(rewriteDetails(code).text).toBe(code);
  });
});

describe('key-value cards between --- rules', () => {
  const doc = parseResearchDocument(fixture('key-value.md'));

  it('reads 회사:, 포지션:, 링크: and 직무: lines, as lines, list items, bold keys or a setext heading', async () => {
    expect(shapes(doc)).toEqual([
      {
        company: '새봄물산',
        title: '백엔드 개발자',
        url: 'https://www.wanted.co.kr/wd/98601',
        required: ['Java 개발 경험 2년 이상', 'SQL 작성 능력'],
        preferred: ['물류 도메인 경험'],
      },
      {
        company: '여름정원',
        title: '서버 엔지니어',
        url: 'https://career.programmers.co.kr/job_positions/98602',
        required: ['Python', 'FastAPI'],
        preferred: ['Redis 사용 경험'],
      },
      {
        company: '가을들판',
        title: '프론트엔드 개발자',
        url: 'https://www.jumpit.co.kr/position/98603',
        required: ['Vue 또는 React 개발 경험'],
        preferred: ['디자인 협업 경험'],
      },
      {
        company: '겨울나무',
        title: '데이터 엔지니어',
        required: ['Spark 사용 경험'],
        preferred: ['Airflow 운영 경험'],
      },
    ]);
    expect(doc.postings[0]?.roleCandidates[0]).toBe('백엔드');
    expectNoLeaks(doc, ['예약 시스템', 'https://']);
    expect(await roleIds(doc)).toEqual(['backend', 'backend', 'frontend', 'data-engineer']);
    expect(doc.skipped).toEqual([]);
  });

  it('names the keys of a card', () => {
    expect(entryKey('회사: 새봄물산')).toEqual({ key: 'company', value: '새봄물산' });
    expect(entryKey('**링크** : https://example.com')).toEqual({ key: 'url', value: 'https://example.com' });
    expect(entryKey('포지션명: 서버')).toEqual({ key: 'title', value: '서버' });
    expect(entryKey('자격요건: Python')).toBeUndefined();
  });

  it('reports a card without sections as an entry that is not a posting', () => {
    const card = parseResearchDocument('회사: 빈카드\n링크: https://example.com/jobs/1\n');
    expect(card.postings).toEqual([]);
    expect(card.skipped).toEqual([
      { company: '빈카드', url: 'https://example.com/jobs/1', line: 1, reason: 'no-sections' },
    ]);
  });
});

describe('a document in English only', () => {
  const doc = parseResearchDocument(fixture('english-only.md'));

  it('reads `Company — Position`, `Position at Company` and `Company (Position)` with English sections', async () => {
    expect(shapes(doc)).toEqual([
      {
        company: 'Northwind Robotics',
        title: 'Backend Engineer',
        url: 'https://jobs.example.com/northwind/backend-engineer',
        required: [
          '3+ years of experience with Go or Java',
          'Solid understanding of relational databases',
          'Comfortable working in Linux',
        ],
        preferred: ['Experience with Kubernetes', 'Familiarity with ROS'],
      },
      {
        company: 'Bluefin Analytics',
        title: 'Backend Engineer',
        required: ['Python and SQL', 'Experience with Airflow'],
        preferred: ['dbt'],
      },
      {
        company: 'Quartz Health',
        title: 'Senior Backend Developer',
        required: ['Java or Kotlin in production'],
        preferred: ['Healthcare data standards such as FHIR'],
      },
    ]);
    expectNoLeaks(doc, ['warehouse', 'REST and gRPC', 'deployment', 'Remote', 'data APIs', 'take-home']);
    expect(doc.authorSummary).toMatch(/^## Summary\n/);
    expect(await roleIds(doc)).toEqual(['backend', 'backend', 'backend']);
    expect(formatImportReport(await planImport(doc, deps), { locale: 'en' })).toMatch(
      /^Found 3 postings\.\n- Northwind Robotics — Backend Engineer · Backend · 3 required · 2 preferred/,
    );
  });
});

describe('the author’s own summary and references', () => {
  const doc = parseResearchDocument(fixture('summaries.md'));

  it('keeps summary sections first or last as the summary, and ignores 참고 / 출처 link lists', async () => {
    expect(shapes(doc)).toEqual([
      { company: '하람소프트', required: ['Spring Boot 개발 경험'], preferred: ['AWS 사용 경험'] },
      {
        company: '미르게임즈',
        required: ['C++ 서버 개발 경험', '네트워크 프로그래밍 이해'],
        preferred: ['게임 서버 운영 경험'],
      },
    ]);
    expect(doc.skipped).toEqual([]);
    for (const heading of ['## 공통 요구사항', '## 총평', '## 분석 결과', '## 느낀 점', '## 결론', '## 정리'])
      expect(doc.authorSummary).toContain(heading);
    expect(doc.authorSummary).not.toContain('참고');
    expect(doc.authorSummary).not.toContain('하람소프트');
    expect(await roleIds(doc)).toEqual(['backend', 'backend']);
    const report = formatImportReport(await planImport(doc, deps));
    expect(report).toBe(
      [
        '공고 2개를 찾았습니다.',
        '- 하람소프트 · 백엔드 · 자격요건 1 · 우대사항 1',
        '- 미르게임즈 · 백엔드 · 자격요건 2 · 우대사항 1',
        '',
        '작성자 요약이 함께 저장됩니다.',
      ].join('\n'),
    );
  });

  it('recognises summary and reference headings', () => {
    for (const text of [
      '공통 요구사항',
      '정리',
      '느낀 점',
      '총평',
      '결론',
      '분석 결과',
      '마치며',
      'Takeaways',
    ])
      expect(isSummaryHeading(text), text).toBe(true);
    for (const text of ['참고', '출처', '📚 참고 자료', 'References', 'Sources:'])
      expect(isReferenceHeading(text)).toBe(true);
    for (const text of ['참고사항 정리', '출처 없는 회사', '하늘소프트'])
      expect(isReferenceHeading(text)).toBe(false);
  });

  it('a summary paragraph after the last entry ends its section', () => {
    const text = '## 하람소프트\n\n자격요건\n- Go\n- Rust\n\n**총평**\n\n- 다들 Go 를 원한다\n';
    const parsed = parseResearchDocument(text);
    expect(parsed.postings.map(shape)).toEqual([
      { company: '하람소프트', required: ['Go', 'Rust'], preferred: [] },
    ]);
  });
});

describe('company lines without headings', () => {
  const doc = parseResearchDocument(fixture('plain-company-lines.md'));

  it('reads **회사** and `1. 회사` lines, flat lists of company and label items, and split ## 회사 자격요건 / 우대사항', async () => {
    expect(shapes(doc)).toEqual([
      { company: '가나소프트', required: ['Java 개발 경험 2년 이상'], preferred: ['Kafka 운영 경험'] },
      { company: '다라테크', required: ['Go 언어 실무 경험'], preferred: [] },
      { company: '마바랩', required: ['Rust 개발 경험'], preferred: ['WebAssembly 사용 경험'] },
      { company: '사아시스템', required: ['C++ 개발 경험'], preferred: [] },
      { company: '자차컴퍼니', required: ['React 개발 경험'], preferred: ['Next.js 사용 경험'] },
      {
        company: '카타웍스',
        url: 'https://www.wanted.co.kr/wd/98901',
        required: ['Vue 개발 경험'],
        preferred: [],
      },
      { company: '토스트랩', required: ['웹 표준에 대한 이해'], preferred: ['스토리북 사용 경험'] },
      {
        company: '파하데이터',
        required: ['TypeScript 능숙', '상태 관리 라이브러리 경험'],
        preferred: ['시각화 라이브러리 경험'],
      },
    ]);
    expect(doc.warnings).toEqual([]);
    expectNoLeaks(doc, ['결재']);
    expect(await roleIds(doc)).toEqual([...Array(4).fill('backend'), ...Array(4).fill('frontend')]);
  });

  it('a bold line inside an entry is not another company', () => {
    const text = '## 하늘소프트\n\n**백엔드 개발자**\n\n자격요건\n- Go 경험\n\n우대사항\n- Rust 경험\n';
    expect(parseResearchDocument(text).postings.map(shape)).toEqual([
      { company: '하늘소프트', title: '백엔드 개발자', required: ['Go 경험'], preferred: ['Rust 경험'] },
    ]);
  });
});

describe('near misses: what looks like a new shape but is not', () => {
  it('keeps items that read like labels, entries or headings as items', () => {
    const text = [
      '## 인사이트랩',
      '',
      '<details><summary>펼치기</summary>',
      '',
      '자격요건',
      '- 함께 성장할 분',
      '- 이런 일을 즐기는 분',
      '',
      '**Spring** - 서버 개발자 경험',
      '',
      '우대사항',
      '- 팀원과 함께하고 싶은 분',
      '',
      '</details>',
    ].join('\n');
    expect(parseResearchDocument(text).postings.map(shape)).toEqual([
      {
        company: '인사이트랩',
        required: ['함께 성장할 분', '이런 일을 즐기는 분', 'Spring - 서버 개발자 경험'],
        preferred: ['팀원과 함께하고 싶은 분'],
      },
    ]);
  });

  it('a table per role under 정리 stays the author’s summary', () => {
    const text = [
      '## 하람소프트',
      '- 자격요건',
      '  - Go',
      '',
      '## 정리',
      '',
      '| 구분 | 백엔드 | 프론트엔드 |',
      '| --- | --- | --- |',
      '| 자격요건 | Java | React |',
    ].join('\n');
    const parsed = parseResearchDocument(text);
    expect(parsed.postings.map((p) => p.company)).toEqual(['하람소프트']);
    expect(parsed.authorSummary).toMatch(/^## 정리\n\n\| 구분 \| 백엔드/);
  });

  it('a list of links under ## 링크 is still reported as links without postings', () => {
    const parsed = parseResearchDocument('## 링크\n\n- [하늘소프트](https://example.com/a)\n');
    expect(parsed.skipped).toMatchObject([{ company: '하늘소프트', reason: 'no-sections' }]);
  });
});

describe('hostile files in the new shapes', () => {
  it.each([
    ['table rows', megabyte((i) => `| 회사${i} | 파이썬 ${i}<br>장고 | 도커 |\n`)],
    ['a table cell of <br>', `| 자격요건 | 우대사항 |\n| --- | --- |\n| ${'a<br>'.repeat(200_000)} | b |\n`],
    ['pipes', megabyte(() => `${'|'.repeat(200)}\n`)],
    ['details', megabyte((i) => `<details><summary>회사${i}</summary>\n\n- 자격요건\n  - 파이썬\n`)],
    ['unclosed details', megabyte(() => '<details><summary>\n')],
    ['closing tags', megabyte(() => '</details>\n')],
    ['cards', megabyte((i) => `회사: 회사${i}\n포지션: 백엔드\n자격요건: 파이썬, 장고\n\n---\n\n`)],
    [
      'bold | lines',
      megabyte((i) => `**회사${i}** | 백엔드 개발자 | [링크](https://e.com/${i})\n\n자격요건\n- 파이썬\n\n`),
    ],
    ['bold lines', megabyte((i) => `**회사${i}**\n\n자격요건\n- 파이썬 ${i}\n\n`)],
    ['flat lists', megabyte((i) => `- 회사${i}\n- 자격요건\n  - 파이썬 ${i}\n`)],
    ['lazy labels', `## 회사\n- 시작\n${'자격요건\n'.repeat(9000)}`],
    ['quotes', megabyte(() => `${'> '.repeat(50)}자격요건\n`)],
    ['entry headings', megabyte((i) => `### 회사${i} - 백엔드 개발자 (서버)\n`)],
    ['a long label line', `## 회사\n자격요건: ${'Python, '.repeat(120_000)}`],
    ['sentence labels', megabyte((i) => `이런 분을 찾아요 ${i}\n`)],
  ])('%s: fast, and an answer or a too-large error', (_, text) => {
    const start = performance.now();
    let code: string | undefined;
    try {
      parseResearchDocument(text);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      code = error.code;
    }
    expect(performance.now() - start).toBeLessThan(2000);
    expect(code === undefined || code === 'import.too-large').toBe(true);
  });
});
