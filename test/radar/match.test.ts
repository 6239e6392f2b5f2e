import { describe, expect, it } from 'vitest';
import type { Posting } from '../../src/services/postings/schema';
import { matchProfile, meetsPosting } from '../../src/services/radar/match';
import { deps, handMade, knowledge, posting } from './support';

const ROLE = { en: 'Backend developer', ko: '백엔드 개발자' };
const match = (
  aggregate: ReturnType<typeof handMade>,
  skills: string[],
  window: { postings: Posting[]; complete: boolean } = { postings: [], complete: true },
) => matchProfile(deps, { aggregate, roleLabel: ROLE, profile: knowledge.know(skills), window });

describe('coverage and gaps on hand-made totals', () => {
  const backend = handMade(
    'backend',
    10,
    {
      python: 8,
      django: 5,
      flask: 2,
      fastapi: 3,
      'rest-api': 4,
      aws: 3,
      gcp: 1,
      mysql: 2,
      rdbms: 3,
      'cs-degree': 4,
    },
    { docker: 5, kubernetes: 2, aws: 5 },
  );

  it('weights coverage by how many postings ask for each skill', () => {
    const result = match(backend, ['python', 'mysql']);
    // Requirement mentions: 8+5+2+3+4+3+1+2+3+4 = 35; Python 8, MySQL 2, and RDBMS 3 (met by MySQL).
    expect(result.coverage.required).toEqual({ share: 0.371, mentions: 35, covered: 13 });
    expect(result.coverage.preferred).toEqual({ share: 0, mentions: 12, covered: 0 });
  });

  it('says a group covered by a sibling once instead of listing its members as missing', () => {
    const result = match(backend, ['flask']);
    const ids = result.gaps.map((g) => g.id);
    expect(ids).not.toContain('django');
    expect(ids).not.toContain('fastapi');
    const web = result.coveredGroups.find((g) => g.id === 'python-web-framework');
    expect(web?.known.map((k) => k.id)).toEqual(['flask']);
    expect(web?.alsoAsked.map((o) => [o.id, o.count, o.share])).toEqual([
      ['django', 5, 0.5],
      ['fastapi', 3, 0.3],
    ]);
    // Flask implies Python: known, so not a gap, and counted.
    expect(ids).not.toContain('python');
  });

  it('lists a whole missing group of alternatives as one gap, with its members and a docs link', () => {
    const result = match(backend, ['python']);
    const cloud = result.gaps.find((g) => g.id === 'cloud');
    expect(cloud).toMatchObject({ kind: 'group', section: 'required', count: 4, share: 0.4 });
    expect(cloud?.members?.map((m) => m.id)).toEqual(['aws', 'gcp']);
    expect(cloud?.docs).toBe('https://docs.aws.amazon.com/');
    expect(result.gaps.map((g) => g.id)).not.toContain('aws');
  });

  it('ranks requirements first, then by how many postings ask; a degree is not something to study next', () => {
    // (The hand-made group counts add their members' counts, as if each posting named one member.)
    const result = match(backend, ['python']);
    expect(result.gaps.find((g) => g.id === 'rdbms')?.members?.map((m) => m.id)).toEqual(['mysql']);
    expect(result.gaps.map((g) => [g.id, g.section, g.count])).toEqual([
      ['python-web-framework', 'required', 10],
      ['rdbms', 'required', 5],
      ['cloud', 'required', 4],
      ['rest-api', 'required', 4],
      ['docker', 'preferred', 5],
      ['kubernetes', 'preferred', 2],
    ]);
    expect(result.gaps.find((g) => g.id === 'rest-api')?.docs).toMatch(/^https:\/\//);
  });

  it('an empty profile covers nothing and misses everything asked', () => {
    const result = match(backend, []);
    expect(result.coverage.required.share).toBe(0);
    expect(result.profileSkills).toBe(0);
    expect(result.strengths).toEqual([]);
    expect(result.gaps.length).toBeGreaterThan(5);
  });

  it('an empty role has nothing to cover and nothing missing', () => {
    const result = match(handMade('backend', 0, {}), ['python']);
    expect(result.coverage.required).toEqual({ share: null, mentions: 0, covered: 0 });
    expect(result.gaps).toEqual([]);
    expect(result.postingsMet).toEqual({ met: 0, of: 0, complete: true });
    expect(result.categories.every((c) => c.required === 0 && c.member === 0)).toBe(true);
  });
});

describe('postings met fully', () => {
  it('meets an item when the member has any skill it names; an item naming none known fails the posting', () => {
    const known = knowledge.know(['python', 'mysql']).all;
    expect(meetsPosting(posting('backend', [['python', 'java'], ['rdbms']]), known)).toBe(true);
    expect(meetsPosting(posting('backend', [['python'], ['kubernetes']]), known)).toBe(false);
    expect(meetsPosting(posting('backend', []), known)).toBeUndefined();
  });

  it('counts within the window, and draws the member inside the role on the radar', () => {
    const aggregate = handMade('backend', 3, { python: 3, kubernetes: 1 });
    const window = {
      postings: [
        posting('backend', [['python']]),
        posting('backend', [['python']]),
        posting('backend', [['python'], ['kubernetes']]),
      ],
      complete: true,
    };
    const result = match(aggregate, ['python'], window);
    expect(result.postingsMet).toEqual({ met: 2, of: 3, complete: true });
    const language = result.categories.find((c) => c.category === 'language');
    expect(language).toMatchObject({ required: 1, member: 1 });
    const devops = result.categories.find((c) => c.category === 'devops');
    expect(devops?.member).toBe(0);
    for (const c of result.categories) expect(c.member).toBeLessThanOrEqual(c.required);
  });
});
