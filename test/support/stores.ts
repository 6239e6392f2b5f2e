import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/services/store/repository';

/**
 * The stores the store tests run against. SQLite and memory are always there; PostgreSQL and Redis when a
 * server answers (ROLE_RADAR_TEST_POSTGRES, ROLE_RADAR_TEST_REDIS, default the local ones). With
 * ROLE_RADAR_REQUIRE_STORES=postgres,redis (as CI sets it), a server that does not answer fails the run.
 *
 * Every store a test makes is its own: a temp file, a Postgres schema or a Redis key prefix named after the
 * process and a random tag, so people running the tests against one server at once never share records;
 * `remove()` deletes it.
 */
export type StoreKind = 'sqlite' | 'postgres' | 'redis';

export const POSTGRES_URL = process.env.ROLE_RADAR_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.ROLE_RADAR_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const required = new Set((process.env.ROLE_RADAR_REQUIRE_STORES ?? '').split(',').filter(Boolean));

export interface TestStore {
  kind: StoreKind;
  url: string;
  store: Store;
  /** Closes this handle and deletes everything the store kept. */
  remove(): Promise<void>;
}

const tag = () => `${process.pid}_${randomBytes(4).toString('hex')}`;

/** A fresh, empty store's URL of that kind, and how to delete it once every process is done with it. */
export function freshUrl(kind: StoreKind): { url: string; cleanup: () => Promise<void> } {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'role-radar-'));
    return {
      url: `sqlite://${join(dir, 'store.sqlite')}`,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url =
    kind === 'postgres' ? `${POSTGRES_URL}?schema=rr_test_${tag()}` : `${REDIS_URL}?prefix=rr-test-${tag()}:`;
  return {
    url,
    async cleanup() {
      const store = await openStore(url);
      await store.destroy();
    },
  };
}

export async function testStore(kind: StoreKind): Promise<TestStore> {
  const { url, cleanup } = freshUrl(kind);
  const store = await openStore(url);
  return {
    kind,
    url,
    store,
    async remove() {
      await store.close().catch(() => undefined);
      await cleanup();
    },
  };
}

async function probe(kind: StoreKind): Promise<string | undefined> {
  if (kind === 'sqlite') return undefined;
  const { url } = freshUrl(kind);
  try {
    const store = await openStore(url);
    await store.destroy();
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

/** Which kinds can run here; a missing server is a one-line reason, or (when required) an error. */
export async function availableStores(): Promise<{ kind: StoreKind; skip?: string }[]> {
  const out: { kind: StoreKind; skip?: string }[] = [];
  for (const kind of ['sqlite', 'postgres', 'redis'] as const) {
    const problem = await probe(kind);
    if (problem && required.has(kind)) {
      throw new Error(`${kind} store tests are required (ROLE_RADAR_REQUIRE_STORES) but: ${problem}`);
    }
    if (problem) {
      console.warn(`skipping ${kind} store tests: ${problem}`);
      out.push({ kind, skip: problem });
    } else out.push({ kind });
  }
  return out;
}
