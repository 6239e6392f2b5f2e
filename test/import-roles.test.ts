import { describe, expect, it } from 'vitest';
import {
  assignRole,
  createRoleInference,
  type ImportDeps,
  parseResearchDocument,
  planImport,
  roleNeededCount,
  storableInputs,
} from '../src/services/import';
import { createNormalizer } from '../src/services/normalize';
import { loadRoles, loadTaxonomy } from '../src/services/taxonomy/load';
import { roleTableSchema } from '../src/services/taxonomy/schema';
import { miniTaxonomy } from './support/services';

const taxonomy = loadTaxonomy();
const roleTable = loadRoles();
const inference = createRoleInference(createNormalizer(taxonomy), roleTable);
const infer = (required: string[], preferred: string[] = []) => inference.infer(required, preferred)?.roleId;

describe('the role a posting’s skills point to', () => {
  it('tells the usual roles from what their postings ask', () => {
    expect(
      infer(['Java, Spring Boot 기반 API 서버 개발 경험', 'JPA, MySQL 사용 경험'], ['Redis, Kafka']),
    ).toBe('backend');
    expect(infer(['React, TypeScript로 웹 화면을 만든 경험', 'Redux 등 상태 관리 경험'])).toBe('frontend');
    expect(infer(['PyTorch로 딥러닝 모델을 학습한 경험', '컴퓨터 비전 모델 경험'])).toBe('ai-ml');
    expect(infer(['Airflow, Spark 기반 데이터 파이프라인 구축 경험'])).toBe('data-engineer');
    expect(infer(['Terraform, Kubernetes 운영 경험', 'CI/CD 구축 경험'])).toBe('devops');
    expect(infer(['Kotlin으로 Android 앱을 개발한 경험'])).toBe('mobile');
    expect(infer(['Unity 엔진 사용 경험'])).toBe('game');
  });

  it('gives no role to a posting that asks for a bit of everything, or for nothing technical', () => {
    expect(infer(['React 경험', 'Spring Boot 경험', 'MySQL 경험'])).toBeUndefined();
    expect(infer(['성실하고 책임감 있는 분'], ['원활한 커뮤니케이션'])).toBeUndefined();
    expect(infer([])).toBeUndefined();
  });

  it('accepts the best role only with its margin: a minimum score and a ratio over the next role', () => {
    const table = roleTableSchema.parse({
      inference: { minScore: 4, ratio: 2 },
      roles: [
        { id: 'web', label: { en: 'Web', ko: '웹' }, signals: { 'python-web-framework': 3 }, aliases: [] },
        { id: 'ops', label: { en: 'Ops', ko: '운영' }, signals: { cloud: 3 }, aliases: [] },
        { id: 'none', label: { en: 'None', ko: '없음' }, aliases: [] },
      ],
    });
    const mini = createRoleInference(createNormalizer(miniTaxonomy()), table);
    // 3: below the minimum score.
    expect(mini.infer(['Django'], [])).toBeUndefined();
    // 6 against 3: twice the next one, accepted.
    expect(mini.infer(['Django', 'Flask', 'AWS'], [])).toEqual({ roleId: 'web', score: 6, runnerUp: 3 });
    // 6 against 6, and 9 against 6: not clear enough.
    expect(mini.infer(['Django', 'Flask', 'AWS', 'GCP'], [])).toBeUndefined();
    expect(mini.infer(['Django', 'Flask', 'FastAPI'], ['AWS', 'GCP'])).toBeUndefined();
    // Implied skills add nothing: Django implies Python, which no profile names here anyway.
    expect(mini.infer(['Django', 'Flask'], ['AWS'])?.roleId).toBe('web');
  });

  it('refuses a role table whose signals name what the taxonomy does not have', () => {
    const table = roleTableSchema.parse({
      roles: [{ id: 'web', label: { en: 'Web', ko: '웹' }, signals: { 'no-such-skill': 2 }, aliases: [] }],
    });
    expect(() => createRoleInference(createNormalizer(miniTaxonomy()), table)).toThrow(
      /role web: signals name what the taxonomy does not have: no-such-skill/,
    );
  });

  it('names only skills, groups and categories the taxonomy has', () => {
    const known = new Set([
      ...taxonomy.skills.map((s) => s.id),
      ...taxonomy.groups.map((g) => g.id),
      ...Object.keys(taxonomy.categories),
    ]);
    const unknown = roleTable.roles.flatMap((role) =>
      Object.keys(role.signals ?? {})
        .filter((ref) => !known.has(ref))
        .map((ref) => `${role.id}: ${ref}`),
    );
    expect(unknown).toEqual([]);
  });
});

