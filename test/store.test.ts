import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../src/services/clock';
import { createServices } from '../src/services/index';
import { createStore, openStore, recordType, StoreCorruptionError } from '../src/services/store/repository';
import { miniRoles, miniTaxonomy, tempStore } from './support/services';

const note = recordType('note', z.object({ text: z.string().min(1) }));

/** A Map store whose Nth next write fails once, as a busy or briefly locked file would. */
class FlakyMap extends Map<string, unknown> {
  failAfter = Number.POSITIVE_INFINITY;
  override set(key: string, value: unknown) {
    if (this.failAfter-- === 0) throw new Error('disk full');
    return super.set(key, value);
  }
}

describe('repository', () => {
  it('keeps each server in its own namespace', async () => {
    const temp = await tempStore();
    await temp.store.guild('a').set(note, '1', { text: 'in a' });
    expect(await temp.store.guild('b').get(note, '1')).toBeUndefined();
    expect(await temp.store.guild('a').get(note, '1')).toEqual({ text: 'in a' });
    await temp.remove();
  });

  it('validates records on write and on read', async () => {
    const map = new Map<string, unknown>();
    const store = createStore(map);
    await expect(store.guild('a').set(note, '1', { text: '' })).rejects.toThrow(StoreCorruptionError);
    await store.guild('a').set(note, '1', { text: 'ok' });
    const key = [...map.keys()][0] ?? '';
    map.set(key, map.get(key)?.toString().replace('ok', '') ?? '');
    await expect(store.guild('a').get(note, '1')).rejects.toThrow(/note:1/);
  });

  it('survives reopening the SQLite file', async () => {
    const temp = await tempStore();
    await temp.store.guild('a').set(note, '1', { text: 'kept' });
    await temp.store.close();
    const again = await openStore(temp.url);
    expect(await again.guild('a').get(note, '1')).toEqual({ text: 'kept' });
    await again.close();
    await temp.remove().catch(() => undefined);
  });

  it('refuses store URLs it cannot open', async () => {
    await expect(openStore('redis://localhost')).rejects.toThrow(/unsupported store/);
    await expect(openStore('sqlite://')).rejects.toThrow(/file path/);
    const memory = await openStore('memory://');
    await memory.global.set(note, undefined, { text: 'x' });
    expect(await memory.global.get(note)).toEqual({ text: 'x' });
  });

  it('runs exclusive sections one after another, even when one fails', async () => {
    const store = createStore(new Map());
    const scope = store.guild('a');
    const order: string[] = [];
    const slow = scope.exclusive(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('slow');
      throw new Error('boom');
    });
    const fast = scope.exclusive(async () => {
      order.push('fast');
    });
    await expect(slow).rejects.toThrow('boom');
    await fast;
    expect(order).toEqual(['slow', 'fast']);
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
      expect(await services.summary.forRole('g', 'backend')).toEqual(summaryBefore);
      expect((await services.postings.list('g')).entries.map((e) => e.id)).toEqual([1]);
      expect(await services.postings.findByUrl('g', 'https://example.com/2')).toBeUndefined();
      expect(await services.postings.get('g', 1)).toMatchObject({ company: 'C1' });
    }
    map.failAfter = 2;
    await expect(services.postings.remove('g', 1)).rejects.toThrow('disk full');
    map.failAfter = Number.POSITIVE_INFINITY;
    expect(await services.summary.forRole('g', 'backend')).toEqual(summaryBefore);
    expect((await services.postings.get('g', 1)).company).toBe('C1');
    expect(before.size).toBeGreaterThan(0);
  });
});
