import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CSV_HEADER,
  csvField,
  escapeMarkdown,
  exportPostings,
  parseJsonExport,
  renderCsv,
  renderJson,
  renderMarkdown,
} from '../src/services/export';
import { classifyLabel, parseResearchDocument, planImport, storableInputs } from '../src/services/import';
import { splitItems } from '../src/services/normalize/split';
import type { Posting, PostingInput } from '../src/services/postings/schema';
import { createRoleDirectory } from '../src/services/roles';
import { miniServices } from './support/services';

const roles = createRoleDirectory({
  roles: [
    { id: 'backend', label: { en: 'Backend', ko: '백엔드' }, aliases: ['백엔드', '서버', 'back-end'] },
    { id: 'frontend', label: { en: 'Frontend', ko: '프론트엔드' }, aliases: ['프론트엔드', 'front-end'] },
    {
      id: 'data-engineer',
      label: { en: 'Data engineer', ko: '데이터 엔지니어' },
      aliases: ['data engineer'],
    },
    { id: 'devops', label: { en: 'DevOps', ko: '데브옵스' }, aliases: ['devops', 'sre'] },
    { id: 'game-client', label: { en: 'Game client', ko: '게임 클라이언트' }, aliases: ['game client'] },
    { id: 'ai-ml', label: { en: 'AI / ML', ko: 'AI 엔지니어' }, aliases: ['ai', 'machine learning'] },
  ],
});
const resolveRole = (text: string) => roles.resolve(text)?.id;
const roleLabel = (id: string) => roles.label(id, 'ko');

const NOW = '2026-11-23T01:00:00.000Z';

function posting(
  id: number,
  fields: Partial<Posting> & { required?: string[]; preferred?: string[] },
): Posting {
  const { required = [], preferred = [], ...rest } = fields;
  return {
    schema: 1,
    id,
    company: `회사${id}`,
    roleId: 'backend',
    requirementsText: required.map((t) => `- ${t}`).join('\n'),
    preferredText: preferred.map((t) => `- ${t}`).join('\n'),
    createdAt: NOW,
    updatedAt: NOW,
    taxonomyVersion: 'test-1',
    items: [
      ...required.map((text) => ({ text, section: 'required' as const, skills: [] })),
      ...preferred.map((text) => ({ text, section: 'preferred' as const, skills: [] })),
    ],
    ...rest,
  };
}

const sample = [
  posting(1, {
    company: '하늘소프트',
    title: '백엔드 개발자',
    url: 'https://www.wanted.co.kr/wd/1',
    required: ['Python 3년 이상', 'REST API 설계 경험'],
    preferred: ['AWS 사용 경험'],
  }),
  posting(2, { company: '바다랩스', roleId: 'frontend', required: ['React 경험'] }),
  posting(3, { company: '숲컴퍼니', title: '서버 엔지니어', preferred: ['Kafka 운영 경험'] }),
];

