import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../src/services/clock';
import { createServices } from '../src/services/index';
import { createStore, openStore, recordType, StoreCorruptionError } from '../src/services/store/repository';
import { miniRoles, miniTaxonomy } from './support/services';
import { availableStores, type TestStore, testStore } from './support/stores';

const note = recordType('note', z.object({ text: z.string().min(1) }));
const counter = recordType('counter', z.object({ n: z.number().int() }));

/** A Map store whose Nth next write fails once, as a busy or briefly locked file would. */
class FlakyMap extends Map<string, unknown> {
  failAfter = Number.POSITIVE_INFINITY;
  override set(key: string, value: unknown) {
    if (this.failAfter-- === 0) throw new Error('disk full');
    return super.set(key, value);
  }
}

const kinds = await availableStores();

describe.each(kinds)('the $kind store', ({ kind, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await testStore(kind);
  });
  afterAll(async () => {
    await t?.remove();
  });

  it.skipIf(skip)('keeps each server in its own namespace', async () => {
    await t.store.guild('a').change(async (tx) => tx.write(note, '1', { text: 'in a' }));
    expect(await t.store.guild('b').get(note, '1')).toBeUndefined();
    expect(await t.store.guild('a').get(note, '1')).toEqual({ text: 'in a' });
    expect(await t.store.guildIds()).toContain('a');
    expect(await t.store.guildIds()).not.toContain('b');
  });

  it.skipIf(skip)('validates records when they are written and read', async () => {
    await expect(t.store.guild('v').change(async (tx) => tx.write(note, '1', { text: '' }))).rejects.toThrow(
      StoreCorruptionError,
    );
    expect(await t.store.guild('v').get(note, '1')).toBeUndefined();
  });

  it.skipIf(skip)('writes every record of a unit, or none when it throws', async () => {
    const scope = t.store.guild('atomic');
    await scope.change(async (tx) => {
      tx.write(note, '1', { text: 'one' });
      tx.write(note, '2', { text: 'two' });
      expect(await tx.read(note, '1')).toEqual({ text: 'one' });
    });
    await expect(
      scope.change(async (tx) => {
        tx.write(note, '1', { text: 'changed' });
        tx.delete(note, '2');
        tx.write(note, '3', { text: 'three' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await scope.getMany(note, ['1', '2', '3'])).toEqual([{ text: 'one' }, { text: 'two' }, undefined]);
    const scanned = [];
    for await (const entry of scope.scan(note)) scanned.push(entry);
    expect(scanned.sort()).toEqual([
      ['1', { text: 'one' }],
      ['2', { text: 'two' }],
    ]);
  });

  it.skipIf(skip)('a unit sees its own writes when it scans', async () => {
    const scope = t.store.guild('scan');
    await scope.change(async (tx) => tx.write(note, 'a', { text: 'a' }));
    const seen = await scope.change(async (tx) => {
      tx.write(note, 'b', { text: 'b' });
      tx.delete(note, 'a');
      const keys: string[] = [];
      for await (const [key] of tx.scan(note)) keys.push(key);
      return keys;
    });
    expect(seen).toEqual(['b']);
  });

  it.skipIf(skip)('loses no update when units on one server run at once', async () => {
    const scope = t.store.guild('count');
    await Promise.all(
      Array.from({ length: 40 }, () =>
        scope.change(async (tx) => {
          const n = (await tx.read(counter))?.n ?? 0;
          await new Promise((r) => setTimeout(r, Math.random() * 3));
          tx.write(counter, undefined, { n: n + 1 });
        }),
      ),
    );
    expect(await scope.get(counter)).toEqual({ n: 40 });
  });

  it.skipIf(skip)('a read-only unit sees one state while another process writes', async () => {
    const scope = t.store.guild('snapshot');
    await scope.change(async (tx) => tx.write(counter, undefined, { n: 1 }));
    const other = await openStore(t.url);
    try {
      let wrote = false;
      const [first, second] = await scope.read(async (tx) => {
        const before = (await tx.read(counter))?.n;
        if (!wrote) {
          // Another connection (as another process would) commits while this unit is reading.
          await other.guild('snapshot').change(async (w) => w.write(counter, undefined, { n: 2 }));
          wrote = true;
        }
        return [before, (await tx.read(counter))?.n];
      });
      expect(first).toBe(second);
      expect(await scope.get(counter)).toEqual({ n: 2 });
      await expect(scope.read(async (tx) => tx.write(counter, undefined, { n: 3 }))).rejects.toThrow(
        /read-only/,
      );
    } finally {
      await other.close();
    }
  });

  it.skipIf(skip)('changes several scopes in one unit', async () => {
    const a = t.store.guild('multi');
    await t.store.change([a, t.store.global], async (tx) => {
      tx(a).write(note, 'x', { text: 'server' });
      tx(t.store.global).write(note, 'x', { text: 'global' });
    });
    expect(await a.get(note, 'x')).toEqual({ text: 'server' });
    expect(await t.store.global.get(note, 'x')).toEqual({ text: 'global' });
    await expect(
      t.store.change([a], async (tx) => tx(t.store.global).write(note, 'y', { text: 'no' })),
    ).rejects.toThrow(/not named/);
  });

  it.skipIf(skip)('copies every record out and replaces them all', async () => {
    const records = await t.store.records();
    expect(records.find(([key]) => key === 'guild:a:note:1')?.[1]).toEqual({ text: 'in a' });
    await t.store.replaceAll([['guild:r:note:1', { text: 'restored' }]]);
    expect(await t.store.guild('a').get(note, '1')).toBeUndefined();
    expect(await t.store.guild('r').get(note, '1')).toEqual({ text: 'restored' });
    await t.store.replaceAll(records);
    expect(await t.store.guild('a').get(note, '1')).toEqual({ text: 'in a' });
    expect(await t.store.guild('r').get(note, '1')).toBeUndefined();
  });

  it.skipIf(skip)('keeps what it stored when opened again', async () => {
    const again = await openStore(t.url);
    expect(await again.guild('a').get(note, '1')).toEqual({ text: 'in a' });
    await again.close();
  });

  it.skipIf(skip)('refuses a server id that would leave its namespace', () => {
    expect(() => t.store.guild('a:b')).toThrow(/server id/);
  });
});

describe('opening a store', () => {
  it('refuses store URLs it cannot open', async () => {
    await expect(openStore('mongodb://localhost')).rejects.toThrow(/unsupported store/);
    await expect(openStore('sqlite://')).rejects.toThrow(/file path/);
    await expect(openStore('postgres://u@127.0.0.1:5432/test?schema=Robert%27);--')).rejects.toThrow(
      /schema or table name/,
    );
    const memory = await openStore('memory://');
    await memory.global.change(async (tx) => tx.write(note, undefined, { text: 'x' }));
    expect(await memory.global.get(note)).toEqual({ text: 'x' });
  });

  it('says which server did not answer, without its password', async () => {
    const error = await openStore('postgres://u:secret@127.0.0.1:1/test').catch((e: Error) => e);
    expect(String(error)).toMatch(/cannot open postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/test/);
    expect(String(error)).not.toContain('secret');
  });
});

describe('a failed write', () => {
  it('leaves everything that was stored as it was', async () => {
    const map = new FlakyMap();
    const services = createServices({
      store: createStore(map),
      clock: fixedClock('2026-11-23T00:00:00Z'),
      taxonomy: miniTaxonomy(),
      roles: miniRoles(),
    });
    const input = (n: number) => ({
      company: `C${n}`,
      role: 'backend',
      requirements: '- Python\n- AWS',
      url: `https://example.com/${n}`,
      submittedBy: 'u',
    });
    await services.postings.add('g', input(1));
    const before = new Map(map);
    const summaryBefore = await services.summary.forRole('g', 'backend');

    for (const failAfter of [0, 1, 2, 3, 4]) {
      map.failAfter = failAfter;
      await expect(services.postings.add('g', input(2))).rejects.toThrow('disk full');
      map.failAfter = Number.POSITIVE_INFINITY;
      expect(new Map(map)).toEqual(before);
      expect(await services.summary.forRole('g', 'backend')).toEqual(summaryBefore);
      expect((await services.postings.list('g')).entries.map((e) => e.id)).toEqual([1]);
      expect(await services.postings.findByUrl('g', 'https://example.com/2')).toBeUndefined();
    }
    map.failAfter = 1;
    await expect(services.postings.edit('g', 1, { company: 'D' })).rejects.toThrow('disk full');
    map.failAfter = Number.POSITIVE_INFINITY;
    expect(new Map(map)).toEqual(before);
    expect((await services.postings.get('g', 1)).company).toBe('C1');
  });
});

describe('inside a unit of change', () => {
  it('a plain read goes through, and a second unit is refused instead of waiting forever', async () => {
    const made: TestStore[] = [];
    for (const { kind, skip } of kinds) if (!skip) made.push(await testStore(kind));
    for (const store of [createStore(), ...made.map((t) => t.store)]) {
      const scope = store.guild('nested');
      await scope.change(async (tx) => tx.write(note, '1', { text: 'before' }));
      const seen = await scope.change(async (tx) => {
        tx.write(note, '2', { text: 'new' });
        return store.guild('other').get(note, '1');
      });
      expect(seen).toBeUndefined();
      await expect(scope.change(() => scope.change(async () => undefined))).rejects.toThrow(/inside another/);
    }
    for (const t of made) await t.remove();
  });
});
