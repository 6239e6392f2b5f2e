import { afterEach, describe, expect, it } from 'vitest';
import { PREVIEW_TTL_MS } from '../src/services/import/service';
import { miniServices } from './support/services';

const DOC = `# 리서치
- 희망 직무 : Back-end

- [가나다](https://example.com/jobs/1)
  - 자격요건
    - Python 3년 이상
    - Django 경험
  - 우대사항
    - AWS

- [라마바](https://example.com/jobs/2)
  - 자격요건
    - Java
  - 우대사항
    - Kubernetes

## Review
- 공통: Python
`;

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
});

describe('import service', () => {
  it('previews without storing, commits all, keeps the authors summary for the role', async () => {
    const ctx = await miniServices();
    cleanup = ctx.cleanup;
    const plan = await ctx.services.imports.preview('g', DOC, { submittedBy: 'u1' });
    expect(plan.inputs.map((i) => i.company)).toEqual(['가나다', '라마바']);
    expect((await ctx.services.postings.list('g')).total).toBe(0);
    const { added } = await ctx.services.imports.commit('g', plan, 'doc.md');
    expect(added.map((p) => [p.id, p.roleId, p.submittedBy])).toEqual([
      [1, 'backend', 'u1'],
      [2, 'backend', 'u1'],
    ]);
    const [own] = await ctx.services.imports.authorSummaries('g', 'backend');
    expect(own).toMatchObject({ document: '리서치', source: 'doc.md' });
    expect(own?.text).toContain('공통: Python');
    const again = await ctx.services.imports.preview('g', DOC);
    expect(again.inputs).toEqual([]);
    expect(again.duplicates.map((d) => d.existing?.id)).toEqual([1, 2]);
  });

  it('keeps a staged preview for its owner, once, until it expires', async () => {
    const ctx = await miniServices();
    cleanup = ctx.cleanup;
    const plan = await ctx.services.imports.preview('g', DOC);
    const token = ctx.services.imports.stage('g', 'u1', plan);
    expect(ctx.services.imports.take(token, 'g', 'u2')).toBeUndefined();
    expect(ctx.services.imports.take(token, 'other', 'u1')).toBeUndefined();
    expect(ctx.services.imports.take(token, 'g', 'u1')?.plan).toBe(plan);
    expect(ctx.services.imports.take(token, 'g', 'u1')).toBeUndefined();

    const late = ctx.services.imports.stage('g', 'u1', plan);
    ctx.clock.advance(PREVIEW_TTL_MS + 1);
    expect(ctx.services.imports.take(late, 'g', 'u1')).toBeUndefined();
  });
});
