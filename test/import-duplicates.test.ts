import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/services/clock';
import { UserError } from '../src/services/errors';
import { storableInputs } from '../src/services/import';
import { authorSummaryRecord } from '../src/services/import/service';
import { createServices } from '../src/services/index';
import { contentKey, foldForFingerprint } from '../src/services/postings/fingerprint';
import { contentIndexRecord, DERIVED_SCHEMA, guildMetaRecord } from '../src/services/postings/records';
import { miniRoles, miniTaxonomy } from './support/services';
import { availableStores, type TestStore, testStore } from './support/stores';

/** Postings without links: only their content tells them apart. */
const NOTES = (summary: string) => `# 백엔드 공고 정리

- 희망 직무: 백엔드

## 하나소프트

- 자격요건
  - Python 3년 이상
  - Django 경험
- 우대사항
  - AWS 경험

## 둘테크

- 자격요건
  - Java 경험

## 공통사항

- ${summary}
`;

const services = (t: TestStore) =>
  createServices({
    store: t.store,
    clock: fixedClock('2026-11-23T01:00:00.000Z'),
    taxonomy: miniTaxonomy(),
    roles: miniRoles(),
  });

describe('the content key', () => {
  it('folds case, spacing, bullets, punctuation and composed Hangul', () => {
    const a = { company: '하나소프트', requirements: '- Python 3년 이상\n- Django', preferred: '' };
    const same = { company: ' 하나소프트 ', requirements: 'python 3년이상, django.', preferred: '' };
    expect(contentKey(same)).toBe(contentKey(a));
    // 하 written as its two jamo is the same text once composed.
    expect(foldForFingerprint('\u1112\u1161나')).toBe(foldForFingerprint('하나'));
    expect(contentKey({ ...a, company: '셋랩' })).not.toBe(contentKey(a));
    expect(contentKey({ ...a, requirements: '- Python 5년 이상\n- Django' })).not.toBe(contentKey(a));
    expect(contentKey({ ...a, preferred: a.requirements, requirements: '' })).not.toBe(contentKey(a));
  });
});

const kinds = await availableStores();