const ROLE_WORDS: Record<string, string> = { 백엔드: 'backend', 프론트엔드: 'frontend' };
const deps = (extra: Partial<ImportDeps> = {}): ImportDeps => ({
  resolveRole: (text) => ROLE_WORDS[text.trim()],
  inferRole: (required, preferred) => inference.infer(required, preferred)?.roleId,
  findByUrl: async () => undefined,
  findByContent: async () => undefined,
  ...extra,
});

const DOC = [
  '# 채용 공고 모음',
  '',
  '## 백엔드',
  '',
  '### 솔방울랩',
  '',
  '- 자격요건',
  '  - Go 서버 개발 경험',
  '',
  '## 이것저것',
  '',
  '### 도토리소프트',
  '',
  '- 자격요건',
  '  - React와 TypeScript로 화면을 만든 경험',
  '  - Redux 상태 관리 경험',
  '',
  '### 밤송이컴퍼니',
  '',
  '- 자격요건',
  '  - 성실하고 꼼꼼한 분',
  '- 우대사항',
  '  - 스타트업 경험',
  '',
].join('\n');

describe('planImport: roles never drop a posting', () => {
  it('takes the document’s role, then the skills’ role (inferred), and keeps the rest as role needed', async () => {
    const plan = await planImport(parseResearchDocument(DOC), deps());
    expect(plan.skipped).toEqual([]);
    expect(
      plan.postings.map((p) => [p.company, p.roleId, p.roleInferred ?? false, p.roleNeeded ?? false]),
    ).toEqual([
      ['솔방울랩', 'backend', false, false],
      ['도토리소프트', 'frontend', true, false],
      ['밤송이컴퍼니', null, false, true],
    ]);
    expect(plan.inputs.map((i) => i.role)).toEqual(['backend', 'frontend', null]);
    expect(storableInputs(plan).map((i) => i.company)).toEqual(['솔방울랩', '도토리소프트']);
    expect(roleNeededCount(plan)).toBe(1);
    expect(plan.empty).toBe(false);
  });

  it('gives the option’s role to every posting, before what the document says', async () => {
    const plan = await planImport(parseResearchDocument(DOC), deps(), { role: 'frontend' });
    expect(plan.postings.map((p) => p.roleId)).toEqual(['frontend', 'frontend', 'frontend']);
    expect(plan.postings.some((p) => p.roleInferred || p.roleNeeded)).toBe(false);
  });

  it('without an inference, a posting without role words needs a role', async () => {
    const plan = await planImport(parseResearchDocument(DOC), deps({ inferRole: undefined }));
    expect(plan.postings.map((p) => p.roleId)).toEqual(['backend', null, null]);
  });

  it('passes the parser’s unlabeled flag on to the preview', async () => {
    const parsed = parseResearchDocument(DOC);
    const first = parsed.postings[0];
    if (!first) throw new Error('no posting');
    const plan = await planImport({ ...parsed, postings: [{ ...first, unlabeled: true }] }, deps());
    expect(plan.postings[0]?.unlabeled).toBe(true);
  });

  it('a role chosen later goes to the postings that needed one, and finds their duplicates', async () => {
    const plan = await planImport(parseResearchDocument(DOC), deps());
    const chosen = await assignRole(plan, 'backend', deps());
    expect(chosen.postings.map((p) => [p.company, p.roleId, p.roleNeeded ?? false])).toEqual([
      ['솔방울랩', 'backend', false],
      ['도토리소프트', 'frontend', false],
      ['밤송이컴퍼니', 'backend', false],
    ]);
    expect(storableInputs(chosen)).toHaveLength(3);

    // With that role, the server already has the posting (same content): it becomes a duplicate.
    const server = deps({
      findByContent: async (_key, roleId) =>
        roleId === 'backend' ? { id: 41, company: '밤송이컴퍼니' } : undefined,
    });
    const repeated = await assignRole(plan, 'backend', server);
    expect(repeated.postings.map((p) => p.company)).toEqual(['솔방울랩', '도토리소프트']);
    expect(repeated.duplicates).toMatchObject([
      { company: '밤송이컴퍼니', of: 'server', existing: { id: 41, company: '밤송이컴퍼니' } },
    ]);
  });
});