describe('markdown export', () => {
  it('writes the genre: a title, a section per role, linked companies with nested 자격 조건 / 우대 사항', () => {
    const md = renderMarkdown(sample, { roleLabel, title: '우리 스터디 채용공고' });
    expect(md).toBe(
      [
        '# 우리 스터디 채용공고',
        '',
        '## 직무: 백엔드',
        '',
        '- [하늘소프트 — 백엔드 개발자](https://www.wanted.co.kr/wd/1)',
        '  - 자격 조건',
        '    - Python 3년 이상',
        '    - REST API 설계 경험',
        '  - 우대 사항',
        '    - AWS 사용 경험',
        '',
        '- 숲컴퍼니 — 서버 엔지니어',
        '  - 우대 사항',
        '    - Kafka 운영 경험',
        '',
        '## 직무: 프론트엔드',
        '',
        '- 바다랩스',
        '  - 자격 조건',
        '    - React 경험',
        '',
      ].join('\n'),
    );
  });

  it('says in the Review how much of a share only comes from implications', () => {
    const md = renderMarkdown(sample.slice(0, 1), {
      roleLabel,
      summary: {
        postings: 10,
        required: [
          { label: 'Python', count: 8, share: 0.8, implied: 3 },
          { label: 'Spring', count: 2, share: 0.2, implied: 2 },
        ],
        preferred: [],
      },
    });
    expect(md).toContain('  - Python: 8/10 (80%, 추정 3)');
    expect(md).toContain('  - Spring: 2/10 (20%, 모두 추정)');
    expect(md).toContain('- 추정: 그 기술 대신 그것을 뜻하는 다른 기술을 적은 공고');
  });

  it('adds a Review with the common requirements and preferred skills and their shares', () => {
    const md = renderMarkdown(sample.slice(0, 1), {
      roleLabel,
      summary: {
        postings: 10,
        required: [
          { label: 'Python', count: 8, share: 0.8 },
          { label: 'C#', count: 3, share: 0.3 },
        ],
        preferred: [{ label: 'AWS', count: 5, share: 50 }],
      },
    });
    expect(md).toContain(
      [
        '## Review',
        '',
        '- 공통 자격 조건',
        '  - Python: 8/10 (80%)',
        '  - C#: 3/10 (30%)',
        '- 공통 우대 사항',
        '  - AWS: 5/10 (50%)',
      ].join('\n'),
    );
  });

  it('gives each role its review when summaries come per role, and quotes the authors’ own summaries', () => {
    const md = renderMarkdown(sample, {
      roleLabel,
      summary: {
        backend: { postings: 2, required: [{ label: 'Python', count: 1, share: 0.5 }], preferred: [] },
        frontend: { postings: 1, required: [{ label: 'React', count: 1, share: 1 }], preferred: [] },
      },
      authorSummaries: [{ label: 'notes (백엔드)', text: '## Review\n\n- 공통 자격 조건\n  - Python' }],
    });
    expect(md).toContain('### 백엔드 (2)\n\n- 공통 자격 조건\n  - Python: 1/2 (50%)');
    expect(md).toContain('### 프론트엔드 (1)\n\n- 공통 자격 조건\n  - React: 1/1 (100%)');
    expect(md).toContain('> **notes (백엔드)**\n>\n> ## Review\n>\n> - 공통 자격 조건\n>   - Python');
    // The review and the quoted summary are not read back as postings.
    const doc = parseResearchDocument(md);
    expect(doc.postings.map((p) => p.company)).toEqual(['하늘소프트', '숲컴퍼니', '바다랩스']);
    expect(doc.authorSummary).toMatch(/^## Review/);
  });

  it('escapes what markdown would read as markup', () => {
    expect(escapeMarkdown('*굵게* _기울임_ `코드` [링크](x) <br> a|b ~취소~ \\')).toBe(
      '\\*굵게\\* \\_기울임\\_ \\`코드\\` \\[링크\\](x) \\<br\\> a\\|b \\~취소\\~ \\\\',
    );
    expect(escapeMarkdown('# 해시')).toBe('\\# 해시');
    expect(escapeMarkdown('1. 번호')).toBe('1\\. 번호');
    expect(escapeMarkdown('2.5년 이상')).toBe('2\\.5년 이상');
    expect(escapeMarkdown('R&amp;D')).toBe('R\\&amp;D');
    expect(escapeMarkdown('R&D 경험')).toBe('R&D 경험');
    const md = renderMarkdown([
      posting(1, {
        company: '[주] *별* 회사',
        url: 'https://example.com/jobs/1/채용 공고 (신입)',
        required: ['`Python` & *Django* <필수>', '# 해시태그 #1'],
      }),
    ]);
    expect(md).toContain('- [\\[주\\] \\*별\\* 회사](<https://example.com/jobs/1/채용 공고 (신입)>)');
    const [back] = parseResearchDocument(md, { role: 'backend' }).postings;
    expect(back).toMatchObject({
      company: '[주] *별* 회사',
      url: 'https://example.com/jobs/1/채용 공고 (신입)',
      required: ['`Python` & *Django* <필수>', '# 해시태그 #1'],
    });
  });

  it('falls back to the section text when a posting has no items', () => {
    const p = { ...posting(1, {}), items: [], requirementsText: '- Go 경험\n- gRPC', preferredText: '' };
    expect(renderMarkdown([p])).toContain('  - 자격 조건\n    - Go 경험\n    - gRPC');
  });
});

describe('CSV export', () => {
  it('writes one row per item with a header, CRLF line ends and a BOM', () => {
    const p = posting(7, {
      company: '하늘, "소프트"',
      title: '백엔드\n개발자',
      url: 'https://example.com/7',
      required: ['Python 3년 이상'],
      preferred: ['=SUM(A1)', '-5년'],
    });
    const first = p.items[0];
    if (first) first.skills = [{ id: 'python' }, { id: 'backend-frameworks', implied: true }];
    const csv = renderCsv([p], { roleLabel });
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines[0]).toBe('posting_id,company,role,title,url,section,item,skills');
    expect(lines[1]).toBe(
      '7,"하늘, ""소프트""",백엔드,"백엔드\n개발자",https://example.com/7,required,Python 3년 이상,python;backend-frameworks',
    );
    expect(lines[2]).toBe(
      `7,"하늘, ""소프트""",백엔드,"백엔드\n개발자",https://example.com/7,preferred,'=SUM(A1),`,
    );
    expect(lines[3]).toBe(
      `7,"하늘, ""소프트""",백엔드,"백엔드\n개발자",https://example.com/7,preferred,'-5년,`,
    );
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });

  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvField(undefined)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField('@mention')).toBe("'@mention");
  });

  it('writes only the header for no postings', () => {
    expect(renderCsv([])).toBe(`\ufeff${CSV_HEADER.join(',')}\r\n`);
  });
});

