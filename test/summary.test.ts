import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../src/services/index';
import { experienceRange } from '../src/services/summary';
import { skillSchema } from '../src/services/taxonomy/schema';
import { miniRoles, miniServices, miniTaxonomy } from './support/services';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('role summary', () => {
  it('counts postings naming each skill and group per section, with shares, sorted', async () => {
    const ctx = await miniServices();
    cleanup = ctx.cleanup;
    const add = (company: string, requirements: string, preferred = '') =>
      ctx.services.postings.add('g', { company, role: 'backend', requirements, preferred });
    await add('A', '- Python 3년 이상\n- Django 경험', '- AWS');
    await add('B', '- 파이썬 개발 경력 1년 이상\n- Flask', '- GCP, Azure');
    await add('C', '- Java 5년 이상\n- Spring Boot', '- AWS 경험\n- Python');
    await add('A', '- 신입 환영\n- FastAPI 또는 Django');

    const s = await ctx.services.summary.forRole('g', 'backend');
    expect(s).toMatchObject({ role: 'backend', postings: 4, companies: 3 });
    expect(s.required[0]).toMatchObject({ id: 'python', count: 3, share: 0.75, required: 3, preferred: 1 });
    // One of the three only names FastAPI or Django, which imply Python: the summary says so.
    expect(s.required[0]?.implied).toBe(1);
    expect(s.required.find((x) => x.id === 'django')?.implied).toBe(0);
    expect(s.either.find((x) => x.id === 'python')).toMatchObject({ count: 4, share: 1 });
    expect(s.preferred.map((x) => [x.id, x.count])).toEqual([
      ['aws', 2],
      ['azure', 1],
      ['gcp', 1],
      ['python', 1],
    ]);
    const web = s.groups.find((g) => g.id === 'python-web-framework');
    expect(web).toMatchObject({ count: 3, share: 0.75, required: 3, preferred: 0 });
    expect(web?.members).toEqual([
      { id: 'django', label: 'Django', labelKo: 'Django', count: 2 },
      { id: 'fastapi', label: 'FastAPI', labelKo: 'FastAPI', count: 1 },
      { id: 'flask', label: 'Flask', labelKo: 'Flask', count: 1 },
    ]);
    expect(s.groups.find((g) => g.id === 'cloud')).toMatchObject({ count: 3, required: 0, preferred: 3 });
    expect(s.experience).toEqual({ min: 0, median: 2, max: 5, count: 4, juniorFriendly: 1 });
  });

  it('is empty, not broken, for a role with no postings', async () => {
    const ctx = await miniServices();
    cleanup = ctx.cleanup;
    const s = await ctx.services.summary.forRole('g', 'frontend');
    expect(s).toMatchObject({ postings: 0, companies: 0, required: [], groups: [] });
    expect(s.experience).toEqual({ min: null, median: null, max: null, count: 0, juniorFriendly: 0 });
  });

  it('computes the median of a histogram', () => {
    expect(experienceRange({ '1': 2, '3': 1, '0.5': 1 }, 0)).toMatchObject({
      min: 0.5,
      median: 1,
      max: 3,
      count: 4,
    });
    expect(experienceRange({ '2': 1, '4': 1 }, 0).median).toBe(3);
  });

  it('re-normalizes stored postings when the taxonomy changes', async () => {
    const ctx = await miniServices();
    cleanup = ctx.cleanup;
    await ctx.services.postings.add('g', {
      company: 'A',
      role: 'backend',
      requirements: '- Ktor 경험\n- Python',
    });
    expect((await ctx.services.summary.forRole('g', 'backend')).required.map((s) => s.id)).toEqual([
      'python',
    ]);

    const taxonomy = miniTaxonomy();
    taxonomy.version = 'mini-2';
    taxonomy.skills.push(
      skillSchema.parse({ id: 'ktor', label: 'Ktor', category: 'framework', aliases: ['ktor'] }),
    );
    const next = createServices({ store: ctx.temp.store, clock: ctx.clock, taxonomy, roles: miniRoles() });
    const s = await next.summary.forRole('g', 'backend');
    expect(s.required.map((x) => x.id).sort()).toEqual(['ktor', 'python']);
    expect(s).toMatchObject({ postings: 1, companies: 1 });
    const stored = await next.postings.get('g', 1);
    expect(stored.taxonomyVersion).toBe('mini-2');
    expect(stored.items[0]?.skills).toEqual([{ id: 'ktor' }]);
  });
});

describe('derived records', () => {
  it('are rebuilt from the postings when their shape changed', async () => {
    const ctx = await miniServices();
    cleanup = ctx.cleanup;
    await ctx.services.postings.add('g', { company: 'A', role: 'backend', requirements: '- Python' });
    const scope = await ctx.services.postings.open('g');
    const { guildMetaRecord } = await import('../src/services/postings/records');
    const { aggregateRecord } = await import('../src/services/summary/aggregate');
    const meta = await scope.get(guildMetaRecord);
    const stale = await scope.get(aggregateRecord, 'backend');
    if (!meta || !stale) throw new Error('expected stored records');
    await scope.change(async (tx) => {
      tx.write(guildMetaRecord, undefined, { ...meta, derivedSchema: 1 });
      tx.write(aggregateRecord, 'backend', { ...stale, postings: 99, companies: 42 });
    });

    const next = createServices({
      store: ctx.temp.store,
      clock: ctx.clock,
      taxonomy: miniTaxonomy(),
      roles: miniRoles(),
    });
    expect(await next.summary.forRole('g', 'backend')).toMatchObject({ postings: 1, companies: 1 });
  });
});
