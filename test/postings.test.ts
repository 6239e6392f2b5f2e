import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../src/services/errors';
import { miniServices } from './support/services';

type Ctx = Awaited<ReturnType<typeof miniServices>>;
let ctx: Ctx;
beforeEach(async () => {
  ctx = await miniServices();
});
afterEach(async () => {
  await ctx.cleanup();
});

const posting = (n: number, extra: Record<string, string> = {}) => ({
  company: `Company ${n}`,
  role: '백엔드',
  requirements: '- Python 3년 이상\n- Django 경험\n- AWS 사용 경험',
  preferred: '- Kubernetes 운영 경험\n- 영어 가능',
  url: `https://www.wanted.co.kr/wd/${n}?utm_source=google`,
  submittedBy: 'u1',
  ...extra,
});

async function expectUserError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  return error as UserError;
}

describe('postings', () => {
  it('stores a posting with its raw text, normalized items and taxonomy version', async () => {
    const p = await ctx.services.postings.add('g1', posting(1));
    expect(p).toMatchObject({ id: 1, company: 'Company 1', roleId: 'backend', taxonomyVersion: 'mini-1' });
    expect(p.requirementsText).toContain('Python 3년 이상');
    expect(p.items.map((i) => i.section)).toEqual([
      'required',
      'required',
      'required',
      'preferred',
      'preferred',
    ]);
    expect(p.items[0]?.experience).toEqual({ minYears: 3, junior: false });
    expect(await ctx.services.postings.get('g1', 1)).toEqual(p);
  });

  it('gives short per-server ids', async () => {
    await ctx.services.postings.add('g1', posting(1));
    await ctx.services.postings.add('g1', posting(2));
    expect((await ctx.services.postings.add('g2', posting(3))).id).toBe(1);
  });

  it('refuses a duplicate URL in the same server, ignoring tracking parameters, and names the original', async () => {
    await ctx.services.postings.add('g1', posting(7));
    const error = await expectUserError(
      ctx.services.postings.add('g1', posting(8, { url: 'https://wanted.co.kr/wd/7/?utm_campaign=x#apply' })),
      'posting.duplicate-url',
    );
    expect(error.params).toEqual({ id: 1, company: 'Company 7' });
    expect((await ctx.services.postings.list('g1')).total).toBe(1);
    expect((await ctx.services.postings.add('g2', posting(7))).id).toBe(1);
  });

  it.each([
    [{ company: '' }, 'input.empty'],
    [{ company: 'x'.repeat(101) }, 'input.too-long'],
    [{ requirements: 'x'.repeat(100_000) }, 'input.too-long'],
    [{ url: 'not a url' }, 'input.bad-url'],
    [{ url: 'javascript:alert(1)' }, 'input.bad-url'],
    [{ role: '우주비행사' }, 'role.unknown'],
    [{ requirements: '   ', preferred: '' }, 'posting.no-items'],
  ])('refuses %o with %s and stores nothing', async (override, code) => {
    await ctx.services.postings.add('g1', posting(1));
    await expectUserError(ctx.services.postings.add('g1', posting(2, override)), code);
    const page = await ctx.services.postings.list('g1');
    expect(page.entries.map((e) => e.id)).toEqual([1]);
    expect((await ctx.services.summary.forRole('g1', 'backend')).postings).toBe(1);
  });

  it('lists newest first, by role, with paging', async () => {
    for (let i = 1; i <= 12; i++) {
      await ctx.services.postings.add('g1', posting(i, i % 3 === 0 ? { role: 'frontend' } : {}));
    }
    const first = await ctx.services.postings.list('g1', { limit: 5 });
    expect(first.total).toBe(12);
    expect(first.entries.map((e) => e.id)).toEqual([12, 11, 10, 9, 8]);
    const second = await ctx.services.postings.list('g1', { limit: 5, offset: 5 });
    expect(second.entries.map((e) => e.id)).toEqual([7, 6, 5, 4, 3]);
    const frontend = await ctx.services.postings.list('g1', { roleId: 'frontend' });
    expect(frontend.entries.map((e) => e.id)).toEqual([12, 9, 6, 3]);
    expect(frontend.total).toBe(4);
  });

  it('removes only for the submitter or a manager, and updates the totals', async () => {
    await ctx.services.postings.add('g1', posting(1));
    await expectUserError(
      ctx.services.postings.remove('g1', 1, { userId: 'u2', canManage: false }),
      'posting.not-allowed',
    );
    expect((await ctx.services.summary.forRole('g1', 'backend')).postings).toBe(1);
    await ctx.services.postings.remove('g1', 1, { userId: 'u2', canManage: true });
    await expectUserError(ctx.services.postings.get('g1', 1), 'posting.not-found');
    const summary = await ctx.services.summary.forRole('g1', 'backend');
    expect(summary).toMatchObject({ postings: 0, companies: 0, required: [], preferred: [], groups: [] });
    // the URL is free again
    await ctx.services.postings.add('g1', posting(1));
  });

  it('cannot remove in another server', async () => {
    await ctx.services.postings.add('g1', posting(1));
    await expectUserError(ctx.services.postings.remove('g2', 1), 'posting.not-found');
    expect((await ctx.services.postings.get('g1', 1)).company).toBe('Company 1');
  });

  it('edits: re-normalizes, keeps id and creation time, moves the totals between roles', async () => {
    const original = await ctx.services.postings.add('g1', posting(1));
    ctx.clock.advance(60_000);
    const edited = await ctx.services.postings.edit(
      'g1',
      1,
      { role: 'frontend', requirements: '- JavaScript 경험' },
      { userId: 'u1', canManage: false },
    );
    expect(edited).toMatchObject({ id: 1, roleId: 'frontend', createdAt: original.createdAt });
    expect(edited.updatedAt).not.toBe(original.updatedAt);
    expect((await ctx.services.summary.forRole('g1', 'backend')).postings).toBe(0);
    const frontend = await ctx.services.summary.forRole('g1', 'frontend');
    expect(frontend.required.map((s) => s.id)).toEqual(['javascript']);
    await expectUserError(
      ctx.services.postings.edit('g1', 1, { company: 'x' }, { userId: 'u2', canManage: false }),
      'posting.not-allowed',
    );
  });

  it('splits a pasted text that holds both sections at the preferred label', async () => {
    const p = await ctx.services.postings.add('g1', {
      ...posting(1),
      requirements: '자격요건\n- Python\n\n우대사항\n- AWS',
      preferred: '',
    });
    expect(p.items.map((i) => [i.section, i.text])).toEqual([
      ['required', 'Python'],
      ['preferred', 'AWS'],
    ]);
  });

  it('adds many all or nothing', async () => {
    await ctx.services.postings.add('g1', posting(1));
    await expectUserError(
      ctx.services.postings.addMany('g1', [posting(2), posting(3), posting(1)]),
      'posting.duplicate-url',
    );
    expect((await ctx.services.postings.list('g1')).total).toBe(1);
    const added = await ctx.services.postings.addMany('g1', [posting(2), posting(3)]);
    expect(added.map((p) => p.id)).toEqual([2, 3]);
  });

  it('adds 500 postings concurrently without losing or duplicating any', async () => {
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => ctx.services.postings.add('g1', posting(i + 1))),
    );
    const ids = results.map((p) => p.id);
    expect(new Set(ids).size).toBe(500);
    expect(Math.max(...ids)).toBe(500);
    const summary = await ctx.services.summary.forRole('g1', 'backend');
    expect(summary.postings).toBe(500);
    expect(summary.companies).toBe(500);
    expect(summary.required.find((s) => s.id === 'python')?.count).toBe(500);
    const listed = await ctx.services.postings.list('g1', { limit: 100, offset: 400 });
    expect(listed.entries.map((e) => e.id)).toEqual(Array.from({ length: 100 }, (_, i) => 100 - i));
    for (const id of [1, 250, 500]) expect((await ctx.services.postings.get('g1', id)).id).toBe(id);
  });
});

describe('a whole posting pasted into the requirements field', () => {
  it('sorts its sections, leaves out duties and benefits, and keeps the text as pasted', async () => {
    const text = [
      '주요업무',
      '• 결제 API 개발',
      '자격요건',
      '• Python 3년 이상',
      '### 우대 사항',
      '• AWS',
      '혜택 및 복지',
      '• 점심 식대',
    ].join('\n');
    const p = await ctx.services.postings.add('g1', { company: 'A', role: 'backend', requirements: text });
    expect(p.items.map((i) => [i.section, i.text])).toEqual([
      ['required', 'Python 3년 이상'],
      ['preferred', 'AWS'],
    ]);
    expect(p.requirementsText).toBe(text);
  });
});