describe.each(kinds)('importing twice into a $kind store', ({ kind, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await testStore(kind);
  });
  afterAll(async () => {
    await t?.remove();
  });

  it.skipIf(skip)(
    'stores nothing the second time, and lists the server’s postings as duplicates',
    async () => {
      const s = services(t);
      const first = await s.imports.preview('twice', NOTES('Python'));
      const { added } = await s.imports.commit('twice', first, 'notes.md');
      expect(added.map((p) => p.company)).toEqual(['하나소프트', '둘테크']);

      const again = await s.imports.preview('twice', NOTES('Python'));
      expect(storableInputs(again)).toEqual([]);
      expect(again.empty).toBe(true);
      expect(again.duplicates).toMatchObject([
        { company: '하나소프트', of: 'server', existing: { id: added[0]?.id, company: '하나소프트' } },
        { company: '둘테크', of: 'server', existing: { id: added[1]?.id, company: '둘테크' } },
      ]);
      await expect(s.imports.commit('twice', again, 'notes.md')).rejects.toThrow(UserError);
      expect((await s.postings.list('twice')).total).toBe(2);

      // A removed posting is no longer a duplicate; an edited one is known by its new content.
      await s.postings.remove('twice', added[1]?.id ?? 0);
      await s.postings.edit('twice', added[0]?.id ?? 0, { requirements: '- Python 5년 이상' });
      const third = await s.imports.preview('twice', NOTES('Python'));
      expect(storableInputs(third).map((i) => i.company)).toEqual(['하나소프트', '둘테크']);
      expect((await s.postings.check('twice')).problems).toEqual([]);
    },
  );

  it.skipIf(skip)('an identical posting added by hand is stored, and its twin named', async () => {
    const s = services(t);
    const input = { company: '셋랩', role: 'backend', requirements: 'Go 경험\nMySQL', preferred: '' };
    const one = await s.postings.add('hand', input);
    const two = await s.postings.add('hand', { ...input, requirements: '- go 경험\n- MySQL.' });
    const other = await s.postings.add('hand', { ...input, role: 'frontend' });
    expect(await s.postings.twinsOf('hand', two)).toEqual([one.id]);
    expect(await s.postings.twinsOf('hand', one)).toEqual([two.id]);
    // The same text under another role is another posting.
    expect(await s.postings.twinsOf('hand', other)).toEqual([]);
    const key = contentKey(input);
    expect((await s.postings.findByContent('hand', key, 'frontend'))?.id).toBe(other.id);
    expect((await s.postings.findByContent('hand', key))?.id).toBe(one.id);
    expect(await s.postings.findByContent('hand', key, 'data-engineer')).toBeUndefined();
  });

  it.skipIf(skip)(
    'doctor finds a missing content index record, and an older store rebuilds them',
    async () => {
      const s = services(t);
      const [posting] = await s.postings.addMany('old', [
        { company: '넷소프트', role: 'backend', requirements: 'Python 경험', preferred: '' },
      ]);
      if (!posting) throw new Error('nothing added');
      const key = contentKey({
        company: posting.company,
        requirements: posting.requirementsText,
        preferred: posting.preferredText,
      });
      const scope = t.store.guild('old');
      await scope.change(async (tx) => tx.delete(contentIndexRecord, key));
      const { problems } = await s.postings.check('old');
      expect(problems).toEqual([
        { record: `content:${key}`, kind: 'missing', details: [{ code: 'needed' }] },
      ]);

      // A store written before the index existed: its derived records are rebuilt when it is next opened.
      await scope.change(async (tx) => {
        const meta = await tx.read(guildMetaRecord);
        if (meta) tx.write(guildMetaRecord, undefined, { ...meta, derivedSchema: DERIVED_SCHEMA - 1 });
      });
      const reopened = services(t);
      expect((await reopened.postings.findByContent('old', key, 'backend'))?.id).toBe(posting.id);
      expect((await reopened.postings.check('old')).problems).toEqual([]);
    },
  );

  it.skipIf(skip)('keeps each document’s own summary, and a new import of it replaces it', async () => {
    const s = services(t);
    const other = NOTES('Go')
      .replace('# 백엔드 공고 정리', '# 다른 정리')
      .replace(/하나소프트|둘테크/g, '다섯$&');
    await s.imports.commit('docs', await s.imports.preview('docs', NOTES('Python')), 'notes.md');
    await s.imports.commit('docs', await s.imports.preview('docs', other), 'other.md');
    const both = await s.imports.authorSummaries('docs', 'backend');
    expect(both.map((own) => own.document).sort()).toEqual(['다른 정리', '백엔드 공고 정리']);

    // The same document again, with one posting more and its summary rewritten.
    const grown = `${NOTES('Python, Django').replace('## 공통사항', '## 여섯랩\n\n- 자격요건\n  - Rust\n\n## 공통사항')}`;
    const plan = await s.imports.preview('docs', grown);
    expect(storableInputs(plan).map((i) => i.company)).toEqual(['여섯랩']);
    await s.imports.commit('docs', plan, 'notes-v2.md');
    const kept = await s.imports.authorSummaries('docs', 'backend');
    expect(kept).toHaveLength(2);
    expect(kept.find((own) => own.document === '백엔드 공고 정리')?.text).toContain('Python, Django');
    const md = (await s.exports.export('docs', { format: 'markdown', locale: 'ko' })).content;
    expect(md).toContain('> **백엔드 공고 정리 (백엔드): 그룹이 직접 쓴 정리**');
    expect(md).toContain('> **다른 정리 (백엔드): 그룹이 직접 쓴 정리**');
    const en = (await s.exports.export('docs', { format: 'markdown', locale: 'en' })).content;
    expect(en).toContain('> **다른 정리 (Backend): the group’s own summary**');

    // A summary kept by an older version (one per role) is still shown.
    await t.store.guild('docs').change(async (tx) =>
      tx.write(authorSummaryRecord, 'backend', {
        text: '- 예전 정리',
        source: 'old.md',
        importedAt: '2026-01-01T00:00:00.000Z',
      }),
    );
    const withLegacy = await s.imports.authorSummaries('docs', 'backend');
    expect(withLegacy.map((own) => own.document ?? own.source)).toEqual([
      expect.any(String),
      expect.any(String),
      'old.md',
    ]);
    expect(await s.imports.authorSummaries('docs', 'frontend')).toEqual([]);
  });
});
