import { describe, expect, it } from 'vitest';
import { createServices } from '../../src/services';
import { fixedClock } from '../../src/services/clock';
import { isUserError } from '../../src/services/errors';
import { compareSummaries } from '../../src/services/radar/compare';
import { skillDetail } from '../../src/services/radar/skill-detail';
import { addMonths, trendsOf } from '../../src/services/radar/trends';
import { createRoleDirectory } from '../../src/services/roles';
import { summarize } from '../../src/services/summary';
import { applyPosting, emptyAggregate, monthKey } from '../../src/services/summary/aggregate';
import { loadRoles } from '../../src/services/taxonomy/load';
import { tempStore } from '../support/services';
import { docs, handMade, normalizer, posting } from './support';

const roles = createRoleDirectory(loadRoles());
const ROLE = { en: 'Backend developer', ko: '백엔드 개발자' };

describe('months in the server’s time zone', () => {
  it('puts an instant in the month it falls in in Korea', () => {
    expect(monthKey('2026-05-31T14:59:59.000Z')).toBe('2026-05');
    expect(monthKey('2026-05-31T15:00:00.000Z')).toBe('2026-06');
    expect(monthKey('2026-05-31T15:00:00.000Z', 'UTC')).toBe('2026-05');
    expect(monthKey('2026-12-31T20:00:00.000Z')).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 2)).toBe('2026-02');
  });

  it('keeps per-month totals on add and takes them back on removal', () => {
    const aggregate = emptyAggregate('backend', normalizer.version);
    const may = posting('backend', [['python']], '2026-05-31T14:00:00.000Z');
    const june = posting('backend', [['python'], ['kubernetes']], '2026-05-31T16:00:00.000Z');
    applyPosting(aggregate, may, normalizer, 1);
    applyPosting(aggregate, june, normalizer, 1);
    expect(aggregate.months).toEqual({
      '2026-05': { postings: 1, skills: { python: 1 } },
      '2026-06': { postings: 1, skills: { python: 1, kubernetes: 1 } },
    });
    expect(aggregate.categories.required).toEqual({ language: 2, devops: 1 });
    applyPosting(aggregate, june, normalizer, -1);
    expect(aggregate.months).toEqual({ '2026-05': { postings: 1, skills: { python: 1 } } });
    expect(aggregate.categories.required).toEqual({ language: 1 });
  });
});

describe('trends', () => {
  const aggregate = handMade('backend', 30, {});
  aggregate.months = {
    '2026-06': { postings: 10, skills: { kubernetes: 1, python: 8 } },
    '2026-07': { postings: 5, skills: { kubernetes: 1, python: 4 } },
    // August: no posting added.
    '2026-09': { postings: 5, skills: { kubernetes: 2, python: 3 } },
    '2026-11': { postings: 10, skills: { kubernetes: 4, python: 8, aws: 1 } },
  };

  it('draws the top skills month by month, with gaps for months without postings', () => {
    // 2026-11-30T16:00Z is already December in Seoul: the window ends there.
    const t = trendsOf(normalizer, {
      aggregate,
      roleLabel: ROLE,
      now: new Date('2026-11-30T16:00:00.000Z'),
      months: 6,
    });
    expect(t.months).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(t.postings).toEqual([5, 0, 5, 0, 10, 0]);
    expect(t.series.map((s) => s.id)).toEqual(['python', 'kubernetes', 'aws']);
    expect(t.series[1]?.shares).toEqual([0.2, null, 0.4, null, 0.4, null]);
  });

  it('says what moved since the first month with postings, largest change first', () => {
    const t = trendsOf(normalizer, {
      aggregate,
      roleLabel: ROLE,
      now: new Date('2026-11-15T00:00:00.000Z'),
      months: 6,
    });
    expect(t.months[0]).toBe('2026-06');
    expect(t.moves[0]).toMatchObject({ id: 'kubernetes', from: 0.1, to: 0.4, since: '2026-06' });
    // Python stayed at 80%: not a move.
    expect(t.moves.map((m) => m.id)).not.toContain('python');
  });

  it('refuses a window outside 2 to 24 months through the service', async () => {
    const temp = await tempStore();
    try {
      const services = createServices({ store: temp.store, clock: fixedClock('2026-11-15T00:00:00.000Z') });
      await expect(services.radar.trends('g', 'backend', 25)).rejects.toSatisfy(isUserError);
      await expect(services.radar.trends('g', 'backend', 1.5)).rejects.toSatisfy(isUserError);
      const clock = services.clock as ReturnType<typeof fixedClock>;
      for (const [at, text] of [
        ['2026-09-10T03:00:00.000Z', '- Python 경험'],
        ['2026-10-10T03:00:00.000Z', '- Python, Kubernetes 경험'],
        ['2026-10-31T16:30:00.000Z', '- Kubernetes 운영 경험'],
      ] as const) {
        clock.set(at);
        await services.postings.add('g', { company: `C ${at}`, role: 'backend', requirements: text });
      }
      clock.set('2026-11-15T00:00:00.000Z');
      const t = await services.radar.trends('g', 'backend', 3);
      // The last posting was added on 1 November, Korean time.
      expect(t.postings).toEqual([1, 1, 1]);
      expect(t.series.find((s) => s.id === 'kubernetes')?.shares).toEqual([0, 1, 1]);
    } finally {
      await temp.remove();
    }
  });
});

describe('compare and skill details', () => {
  const backend = summarize(handMade('backend', 10, { java: 6, python: 4, docker: 3 }), normalizer, roles);
  const frontend = summarize(
    handMade('frontend', 5, { react: 5, typescript: 4, docker: 1 }),
    normalizer,
    roles,
  );

  it('puts two roles side by side', () => {
    const c = compareSummaries(backend, frontend);
    expect(c.both.map((s) => [s.id, s.a, s.b])).toEqual([['docker', 0.3, 0.2]]);
    expect(c.onlyA.map((s) => s.id)).toEqual(['java', 'python']);
    expect(c.onlyB.map((s) => s.id)).toEqual(['react', 'typescript']);
    expect(c.differences[0]).toMatchObject({ id: 'react', a: 0, b: 1 });
  });

  it('shows one skill in every role, and what the latest postings ask with it', () => {
    const window = {
      postings: [
        posting('backend', [['docker', 'kubernetes']]),
        posting('backend', [['django']]),
        posting('frontend', [['docker'], ['react']]),
      ].reverse(),
      complete: true,
    };
    const detail = skillDetail(
      { normalizer, docs, roleLabel: (id) => roles.get(id)?.label ?? { en: id, ko: id } },
      {
        skillId: 'docker',
        aggregates: [
          handMade('backend', 10, { docker: 3 }, { docker: 2 }),
          handMade('frontend', 5, { docker: 1 }),
        ],
        window,
      },
    );
    expect(detail.roles.map((r) => [r.role, r.share, r.required, r.preferred])).toEqual([
      ['backend', 0.5, 3, 2],
      ['frontend', 0.2, 1, 0],
    ]);
    expect(detail.postings).toBe(6);
    expect(detail.of).toBe(15);
    expect(detail.together.map((s) => [s.id, s.count])).toEqual([
      ['kubernetes', 1],
      ['react', 1],
    ]);
    expect(detail.latest.map((p) => p.role)).toEqual(['frontend', 'backend']);
    expect(detail.docs).toBe('https://docs.docker.com/');
  });
});
