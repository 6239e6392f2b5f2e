import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import type { Io } from '../src/cli/runtime';
import { digestGuildsRecord } from '../src/services/digest/config';
import { createServices } from '../src/services/index';
import { guildMetaRecord, postingRecord, urlIndexRecord } from '../src/services/postings/records';
import { openStore, type Store } from '../src/services/store/repository';
import { aggregateRecord } from '../src/services/summary/aggregate';
import { runCli } from './support/cli';

/** The CLI in this process (the real bin runs once per store, for its exit code and output). */
async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '' };
  const code = await main([...args, ...(args.includes('--lang') ? [] : ['--lang', 'en'])], io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

import { availableStores, freshUrl } from './support/stores';

const kinds = await availableStores();
const dir = mkdtempSync(join(tmpdir(), 'role-radar-maint-'));
const cleanups: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const input = (n: number) => ({
  company: `Company ${n % 3}`,
  role: n % 2 ? 'backend' : 'frontend',
  url: `https://jobs.example/m/${n}`,
  requirements: '- Python 3년 이상\n- AWS',
  preferred: '- Docker',
});

async function seeded(kind: (typeof kinds)[number]['kind'], postings = 5) {
  const { url, cleanup } = freshUrl(kind);
  cleanups.push(cleanup);
  const store = await openStore(url);
  const services = createServices({ store });
  for (let n = 1; n <= postings; n++) await services.postings.add('m', input(n));
  return { url, store, services };
}

/** What a crash of an older version could leave behind: totals, index and counter that disagree with the postings. */
async function breakLikeAnOldCrash(store: Store) {
  const scope = store.guild('m');
  await scope.change(async (tx) => {
    const meta = await tx.read(guildMetaRecord);
    const aggregate = await tx.read(aggregateRecord, 'backend');
    if (!meta || !aggregate) throw new Error('seeded store has no meta');
    tx.write(guildMetaRecord, undefined, { ...meta, nextId: 3, derivedSchema: 2 });
    tx.write(aggregateRecord, 'backend', { ...aggregate, postings: aggregate.postings + 7 });
    tx.write(urlIndexRecord, 'https://jobs.example/gone', { id: 999 });
  });
}

describe.each(kinds)('maintaining a $kind store', ({ kind, skip }) => {
  it.skipIf(skip)('repairs, when it is opened, a server an older version left half-written', async () => {
    const { url, store } = await seeded(kind);
    await breakLikeAnOldCrash(store);
    await store.close();

    const again = await openStore(url);
    try {
      const services = createServices({ store: again });
      const added = await services.postings.add('m', input(6));
      expect(added.id).toBe(6);
      expect(await services.postings.check('m')).toEqual({ problems: [], postings: 6 });
      expect((await services.summary.forRole('m', 'backend')).postings).toBe(3);
      expect(await services.postings.findByUrl('m', 'https://jobs.example/gone')).toBeUndefined();
    } finally {
      await again.close();
    }
  });

  it.skipIf(skip)('doctor finds every difference, says so in its exit code, and repairs it', async () => {
    const { url, store } = await seeded(kind);
    const first = await runCli(['doctor', '--store', url]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('every total, count and index matches');
    // Broken without marking it old, so nothing repairs it on open: only doctor can tell.
    await store.guild('m').change(async (tx) => {
      const aggregate = await tx.read(aggregateRecord, 'backend');
      if (aggregate) tx.write(aggregateRecord, 'backend', { ...aggregate, postings: 2100 });
      tx.write(urlIndexRecord, 'https://jobs.example/gone', { id: 999 });
      tx.delete(postingRecord, '2');
    });
    await store.close();

    const found = await cli(['doctor', '--json', '--store', url]);
    expect(found.code).toBe(1);
    const report = JSON.parse(found.stdout);
    const records = report.problems.map((p: { record: string }) => p.record);
    expect(records).toEqual(
      expect.arrayContaining([
        'aggregate:backend',
        'url:https://jobs.example/gone',
        'url:https://jobs.example/m/2',
        'meta',
      ]),
    );
    expect(report.postings).toBe(4);
    const aggregate = report.problems.find((p: { record: string }) => p.record === 'aggregate:backend');
    expect(aggregate.detail).toMatch(/^postings: 2100, counted 3\b/);
    expect(aggregate.details[0]).toEqual({ code: 'count', field: 'postings', found: 2100, counted: 3 });

    const korean = await cli(['doctor', '--store', url, '--lang', 'ko']);
    expect(korean.code).toBe(1);
    expect(korean.stdout).toContain('차이');
    // The details too are said in the reader's language.
    expect(korean.stdout).toMatch(/aggregate:backend \(다름\): 공고 수 2100, 다시 세면 3/);
    expect(korean.stdout).not.toMatch(/counted|postings/);

    const repaired = await cli(['doctor', '--repair', '--store', url]);
    expect(repaired.code).toBe(1);
    expect(repaired.stdout).toContain('consistent again');
    const clean = await cli(['doctor', '--json', '--store', url]);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ problems: [], servers: 1, postings: 4 });
  });

  it.skipIf(skip)('backs up while writers run, and restores into an empty store of any kind', async () => {
    const { url, services } = await seeded(kind, 3);
    const file = join(dir, `${kind}-backup`);
    // Backups taken while this process keeps adding: each is one consistent state.
    const writing = (async () => {
      for (let n = 10; n < 30; n++) await services.postings.add('m', input(n));
    })();
    const backup = await cli(['backup', file, '--store', url]);
    await writing;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(kind === 'sqlite' ? '(sqlite)' : '(json)');
    expect((await cli(['backup', file, '--store', url])).stderr).toMatch(/already exists/);

    const target = freshUrl(kind);
    cleanups.push(target.cleanup);
    const restored = await cli(['restore', file, '--store', target.url]);
    expect(restored.code, restored.stderr).toBe(0);
    const doctor = await cli(['doctor', '--json', '--store', target.url]);
    expect(doctor.code, doctor.stdout).toBe(0);
    const copy = JSON.parse(doctor.stdout).postings;
    expect(copy).toBeGreaterThanOrEqual(3);
    expect(copy).toBeLessThanOrEqual(23);

    expect((await cli(['restore', file, '--store', target.url])).stderr).toMatch(/--replace/);
    expect((await cli(['restore', file, '--replace', '--store', target.url])).code).toBe(0);
    const other = freshUrl('sqlite');
    cleanups.push(other.cleanup);
    expect((await cli(['restore', file, '--store', other.url])).code).toBe(0);
    expect(JSON.parse((await cli(['doctor', '--json', '--store', other.url])).stdout).postings).toBe(copy);
  });
});

