import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import KeyvSqlite from '@keyv/sqlite';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import type { z } from 'zod';

/** A kind of record kept in the store, with the schema it is validated against on write and on read. */
export interface RecordType<T> {
  readonly name: string;
  readonly schema: z.ZodType<T>;
}

export const recordType = <T>(name: string, schema: z.ZodType<T>): RecordType<T> => ({ name, schema });

export class StoreCorruptionError extends Error {
  constructor(key: string, issues: string) {
    super(`stored record ${key} does not match its schema: ${issues}`);
    this.name = 'StoreCorruptionError';
  }
}

/** One server's records, in a namespace of their own. */
export interface Scope {
  get<T>(type: RecordType<T>, key?: string): Promise<T | undefined>;
  getMany<T>(type: RecordType<T>, keys: readonly string[]): Promise<(T | undefined)[]>;
  set<T>(type: RecordType<T>, key: string | undefined, value: T): Promise<void>;
  delete(type: RecordType<unknown>, key?: string): Promise<void>;
  /** Runs fn after every earlier exclusive call on this scope has finished (writes never interleave). */
  exclusive<R>(fn: () => Promise<R>): Promise<R>;
}

export interface Store {
  guild(guildId: string): Scope;
  /** Records about the whole installation (which servers have a digest, …). */
  readonly global: Scope;
  close(): Promise<void>;
}

/** data/role-radar.sqlite in the project, wherever the command is run from. */
export const DEFAULT_STORE_URL = `sqlite://${fileURLToPath(new URL('../../../data/role-radar.sqlite', import.meta.url))}`;

/** `sqlite://path/to/file.sqlite`, `sqlite://:memory:` or `memory://`. */
export async function openStore(url: string = DEFAULT_STORE_URL): Promise<Store> {
  const adapter = await createAdapter(url);
  return createStore(adapter);
}

async function createAdapter(url: string): Promise<KeyvStoreAdapter | Map<string, unknown>> {
  if (url === 'memory://' || url === 'memory:') return new Map();
  if (url.startsWith('sqlite://')) {
    const path = url.slice('sqlite://'.length);
    if (!path)
      throw new Error('STORE_URL: sqlite:// needs a file path, e.g. sqlite://data/role-radar.sqlite');
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new KeyvSqlite({ uri: url, busyTimeout: 10_000, iterationLimit: 1000 });
    // WAL with NORMAL sync: durable across crashes of the process, and a write costs no fsync of its own.
    await sqlite.query('PRAGMA journal_mode = WAL');
    await sqlite.query('PRAGMA synchronous = NORMAL');
    return sqlite;
  }
  throw new Error(`STORE_URL: unsupported store "${url.split(':')[0]}:" (use sqlite://FILE or memory://)`);
}

function keyOf(type: RecordType<unknown>, key?: string): string {
  return key === undefined ? type.name : `${type.name}:${key}`;
}

function validate<T>(type: RecordType<T>, fullKey: string, value: unknown): T {
  const parsed = type.schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new StoreCorruptionError(fullKey, issues);
  }
  return parsed.data;
}

function createScope(keyv: Keyv): Scope {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    async get(type, key) {
      const fullKey = keyOf(type, key);
      const value: unknown = await keyv.get(fullKey);
      return value === undefined ? undefined : validate(type, fullKey, value);
    },
    async getMany(type, keys) {
      if (keys.length === 0) return [];
      const fullKeys = keys.map((key) => keyOf(type, key));
      const values: unknown[] = await keyv.getMany(fullKeys);
      return values.map((value, i) => (value == null ? undefined : validate(type, fullKeys[i] ?? '', value)));
    },
    async set(type, key, value) {
      const fullKey = keyOf(type, key);
      await keyv.set(fullKey, validate(type, fullKey, value));
    },
    async delete(type, key) {
      await keyv.delete(keyOf(type, key));
    },
    exclusive(fn) {
      const run = tail.then(fn, fn);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

export function createStore(adapter: KeyvStoreAdapter | Map<string, unknown>): Store {
  // Each namespace's Keyv listens for the shared adapter's errors.
  const emitter = adapter as { setMaxListeners?: (n: number) => void };
  emitter.setMaxListeners?.(0);
  const scopes = new Map<string, Scope>();
  const scope = (namespace: string): Scope => {
    let existing = scopes.get(namespace);
    if (!existing) {
      // Keyv prefixes every key with its namespace itself; the adapter is shared and never cleared.
      const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true });
      existing = createScope(keyv);
      scopes.set(namespace, existing);
    }
    return existing;
  };
  return {
    guild: (guildId) => scope(`guild:${guildId}`),
    global: scope('global'),
    async close() {
      if ('disconnect' in adapter && typeof adapter.disconnect === 'function') await adapter.disconnect();
    },
  };
}
