import { describe, expect, it } from 'vitest';
import { UserError } from '../src/services/errors';
import {
  classifyLabel,
  editDistance,
  formatImportReport,
  type ParsedDocument,
  type ParsedPosting,
  parseResearchDocument,
  planImport,
  storableInputs,
  UNKNOWN_COMPANY,
} from '../src/services/import';
import { parseRoleLine, roleFromHeading } from '../src/services/import/role';
import { decoratedLabel, isSummaryHeading } from '../src/services/labels';
import { canonicalUrl } from '../src/services/postings/url';
import { emptyServer, importFixture, importRoles, megabyte, resolveRole } from './support/import';

const fixture = importFixture;

const companies = (doc: ParsedDocument) => doc.postings.map((p) => p.company);
const counts = (doc: ParsedDocument) => doc.postings.map((p) => [p.required.length, p.preferred.length]);
const byCompany = (doc: ParsedDocument, company: string): ParsedPosting => {
  const found = doc.postings.find((p) => p.company === company);
  if (!found) throw new Error(`no posting for ${company} in ${companies(doc).join(', ')}`);
  return found;
};
const roleIds = async (doc: ParsedDocument) =>
  (await planImport(doc, emptyServer)).postings.map((p) => p.roleId);

function userErrorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error.code;
    throw error;
  }
  return undefined;
}