describe('doctor on the digest list', () => {
  it('finds a server listed with its digest off, or on and not listed, and repairs the list', async () => {
    const { url, store, services } = await seeded('sqlite', 1);
    await services.digest.configure('m', { channelId: '123456789012345678' });
    await services.digest.configure('n', { channelId: '123456789012345678' });
    await store.global.change(async (tx) =>
      tx.write(digestGuildsRecord, undefined, { guilds: ['gone', 'm'] }),
    );
    await store.close();
    const found = await cli(['doctor', '--json', '--store', url]);
    expect(found.code).toBe(1);
    expect(JSON.parse(found.stdout).problems).toEqual([
      {
        guild: 'gone',
        record: 'global:digest-guilds',
        kind: 'unexpected',
        detail: expect.stringMatching(/off/),
        details: [{ code: 'digest-listed' }],
      },
      {
        guild: 'n',
        record: 'global:digest-guilds',
        kind: 'missing',
        detail: expect.stringMatching(/not listed/),
        details: [{ code: 'digest-missing' }],
      },
    ]);
    expect((await cli(['doctor', '--repair', '--store', url])).code).toBe(1);
    expect((await cli(['doctor', '--store', url])).code).toBe(0);
  });
});

describe('restore', () => {
  it('refuses a file that is not a backup, or one cut short', async () => {
    const { url, cleanup } = freshUrl('sqlite');
    cleanups.push(cleanup);
    const notes = join(dir, 'notes.md');
    writeFileSync(notes, '# 백엔드\n- Python\n');
    expect((await cli(['restore', notes, '--store', url])).stderr).toMatch(/not a Role Radar backup/);
    const cut = join(dir, 'cut.jsonl');
    writeFileSync(
      cut,
      `${JSON.stringify({ format: 'role-radar-backup', version: 1, createdAt: 'x', store: 'redis', records: 2 })}\n` +
        `${JSON.stringify(['guild:a:note:1', { text: 'x' }])}\n`,
    );
    const result = await cli(['restore', cut, '--store', url, '--lang', 'ko']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/잘렸습니다.*기록 2개 중 1개만/);
    expect((await cli(['restore', cut, '--store', url])).stderr).toMatch(/cut short: it holds 1 of its 2/);
    const garbled = join(dir, 'garbled.jsonl');
    writeFileSync(garbled, `${readFileSync(cut, 'utf8')}{not json\n`);
    expect((await cli(['restore', garbled, '--store', url, '--lang', 'ko'])).stderr).toMatch(
      /Role Radar 백업이 아닙니다: 3번째 줄이 JSON이 아닙니다/,
    );
  });
});
