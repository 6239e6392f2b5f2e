import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/services';
import { fixedClock } from '../../src/services/clock';
import { isUserError, type UserError } from '../../src/services/errors';
import { MAX_PROFILE_TEXT } from '../../src/services/radar/profile';
import { createSkillSearch } from '../../src/services/radar/skill-search';
import { tempStore } from '../support/services';
import { normalizer } from './support';

let services: Services;
let temp: Awaited<ReturnType<typeof tempStore>>;

beforeEach(async () => {
  temp = await tempStore();
  services = createServices({ store: temp.store, clock: fixedClock('2026-11-20T00:00:00.000Z') });
});
afterEach(() => temp.remove());

describe('profiles', () => {
  it('understands free text in Korean and English, shows what it implies and what it did not understand', async () => {
    const change = await services.radar.profiles.set(
      'g',
      'alice',
      '파이썬, 장고, AWS, 도커, SQL 조금, 요리 잘함',
    );
    expect(change.profile.explicit).toEqual(
      expect.arrayContaining(['python', 'django', 'aws', 'docker', 'sql']),
    );
    expect(change.notUnderstood).toEqual(['요리 잘함']);
    const again = await services.radar.profiles.get('g', 'alice');
    expect(again.explicit).toEqual(change.profile.explicit);
    expect(again.updatedAt).toBe('2026-11-20T00:00:00.000Z');
    // Names that need a neighbour to be technology (Go) count in a list.
    const go = await services.radar.profiles.set('g', 'alice', 'Java, Go, Kotlin');
    expect(go.profile.explicit).toEqual(expect.arrayContaining(['java', 'go', 'kotlin']));
  });

  it('counts implications and generic skills without storing them', async () => {
    const { profile } = await services.radar.profiles.set('g', 'alice', 'Django REST Framework, MySQL');
    expect(profile.explicit).toEqual(
      ['django-rest-framework', 'mysql'].sort(
        (a, b) => profile.explicit.indexOf(a) - profile.explicit.indexOf(b),
      ),
    );
    expect(profile.derived.get('django')).toEqual({ kind: 'implied', by: 'django-rest-framework' });
    expect(profile.derived.get('python')?.kind).toBe('implied');
    expect(profile.derived.get('rdbms')).toEqual({ kind: 'generic', by: 'mysql' });
  });

  it('adds, removes (by id from autocomplete or by name) and clears', async () => {
    await services.radar.profiles.set('g', 'alice', 'Python');
    const added = await services.radar.profiles.add('g', 'alice', 'kubernetes');
    expect(added.changed).toEqual(['kubernetes']);
    const removed = await services.radar.profiles.remove('g', 'alice', '파이썬');
    expect(removed.changed).toEqual(['python']);
    expect(removed.profile.explicit).toEqual(['kubernetes']);
    expect(await services.radar.profiles.clear('g', 'alice')).toBe(true);
    expect(await services.radar.profiles.clear('g', 'alice')).toBe(false);
    expect((await services.radar.profiles.get('g', 'alice')).explicit).toEqual([]);
  });

  it('is one per member per server', async () => {
    await services.radar.profiles.set('g1', 'alice', 'Python');
    await services.radar.profiles.set('g1', 'bob', 'Java');
    await services.radar.profiles.set('g2', 'alice', 'Go 언어');
    expect((await services.radar.profiles.get('g1', 'alice')).explicit).toEqual(['python']);
    expect((await services.radar.profiles.get('g1', 'bob')).explicit).toEqual(['java']);
    expect((await services.radar.profiles.get('g2', 'alice')).explicit).toEqual(['go']);
  });

  it('refuses empty, huge and meaningless text, and changes nothing', async () => {
    await services.radar.profiles.set('g', 'alice', 'Python');
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: unknown) => (isUserError(e) ? (e as UserError).code : String(e)),
      );
    expect(await code(services.radar.profiles.set('g', 'alice', '   '))).toBe('input.empty');
    expect(await code(services.radar.profiles.set('g', 'alice', 'a'.repeat(MAX_PROFILE_TEXT + 1)))).toBe(
      'input.too-long',
    );
    expect(await code(services.radar.profiles.set('g', 'alice', '잘 모르겠어요'))).toBe(
      'profile.nothing-understood',
    );
    expect((await services.radar.profiles.get('g', 'alice')).explicit).toEqual(['python']);
  });

  it('reads a long hostile list in linear time', async () => {
    const text = `${'Python, '.repeat(2000)}${'[<('.repeat(1000)}`.slice(0, MAX_PROFILE_TEXT);
    const started = performance.now();
    const change = await services.radar.profiles.set('g', 'alice', text);
    expect(change.profile.explicit).toEqual(['python']);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('skill search for autocomplete', () => {
  const search = createSkillSearch(normalizer);
  const first = (q: string) => search.search(q, { limit: 5 }).map((s) => s.id);

  it('finds skills by English or Korean names, whole or begun', () => {
    expect(first('django')[0]).toBe('django');
    expect(first('dja')[0]).toBe('django');
    expect(first('장고')[0]).toBe('django');
    expect(first('도커')[0]).toBe('docker');
    expect(first('쿠버')[0]).toBe('kubernetes');
  });

  it('finds 장고 from its initial consonants, a half-typed syllable, or an English keyboard', () => {
    expect(first('ㅈㄱ')[0]).toBe('django');
    expect(first('장ㄱ')[0]).toBe('django');
    expect(first('wkdrh')[0]).toBe('django');
  });

  it('breaks ties with the rank it is given, and answers anything with at most the limit', () => {
    const ranked = search.search('ㅋ', { limit: 3, rank: (id) => (id === 'kotlin' ? 100 : 0) });
    expect(ranked.length).toBeLessThanOrEqual(3);
    expect(search.search('', { limit: 25 })).toHaveLength(25);
    expect(search.search('\u0000<script>'.repeat(100))).toEqual([]);
  });
});