describe('section labels', () => {
  it.each([
    ['자격요건', 'required'],
    ['자격 요건', 'required'],
    ['자격 조건', 'required'],
    ['자격조건', 'required'],
    ['지원 자격', 'required'],
    ['지원자격', 'required'],
    ['요구사항', 'required'],
    ['필수 요건', 'required'],
    ['[자격요건]', 'required'],
    ['**자격요건**', 'required'],
    ['자격요건:', 'required'],
    ['Basic Qualification', 'required'],
    ['**Basic Qualification**', 'required'],
    ['Requirements', 'required'],
    ['Required Skills', 'required'],
    ['Required Qualifications:', 'required'],
    ['✅ 지원 자격', 'required'],
    ['우대사항', 'preferred'],
    ['우대 사항', 'preferred'],
    ['우대 조건', 'preferred'],
    ['부가요건', 'preferred'],
    ['[우대사항]', 'preferred'],
    ['***Preferred Qualification***', 'preferred'],
    ['Preferred Qualifications', 'preferred'],
    ['Preferred Skills', 'preferred'],
    ['Nice to have', 'preferred'],
    ['Nice-to-have:', 'preferred'],
    ['Pluses', 'preferred'],
    ['주요업무', 'other'],
    ['담당 업무', 'other'],
    ['기술 스택', 'other'],
    ['기술스택', 'other'],
    ['복지', 'other'],
    ['혜택', 'other'],
    ['회사 소개', 'other'],
    ["What You'll Do", 'other'],
  ])('%s is a %s label', (text, kind) => {
    expect(classifyLabel(text)?.kind).toBe(kind);
  });

  it.each([
    ['자격 조견', 'required'],
    ['자격 요견', 'required'],
    ['자격요긴', 'required'],
    ['우대사향', 'preferred'],
    ['Requirments', 'required'],
    ['Prefered Qualification', 'preferred'],
  ])('tolerates the typo %s', (text, kind) => {
    expect(classifyLabel(text)?.kind).toBe(kind);
  });

  it.each([
    'Python 3년 이상',
    '자격증 보유',
    '대졸 이상',
    'Spring Boot',
    '경력 무관',
    '자격요건을 모두 갖추지 않아도 지원하실 수 있습니다',
    '각 회사별 요구사항',
    '',
  ])('%j is not a label', (text) => {
    expect(classifyLabel(text)).toBeUndefined();
  });

  it('keeps the first item written after the label, and marks common labels', () => {
    expect(classifyLabel('자격요건: Python 3년 이상')).toEqual({ kind: 'required', rest: 'Python 3년 이상' });
    expect(classifyLabel('필수 요건 : 정보처리기사')).toMatchObject({
      kind: 'required',
      rest: '정보처리기사',
    });
    expect(classifyLabel('[공통자격요건]')).toEqual({ kind: 'required', common: true });
    expect(classifyLabel('공통 우대 사항')).toEqual({ kind: 'preferred', common: true });
  });

  it('reads a label with role words before it as decorated, not as a label', () => {
    expect(classifyLabel('Back - End 자격요건')).toBeUndefined();
    expect(decoratedLabel('Back - End 자격요건')).toMatchObject({ kind: 'required', prefix: 'Back - End' });
    expect(decoratedLabel('Backend Developer Requirements')).toMatchObject({ prefix: 'Backend Developer' });
  });

  it('measures edit distance and stops early past the limit', () => {
    expect(editDistance('자격조건', '자격조견')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abcdef', 'uvwxyz', 1)).toBe(2);
  });

  it('recognises summary headings', () => {
    for (const text of [
      'Review',
      '공통사항',
      '공통 자격 조건',
      '백엔드 자격요건 및 우대사항 정리',
      '총평',
      '공통점',
    ]) {
      expect(isSummaryHeading(text)).toBe(true);
    }
    for (const text of ['Reviewer 채용', '하늘소프트', 'Backend Python Developer']) {
      expect(isSummaryHeading(text)).toBe(false);
    }
  });
});

describe('role text', () => {
  it('reads the role a grouping heading names', () => {
    expect(roleFromHeading('Back-end 채용공고')).toBe('Back-end');
    expect(roleFromHeading('1. 서버/백엔드')).toBe('서버/백엔드');
    expect(roleFromHeading('Back - End 자격요건')).toBe('Back - End');
    expect(roleFromHeading('Job - Backend Developer')).toBe('Backend Developer');
    expect(roleFromHeading('**`프론트엔드`**')).toBe('프론트엔드');
    expect(roleFromHeading('직무: 데이터 분석 및 엔지니어링')).toBe('데이터 분석 및 엔지니어링');
    expect(roleFromHeading('관심 기업, 리서치한 기업 정보')).toBeUndefined();
    expect(roleFromHeading('원하는 직무 리스트업')).toBeUndefined();
  });

  it('reads 직무 lines', () => {
    expect(parseRoleLine('직무: 서버/백엔드, 프론트엔드')).toEqual(['서버/백엔드', '프론트엔드']);
    expect(parseRoleLine('희망 직무 : **`Back-end`**')).toEqual(['Back-end']);
    expect(parseRoleLine('포지션: 서버 개발자')).toEqual(['서버 개발자']);
    expect(parseRoleLine('기술 스택: Kotlin')).toBeUndefined();
  });
});

describe('parseResearchDocument: the genre', () => {
  it('linked list items with nested 자격 조건 / 우대 사항, a 희망 직무 line and a Review', async () => {
    const doc = parseResearchDocument(fixture('linked-items.md'));
    expect(companies(doc)).toEqual([
      '하늘소프트',
      '바다랩스 (바다앱)',
      '숲컴퍼니',
      '구름페이',
      '하늘소프트 (재공고)',
      '달빛커머스',
    ]);
    expect(counts(doc)).toEqual([
      [3, 2],
      [2, 3],
      [2, 1],
      [3, 1],
      [1, 1],
      [1, 1],
    ]);
    const sky = byCompany(doc, '하늘소프트');
    expect(sky.url).toBe('https://career.programmers.co.kr/job_positions/90001?by_theme=true');
    expect(sky.required).toEqual([
      '백엔드 개발 경력 2년 이상 또는 그에 준하는 실력',
      'REST API 설계 경험',
      'RDBMS 기반 데이터 모델링 경험',
    ]);
    expect(sky.preferred).toEqual(['Django REST framework 사용 경험', '테스트 코드 작성에 익숙하신 분']);
    expect(byCompany(doc, '숲컴퍼니').required[0]).toBe('Python 사용 경험 필수');
    expect(sky.roleCandidates).toEqual(['Back-end']);
    expect(doc.skipped).toEqual([
      {
        company: '별빛게임즈',
        url: 'https://career.programmers.co.kr/job_positions/90005',
        line: 53,
        reason: 'no-sections',
      },
    ]);
    expect(doc.authorSummary).toMatch(/^## Review\n\n- 공통 자격 조건\n {2}- `Python` and `Web Framework`/);
    expect(doc.authorSummary).toContain('- 공통 우대 사항');
    expect(doc.authorSummary).not.toContain('하늘소프트');
    expect(await roleIds(doc)).toEqual(['backend', 'backend', 'backend', 'backend', 'backend']);
  });

  it('numbered entries with a linked title, <br> between them and a nested sub-list', async () => {
    const doc = parseResearchDocument(fixture('numbered-entries.md'));
    expect(doc.postings.map((p) => [p.company, p.title, p.url])).toEqual([
      ['새벽게임즈', '웹 개발자', 'https://www.wanted.co.kr/wd/91001'],
      ['노을데이터', '데이터 엔지니어', 'https://career.programmers.co.kr/job_positions/91002'],
      ['아침플랫폼', '백엔드 개발자', 'https://career.programmers.co.kr/job_positions/91003'],
    ]);
    expect(counts(doc)).toEqual([
      [3, 2],
      [2, 2],
      [3, 1],
    ]);
    expect(doc.postings[0]?.preferred[0]).toBe(
      '아래 언어 중 하나 이상으로 개발한 경험이 있는 분: Java, Python, Go',
    );
    // The section heading names the role; the posting title is only a later candidate.
    expect(doc.postings[1]?.roleCandidates).toEqual(['Backend Python Developer', '데이터 엔지니어']);
    expect(await roleIds(doc)).toEqual(['backend', 'backend', 'backend']);
    expect(doc.authorSummary).toBeUndefined();
  });

  it('bold numbered lines, drifting indentation and the summary first', async () => {
    const doc = parseResearchDocument(fixture('bold-numbered.md'));
    expect(companies(doc)).toEqual(['단풍미디어', '은하커머스', '호수헬스케어']);
    expect(counts(doc)).toEqual([
      [3, 1],
      [2, 2],
      [2, 1],
    ]);
    expect(doc.postings.every((p) => p.url === undefined)).toBe(true);
    expect(doc.authorSummary).toMatch(/^### 공통사항/);
    expect(await roleIds(doc)).toEqual(['backend', 'backend', 'backend']);
  });

  it('English labels in bold and italics; benefits kept out; the English summary', async () => {
    const doc = parseResearchDocument(fixture('english-labels.md'));
    expect(companies(doc)).toEqual(['꿈나무테크', '파도시스템', '솔방울랩']);
    expect(byCompany(doc, '꿈나무테크').preferred).toEqual([
      '데이터베이스(RDBMS 또는 NoSQL)에 대한 깊은 이해',
      '컨테이너 기반 서비스 개발 및 운영 경험',
    ]);
    expect(byCompany(doc, '파도시스템')).toMatchObject({
      required: ['Go 또는 Rust 로 서버를 개발한 경험'],
      preferred: ['오픈소스 기여 경험', '영어 문서 작성 능력'],
    });
    expect(byCompany(doc, '솔방울랩')).toMatchObject({
      required: ['TypeScript 와 NestJS 경험'],
      preferred: ['GraphQL 사용 경험'],
    });
    expect(doc.authorSummary).toMatch(/^## Backend Developer Requirements/);
    expect(await roleIds(doc)).toEqual(['backend', 'backend', 'backend']);
  });

  it('lists inside code fences, • bullets, bracket groups, <br/>, per-role summaries and investment notes', async () => {
    const doc = parseResearchDocument(fixture('code-fences.md'));
    expect(companies(doc)).toEqual(['한울소프트', '다온페이', '미리내웹']);
    expect(byCompany(doc, '한울소프트').required).toEqual([
      'Python / Node.js 중 하나 이상 언어에 능통하신 분',
      '클라우드 환경에서 서비스 운영 경험이 있으신 분',
      'REST API에 대한 이해가 있으신 분',
    ]);
    const web = byCompany(doc, '미리내웹');
    expect(web.required).toEqual([
      '주도적으로 문제를 해결하는 분이면 좋겠어요.',
      '실무 경험이 3년 이상 있는 분이면 좋겠어요.',
    ]);
    expect(web.preferred).toEqual([
      'TypeScript 개발 및 운영 경험이 있으신 분',
      '단위 테스트 자동화 경험이 있으신 분',
    ]);
    expect(await roleIds(doc)).toEqual(['backend', 'backend', 'frontend']);
    expect(doc.skipped.map((s) => [s.company, s.url, s.reason])).toEqual([
      ['한울소프트', 'https://thevc.kr/hanul', 'no-sections'],
      ['미리내웹', 'https://thevc.kr/mirinae', 'no-sections'],
      ['가람증권', undefined, 'no-sections'],
    ]);
    expect(doc.authorSummary).toContain('백엔드 자격요건 및 우대사항 정리');
    expect(doc.authorSummary).toContain('프론트엔드 자격요건 및 우대사항 정리');
    expect(doc.authorSummary).not.toContain('TypeScript 개발 및 운영');
  });

  it('front matter, ㆍ bullets, [자격요건], 부가요건, Required/Preferred Skills and positions without company', async () => {
    const doc = parseResearchDocument(fixture('front-matter-jd.md'));
    expect(doc.postings.map((p) => [p.company, p.companyFound, p.title])).toEqual([
      [UNKNOWN_COMPANY, false, 'AI 로봇 비전 개발자'],
      [UNKNOWN_COMPANY, false, '컴퓨터 비전 기반 제품 개발'],
      [UNKNOWN_COMPANY, false, '영상처리 연구원'],
      [UNKNOWN_COMPANY, false, '3D Vision Research Engineer'],
    ]);
    expect(doc.postings.map((p) => p.url)).toEqual([
      'https://www.jobkorea.co.kr/Recruit/GI_Read/93001?Oem_Code=C1&logpath=1&listno=1',
      'https://www.jobkorea.co.kr/Recruit/GI_Read/93002?Oem_Code=C1&listno=2',
      undefined,
      undefined,
    ]);
    expect(doc.postings[0]).toMatchObject({
      required: [
        'C/C++ 및 Python 기반 알고리즘 개발 경력 3년 이상',
        '관련 분야의 학사 이상 학위를 보유하신 분',
      ],
      preferred: ['PyTorch 등 Machine Learning Framework 개발 경험자', 'ROS 기반 개발 경험이 있으신 분'],
    });
    expect(doc.postings[1]).toMatchObject({
      required: ['학력 : 대졸이상 (졸업예정자 가능)', 'Python, C++ 중 하나 이상 사용 경험 있으신 분'],
      preferred: ['팀원들과 조화롭게 일할 수 있는 분', '유관업무 경험자(인턴)'],
    });
    expect(doc.postings[2]?.required).toEqual([
      '머신러닝 관련 분야 석사 혹은 경력 3년 이상',
      '논문을 읽고 구현한 경험이 있으신 분',
    ]);
    expect(doc.postings[2]?.preferred).toContain('AI 관련 Challenge 수상 실적이 있으신 분');
    expect(doc.postings[3]).toMatchObject({
      required: ['관련 분야 석/박사 과정 대학원생', 'C/C++/Python 프로그래밍 능숙'],
      preferred: ['3D Vision/geometry 관련 연구 경험'],
    });
    expect(doc.title).toBe('원하는 직무의 채용공고를 리스트업하여 공통된 경험, 기술, 태도를 정리');
    expect(doc.authorSummary).toMatch(/^### 공통된 경험 및 지식/);
    const plan = await planImport(doc, emptyServer);
    // No role word in 영상처리 연구원, and no skills to tell one from here: kept, its role needed.
    expect(plan.postings.map((p) => p.roleId)).toEqual(['ai-ml', 'ai-ml', null, 'ai-ml']);
    expect(plan.postings[2]).toMatchObject({ title: '영상처리 연구원', line: 83, roleNeeded: true });
    expect(plan.skipped).toEqual([]);
  });

  it('a list of company links only: no postings, and says so', async () => {
    const doc = parseResearchDocument(fixture('links-only.md'));
    expect(doc.postings).toEqual([]);
    expect(doc.skipped.map((s) => s.company)).toEqual([
      '초록나무',
      '파란하늘',
      '노란별',
      '빨간지붕',
      '보라구름',
      '(주)검은돌',
      '회색바위',
    ]);
    expect(doc.skipped.every((s) => s.reason === 'no-sections')).toBe(true);
    const plan = await planImport(doc, emptyServer);
    expect(plan.empty).toBe(true);
    expect(formatImportReport(plan, { locale: 'en' })).toMatch(
      /^7 entries have only a link; no posting lists/,
    );
    expect(formatImportReport(plan)).toMatch(/^링크만 있는 항목 7개/);
  });

  it('### 1.1 numbered headings, 직무 and 기술 스택 lines, bracket groups and the typo 자격 조견', async () => {
    const doc = parseResearchDocument(fixture('numbered-headings.md'));
    expect(doc.postings.map((p) => [p.company, p.title])).toEqual([
      ['푸른들', '소프트웨어 개발자 채용(Back-end/Front-end)'],
      ['솔숲뱅크', '[솔숲뱅크] Internal Product Developer'],
      ['222퍼센트', '게임 클라이언트 개발자'],
      ['별무리스튜디오', '클라이언트 퍼즐 소프트웨어 엔지니어'],
    ]);
    expect(byCompany(doc, '푸른들').required).toEqual([
      '나이/성별/학력/전공 무관',
      'Back end는 Cloud기반 개발 경력 3년 이상',
    ]);
    expect(byCompany(doc, '222퍼센트').url).toBe('https://career.programmers.co.kr/job_positions/95003');
    expect(byCompany(doc, '222퍼센트').required[1]).toMatch(/^\[필수 제출\] 본인의 역량/);
    expect(byCompany(doc, '별무리스튜디오').required).toHaveLength(2);
    expect(byCompany(doc, '푸른들').roleCandidates).toEqual([
      '서버/백엔드',
      '프론트엔드',
      '소프트웨어 개발자 채용(Back-end/Front-end)',
    ]);
    expect(await roleIds(doc)).toEqual(['backend', 'backend', 'game-client', 'game-client']);
  });

  it('* bullets, backticks, empty bullets, tab and 4-space indents, 주요업무 and 기술 스택 kept out', async () => {
    const doc = parseResearchDocument(fixture('star-bullets.md'));
    expect(companies(doc)).toEqual(['새싹컴퍼니(서버/백엔드)', '새봄빌드', '한빛포털', '새벽마켓']);
    expect(byCompany(doc, '새싹컴퍼니(서버/백엔드)')).toMatchObject({
      required: ['웹 서비스 아키텍처에 대한 전반적인 이해', 'Python 사용경험 필수'],
      preferred: ['AWS, GCP 등 Cloud 사용 경험', 'Java / Spring 환경에서 RESTful 서비스 개발 경험'],
    });
    expect(byCompany(doc, '새봄빌드')).toMatchObject({
      required: [
        '한 가지 이상의 언어(Java, Python 등)에 능숙하신 분',
        '웹 프레임워크와 RDBMS를 사용해서 프로젝트를 구축해보신 분',
      ],
      preferred: ['Django를 사용하여 대규모 서비스를 운영해보신 분'],
    });
    expect(byCompany(doc, '한빛포털')).toMatchObject({
      title: 'MLOps 서비스 개발',
      required: ['Python 또는 Spring 환경에 대한 이해', 'Test Code 작성, Test 자동화'],
    });
    expect(await roleIds(doc)).toEqual(['backend', 'backend', 'devops', 'data-engineer']);
  });

  it('a label item followed by a code fence (one tagged c), no 우대사항, and the header "Back - End 자격요건"', async () => {
    const doc = parseResearchDocument(fixture('fenced-no-preferred.md'));
    expect(companies(doc)).toEqual(['구름다리 클라우드', '물결에프앤씨', '나무서재']);
    expect(counts(doc)).toEqual([
      [3, 0],
      [2, 0],
      [3, 0],
    ]);
    expect(byCompany(doc, '물결에프앤씨').required).toEqual([
      'Java/Spring/Spring Boot 경험',
      'OOP,AOP에 대한 이해도',
    ]);
    expect(doc.authorSummary).toBeUndefined();
    expect(await roleIds(doc)).toEqual(['frontend', 'frontend', 'backend']);
  });

  it('emoji headings, label headings, a label typo, inline labels, a table, <br> and a flat list', async () => {
    const doc = parseResearchDocument(fixture('emoji-misc.md'));
    expect(companies(doc)).toEqual(['바람모빌리티', '별꽃뱅크', '해오름랩', '다솜테크', '이음소프트']);
    expect(byCompany(doc, '바람모빌리티')).toMatchObject({
      url: 'https://careers.example.com/jobs/P-97001?page=1&keyword=python',
      required: ['Kotlin 또는 Java 개발 경험 2년 이상', '대용량 트래픽 처리 경험'],
      preferred: ['Kafka 운영 경험'],
    });
    expect(byCompany(doc, '바람모빌리티').title).toBeUndefined();
    expect(byCompany(doc, '별꽃뱅크')).toMatchObject({
      title: '서버 개발자 (Java)',
      url: 'https://www.jumpit.co.kr/position/97002?utm_source=newsletter',
      required: ['Spring Framework 기반 서비스 개발 경험', '정보처리기사 자격증'],
      preferred: ['금융 도메인 경험', '영어 가능자'],
      roleCandidates: ['서버 개발자', '백엔드', '서버 개발자 (Java)'],
    });
    expect(byCompany(doc, '해오름랩')).toMatchObject({
      required: ['Go 언어 개발 경험', '리눅스 환경 경험'],
      preferred: ['gRPC 사용 경험'],
    });
    expect(byCompany(doc, '다솜테크')).toMatchObject({
      required: ['Python 3년 이상', 'Django REST framework 경험'],
      preferred: ['Celery 사용 경험'],
    });
    expect(byCompany(doc, '이음소프트')).toMatchObject({
      required: ['신입 또는 경력 1년 이하', '자바 언어에 대한 이해'],
      preferred: [],
    });
    expect(await roleIds(doc)).toEqual(['backend', 'backend', 'backend', 'backend', 'backend']);
  });

  it('an explicit role overrides what the document says', async () => {
    const doc = parseResearchDocument(fixture('fenced-no-preferred.md'), { role: '데이터 엔지니어' });
    expect(doc.postings.every((p) => p.roleCandidates.join() === '데이터 엔지니어')).toBe(true);
    expect(await roleIds(doc)).toEqual(['data-engineer', 'data-engineer', 'data-engineer']);
    const vision = parseResearchDocument(fixture('front-matter-jd.md'), { role: 'AI' });
    expect(await roleIds(vision)).toEqual(['ai-ml', 'ai-ml', 'ai-ml', 'ai-ml']);
  });

  it('reads text as well as bytes, with a BOM and CRLF line ends', () => {
    const text = fixture('linked-items.md').toString('utf8');
    const plain = parseResearchDocument(text);
    const windows = parseResearchDocument(Buffer.from(`\ufeff${text.replace(/\n/g, '\r\n')}`, 'utf8'));
    expect(windows.postings).toEqual(plain.postings);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(parseResearchDocument(utf16).postings).toEqual(plain.postings);
  });
});

describe('planImport', () => {
  it('reports postings the server already has (by canonical URL) and twins within the document', async () => {
    const doc = parseResearchDocument(fixture('linked-items.md'));
    const asked: string[] = [];
    const plan = await planImport(doc, {
      resolveRole,
      async findByUrl(url) {
        asked.push(url);
        return url === canonicalUrl('https://wanted.co.kr/wd/90002')
          ? { id: 7, company: '바다랩스' }
          : undefined;
      },
    });
    expect(asked).toContain('https://wanted.co.kr/wd/90002');
    expect(asked).toContain('https://career.programmers.co.kr/job_positions/90006');
    expect(plan.inputs.map((i) => i.company)).toEqual(['하늘소프트', '숲컴퍼니', '구름페이', '달빛커머스']);
    expect(plan.duplicates).toEqual([
      {
        company: '바다랩스 (바다앱)',
        url: 'https://www.wanted.co.kr/wd/90002?utm_source=google_jobs_apply&utm_medium=organic',
        line: 24,
        of: 'server',
        existing: { id: 7, company: '바다랩스' },
      },
      {
        company: '하늘소프트 (재공고)',
        url: 'https://career.programmers.co.kr/job_positions/90001',
        line: 47,
        of: 'document',
        firstLine: 15,
      },
    ]);
    expect(plan.inputs[0]).toEqual({
      company: '하늘소프트',
      role: 'backend',
      url: 'https://career.programmers.co.kr/job_positions/90001?by_theme=true',
      requirements:
        '- 백엔드 개발 경력 2년 이상 또는 그에 준하는 실력\n- REST API 설계 경험\n- RDBMS 기반 데이터 모델링 경험',
      preferred: '- Django REST framework 사용 경험\n- 테스트 코드 작성에 익숙하신 분',
    });
    expect(plan.authorSummary).toBe(doc.authorSummary);
    const report = formatImportReport(plan, { locale: 'en' });
    expect(report).toContain('Found 4 postings.');
    expect(report).toContain('- 하늘소프트 · Back-end · 3 required · 2 preferred');
    const named = formatImportReport(plan, { locale: 'ko', roleLabel: (id, l) => importRoles.label(id, l) });
    expect(named).toContain('- 하늘소프트 · 백엔드 · 자격요건 3 · 우대사항 2');
    expect(report).toContain('already on this server: #7 바다랩스');
    expect(report).toContain('twice in the document (same as line 15)');
    expect(report).toContain('별빛게임즈 (line 53): no requirements or preferred section');
    expect(formatImportReport(plan)).toContain('공고 4개를 찾았습니다.');
  });

  it('records the submitter, skips what is too long and leaves out links that are not web addresses', async () => {
    const many = Array.from(
      { length: 150 },
      (_, i) => `    - 아주 긴 요구 사항 문장 번호 ${i} 입니다 정말로`,
    ).join('\n');
    const text = [
      '# 모음',
      '',
      '- 희망 직무: 백엔드',
      '',
      '- [긴회사](https://example.com/jobs/1)',
      '  - 자격요건',
      many,
      '- [이상한링크](javascript:alert(1))',
      '  - 자격요건',
      '    - Python',
    ].join('\n');
    const plan = await planImport(parseResearchDocument(text), emptyServer, { submittedBy: 'u42' });
    expect(plan.skipped).toMatchObject([{ company: '긴회사', reason: 'too-long', detail: 'requirements' }]);
    expect(plan.inputs).toEqual([
      { company: '이상한링크', role: 'backend', requirements: '- Python', preferred: '', submittedBy: 'u42' },
    ]);
    expect(plan.warnings).toEqual([{ code: 'bad-link', line: 157, company: '이상한링크' }]);
  });

  it('keeps postings whose role nothing in the document or the table names, their role needed', async () => {
    const text = '## [어딘가](https://example.com/a)\n\n- 자격요건\n  - 성실함\n';
    const plan = await planImport(parseResearchDocument(text), emptyServer);
    expect(plan.empty).toBe(false);
    expect(plan.skipped).toEqual([]);
    expect(plan.postings).toMatchObject([{ company: '어딘가', role: null, roleId: null, roleNeeded: true }]);
    expect(storableInputs(plan)).toEqual([]);
    const withRole = await planImport(parseResearchDocument(text), emptyServer, { role: 'backend' });
    expect(storableInputs(withRole)).toMatchObject([{ company: '어딘가', role: 'backend' }]);
    expect(withRole.postings[0]).not.toHaveProperty('roleNeeded');
  });
});

describe('entries that are not postings', () => {
  it('reports labels without items as empty sections, and labels outside any entry as a warning', () => {
    const doc = parseResearchDocument(
      [
        '- 자격요건',
        '  - 어디에도 속하지 않은 항목',
        '',
        '## [빈회사](https://example.com/empty)',
        '',
        '- 자격요건',
        '- 우대사항',
        '',
        '## [찬회사](https://example.com/full)',
        '',
        '- 자격요건',
        '  - Rust 경험',
      ].join('\n'),
    );
    expect(doc.postings.map((p) => p.company)).toEqual(['찬회사']);
    expect(doc.skipped).toEqual([
      { company: '빈회사', url: 'https://example.com/empty', line: 4, reason: 'empty-sections' },
    ]);
    expect(doc.warnings).toEqual([{ code: 'outside', line: 1 }]);
  });

  it('keeps a 공통 list as the author summary, before the entries or after the last one', () => {
    const before = parseResearchDocument(
      '- 공통 자격 조건\n  - Go 언어\n\n## [회사](https://example.com/1)\n\n- 자격요건\n  - Go\n',
    );
    expect(before.postings).toMatchObject([{ company: '회사', required: ['Go'] }]);
    expect(before.authorSummary).toBe('- 공통 자격 조건\n  - Go 언어');
    const after = parseResearchDocument(
      '## [회사](https://example.com/1)\n\n- 자격요건\n  - Go\n\n---\n\n- 공통 자격 조건\n  - Go 언어\n- 공통 우대 사항\n  - Rust\n',
    );
    expect(after.postings).toMatchObject([{ company: '회사', required: ['Go'], preferred: [] }]);
    expect(after.authorSummary).toBe('- 공통 자격 조건\n  - Go 언어\n\n- 공통 우대 사항\n  - Rust');
  });
});

describe('hostile files', () => {
  const MB = 1024 * 1024;
  const timed = <T>(fn: () => T): { value: T; ms: number } => {
    const start = performance.now();
    const value = fn();
    return { value, ms: performance.now() - start };
  };

  it('refuses more than 1 MB', () => {
    expect(userErrorCode(() => parseResearchDocument(new Uint8Array(MB + 1).fill(0x61)))).toBe(
      'import.too-large',
    );
    expect(userErrorCode(() => parseResearchDocument('가'.repeat(MB / 2)))).toBe('import.too-large');
  });

  it('refuses binary files', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(userErrorCode(() => parseResearchDocument(png))).toBe('import.binary');
    expect(userErrorCode(() => parseResearchDocument(Buffer.from('# 제목\n\0\0\0binary')))).toBe(
      'import.binary',
    );
    expect(userErrorCode(() => parseResearchDocument('text\u0000more'))).toBe('import.binary');
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 32);
    expect(userErrorCode(() => parseResearchDocument(noise))).toBe('import.binary');
  });

  it('refuses invalid UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('# 자격요건\n- 파이썬 '),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1]),
    ]);
    expect(userErrorCode(() => parseResearchDocument(bytes))).toBe('import.invalid-utf8');
  });

  it('reads nothing from empty text or a file of headings only, quickly', () => {
    expect(parseResearchDocument('').postings).toEqual([]);
    expect(parseResearchDocument('   \n\n').postings).toEqual([]);
    const headings = megabyte((i) => `${'#'.repeat((i % 6) + 1)} 제목 ${i}\n`);
    const { value, ms } = timed(() => parseResearchDocument(headings));
    expect(value.postings).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });

  it('reads 1 MB of nested lists quickly, without crashing', () => {
    const nested = megabyte((i) => `${'  '.repeat(i % 60)}- 항목 ${i}\n`);
    const { value, ms } = timed(() => parseResearchDocument(nested));
    expect(value.postings).toEqual([]);
    expect(ms).toBeLessThan(2000);

    const deep = megabyte(() => `${'- '.repeat(2000)}x\n`);
    const deepRun = timed(() => parseResearchDocument(deep));
    expect(deepRun.value.postings).toEqual([]);
    expect(deepRun.ms).toBeLessThan(2000);
  });

  it('in a large file, still finds the sections that hold postings', () => {
    const junk = megabyte((i) => `${'  '.repeat(i % 30)}- 메모 ${i}\n`).slice(0, 900 * 1024);
    const text = `${junk}\n## [끝회사](https://example.com/last)\n\n- 자격요건\n  - Go 개발 경험\n`;
    const { value, ms } = timed(() => parseResearchDocument(text));
    expect(value.postings).toMatchObject([{ company: '끝회사', required: ['Go 개발 경험'] }]);
    expect(value.warnings[0]).toEqual({ code: 'large' });
    expect(ms).toBeLessThan(2000);
  });

  it('a megabyte of nested lists that all look like postings ends in an error, not a stall', () => {
    const text = megabyte(
      (i) => `- [회사${i}](https://example.com/${i})\n  - 자격요건\n    - 파이썬 ${i}\n      - 장고 ${i}\n`,
    );
    expect(Buffer.byteLength(text)).toBeGreaterThan(MB - 8192);
    const start = performance.now();
    const code = userErrorCode(() => parseResearchDocument(text));
    expect(performance.now() - start).toBeLessThan(2000);
    expect(code).toBe('import.too-large');
  });
});