describe('JSON export', () => {
  it('wraps the postings as stored in a small envelope that reads back', () => {
    const json = renderJson(sample, { guild: 'g1', now: new Date(NOW) });
    const envelope = parseJsonExport(json);
    expect(envelope).toEqual({ version: 1, exportedAt: NOW, guild: 'g1', postings: sample });
    expect(JSON.parse(renderJson([], { now: new Date(NOW) }))).toEqual({
      version: 1,
      exportedAt: NOW,
      postings: [],
    });
    expect(() => parseJsonExport('{"version":2,"exportedAt":"x","postings":[]}')).toThrow();
  });

  it('names the file by format', () => {
    expect(exportPostings('markdown', sample)).toMatchObject({
      filename: 'role-radar-postings.md',
      contentType: 'text/markdown; charset=utf-8',
    });
    expect(exportPostings('csv', sample, { basename: 'g1' }).filename).toBe('g1.csv');
    expect(exportPostings('json', sample).content).toContain('"version": 1');
  });
});

// --- Round trip: export → import gives the same postings ---------------------------------------------------

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['하늘', '바다', '숲', '별빛', '구름', '노을', 'Nova', 'Blue', 'Data', '토스트', '새벽', '달'];
const NAME_DECOR = [
  '(주)',
  '랩스',
  '소프트',
  '& Co.',
  '[주]',
  '*스타*',
  '_언더_',
  'C#',
  'Node.js',
  '#1',
  '`틱`',
  'A|B',
  '<꺾쇠>',
  '~물결~',
  '50%',
  '🚀',
  'R&amp;D',
  '\\역슬래시',
];
const TITLES = [
  '서버 개발자',
  'Backend Engineer (Python)',
  '[신입] 웹 개발자',
  '데이터 엔지니어 - 인턴',
  'AI/ML 연구원',
  'C++ 개발',
  '플랫폼 — 인프라',
  '*급구* 개발자',
];
const SUBJECTS = [
  'Python',
  'Java',
  'C#',
  'C++',
  'Node.js',
  '`Django`',
  '*Spring*',
  '__init__',
  'REST API',
  'AWS/GCP',
  'Git',
  'SQL',
  'MSA',
  'CI/CD',
  '2.5년 이상의 경력',
  '경력: 3년',
  'A|B 테스트',
  '~50% 원격',
  '[필수] 포트폴리오',
  '#태그',
  '"따옴표"',
  '<Go>',
  '1차 면접',
  '3D 그래픽스',
  '=수식',
  'R&amp;D',
];
const GLUE = [
  '경험',
  '사용 경험이 있는 분',
  '에 능숙하신 분',
  '개발 경험',
  '이해',
  '및 협업 능력',
  '또는 그에 준하는 실력',
  '(우대)',
  '',
];
const URLS = [
  (id: number) => `https://www.wanted.co.kr/wd/${id}`,
  (id: number) => `https://career.programmers.co.kr/job_positions/${id}?by_theme=true`,
  (id: number) => `https://example.com/jobs/${id}/채용 공고`,
  (id: number) => `https://ko.example.org/wiki/Job_(${id})`,
  (id: number) => `https://x.example.com/view?a=${id}&amp;b=2`,
  (id: number) => `http://jobs.example.net/${id}#apply`,
];

function generate(seed: number): Posting[] {
  const r = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const items = (min: number, max: number) => {
    const out: string[] = [];
    const count = min + Math.floor(r() * (max - min + 1));
    while (out.length < count) {
      const item = `${pick(SUBJECTS)} ${pick(GLUE)}`.trim();
      // Only what a stored posting can hold: items as the normalizer splits them, never a section label.
      const split = splitItems(`- ${item}`);
      if (split.length === 1 && split[0] === item && !classifyLabel(item) && !out.includes(item))
        out.push(item);
    }
    return out;
  };
  const count = 1 + Math.floor(r() * 8);
  const used = new Set<string>();
  const postings: Posting[] = [];
  for (let i = 0; i < count; i++) {
    let company = pick(NAMES);
    if (r() < 0.6) company = `${company} ${pick(NAME_DECOR)}`;
    if (r() < 0.3) company = `${company} ${pick(NAMES)}`;
    while (used.has(company)) company = `${company} ${i}`;
    used.add(company);
    const required = items(r() < 0.2 ? 0 : 1, 6);
    const preferred = items(required.length === 0 ? 1 : 0, 5);
    postings.push(
      posting(seed * 100 + i + 1, {
        company,
        roleId: pick(roles.all).id,
        ...(r() < 0.6 ? { title: pick(TITLES) } : {}),
        ...(r() < 0.7 ? { url: pick(URLS)(seed * 100 + i) } : {}),
        required,
        preferred,
      }),
    );
  }
  return postings;
}

const identity = (p: { company: string; title?: string; url?: string }) =>
  JSON.stringify([p.company, p.title ?? null, p.url ?? null]);

describe('round trip: export then import', () => {
  it('gives back the same postings for generated documents', async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const original = generate(seed);
      const md = renderMarkdown(original, {
        roleLabel,
        summary: {
          postings: original.length,
          required: [{ label: 'Python', count: 1, share: 0.5 }],
          preferred: [],
        },
      });
      const doc = parseResearchDocument(md);
      const plan = await planImport(doc, { resolveRole, findByUrl: async () => undefined });
      const context = `seed ${seed}:\n${md}`;
      expect(plan.skipped, context).toEqual([]);
      expect(plan.duplicates, context).toEqual([]);
      expect(plan.inputs, context).toHaveLength(original.length);
      const imported = new Map(plan.inputs.map((input) => [identity(input), input]));
      for (const p of original) {
        const input = imported.get(identity(p));
        expect(input, `${context}\nmissing ${identity(p)}`).toBeDefined();
        if (!input) continue;
        expect(input.role, context).toBe(p.roleId);
        expect(splitItems(input.requirements), context).toEqual(
          p.items.filter((i) => i.section === 'required').map((i) => i.text),
        );
        expect(splitItems(input.preferred ?? ''), context).toEqual(
          p.items.filter((i) => i.section === 'preferred').map((i) => i.text),
        );
      }
    }
  });

  describe('through the postings service', () => {
    let ctx: Awaited<ReturnType<typeof miniServices>>;
    beforeEach(async () => {
      ctx = await miniServices();
    });
    afterEach(async () => {
      await ctx.cleanup();
    });

    it('importing an export into an empty server stores the same postings', async () => {
      const { services } = ctx;
      const inputs: PostingInput[] = [
        {
          company: '하늘소프트',
          role: '백엔드',
          title: '서버 개발자 (Python)',
          url: 'https://career.programmers.co.kr/job_positions/1?by_theme=true',
          requirements: '- Python 3년 이상\n- `Django` REST framework 경험\n- AWS & GCP 사용 경험',
          preferred: '- Kubernetes 운영 경험\n- 영어 가능',
        },
        {
          company: '바다 [랩스]',
          role: '프론트엔드',
          requirements: '- React 경험\n- TypeScript',
          preferred: '',
        },
        {
          company: '노을데이터',
          role: '데이터 엔지니어',
          url: 'https://www.wanted.co.kr/wd/3',
          requirements: '- SQL 능숙\n- *Airflow* 경험',
          preferred: '- Spark 경험',
        },
      ];
      const stored = await services.postings.addMany('source', inputs);
      const md = renderMarkdown(stored, { roleLabel: (id) => services.roles.label(id, 'ko') });
      const plan = await planImport(parseResearchDocument(md), {
        resolveRole: (text) => services.roles.resolve(text)?.id,
        findByUrl: async (url) => services.postings.findByUrl('target', url),
      });
      expect(plan.duplicates).toEqual([]);
      const copied = await services.postings.addMany('target', storableInputs(plan));
      const shape = (p: Posting) => ({
        company: p.company,
        title: p.title,
        url: p.url,
        roleId: p.roleId,
        items: p.items.map((i) => [i.section, i.text]),
      });
      const sort = (list: Posting[]) => list.map(shape).sort((a, b) => a.company.localeCompare(b.company));
      expect(sort(copied)).toEqual(sort(stored));

      // Importing the same export again finds every posting already there.
      const again = await planImport(parseResearchDocument(md), {
        resolveRole: (text) => services.roles.resolve(text)?.id,
        findByUrl: async (url) => services.postings.findByUrl('target', url),
      });
      expect(again.duplicates.map((d) => d.of)).toEqual(['server', 'server']);
    });
  });
});
