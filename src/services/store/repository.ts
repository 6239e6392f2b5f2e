import { fileURLToPath } from 'node:url';
import type { Backend } from './backend';
import { memoryBackend } from './backends/memory';
import { type ChangeSet, UnitChanges } from './changes';
import { keyOf, type RecordType, validate } from './records';

export { StoreBusyError } from './backend';
export type { ChangeSet } from './changes';
export { type RecordType, recordType, StoreCorruptionError } from './records';

/** One server's records (or the installation's), in a namespace of their own. */
export interface Scope {
  readonly namespace: string;
  /** Committed records; a unit of change that is running elsewhere is seen whole or not at all. */
  get<T>(type: RecordType<T>, key?: string): Promise<T | undefined>;
  getMany<T>(type: RecordType<T>, keys: readonly string[]): Promise<(T | undefined)[]>;
  /** Every committed record of one type in this scope, with its key. */
  scan<T>(type: RecordType<T>): AsyncIterable<[string, T]>;
  /**
   * One atomic unit of change on this scope: every write fn makes lands together when it returns, or none
   * does if it throws or the process dies. The id counter, totals and indexes are read through `tx`, so
   * what the unit decides is based on one consistent state. fn may run more than once (Redis retries a
   * unit that met another process's change), so it must not have effects outside `tx`.
   */
  change<R>(fn: (tx: ChangeSet) => Promise<R>): Promise<R>;
  /**
   * A unit that only reads: everything fn reads comes from one consistent state, while other processes keep
   * writing (a long recount does not hold them up). Writing through `tx` throws.
   */
  read<R>(fn: (tx: ChangeSet) => Promise<R>): Promise<R>;
}

export interface Store {
  readonly kind: Backend['kind'];
  /** The store's address without its password. */
  readonly label: string;
  guild(guildId: string): Scope;
  /** Records about the whole installation (which servers have a digest, …). */
  readonly global: Scope;
  /** One atomic unit of change over several scopes (see Scope.change); `tx(scope)` is each one's change set. */
  change<R>(scopes: readonly Scope[], fn: (tx: (scope: Scope) => ChangeSet) => Promise<R>): Promise<R>;
  /** Servers that have any record in the store. */
  guildIds(): Promise<string[]>;
  /** Every record, read from one consistent state, for a backup. */
  records(): Promise<[string, unknown][]>;
  /** Replaces every record with these, in one unit that no other change runs beside. */
  replaceAll(records: readonly [string, unknown][]): Promise<void>;
  /** A consistent copy of the store as its own file, where the store is one (SQLite); otherwise absent. */
  backupFile?(path: string): Promise<void>;
  close(): Promise<void>;
  /** Deletes everything the store keeps: its file, its schema or table, or its keys. */
  destroy(): Promise<void>;
}

/** data/role-radar.sqlite in the project, wherever the command is run from. */
export const DEFAULT_STORE_URL = `sqlite://${fileURLToPath(new URL('../../../data/role-radar.sqlite', import.meta.url))}`;

const GUILD_ID = /^[\w.-]{1,100}$/;

/**
 * `sqlite://path/to/file.sqlite`, `sqlite://:memory:`, `memory://`,
 * `postgres://user@host:5432/db[?schema=S&table=T]` or `redis://host:6379[/db][?prefix=P]`.
 */
export async function openStore(url: string = DEFAULT_STORE_URL): Promise<Store> {
  return storeOver(await openBackend(url));
}

async function openBackend(url: string): Promise<Backend> {
  if (url === 'memory://' || url === 'memory:') return memoryBackend();
  if (url.startsWith('sqlite://')) {
    const path = url.slice('sqlite://'.length);
    if (!path)
      throw new Error('STORE_URL: sqlite:// needs a file path, e.g. sqlite://data/role-radar.sqlite');
    const { sqliteBackend } = await import('./backends/sqlite');
    return sqliteBackend(path);
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = parseUrl(url);
    const label = redact(parsed);
    const schema = takeParam(parsed, 'schema') ?? 'public';
    const table = takeParam(parsed, 'table') ?? 'role_radar';
    const { postgresBackend } = await import('./backends/postgres');
    return postgresBackend({ connectionString: parsed.toString(), schema, table, label });
  }
  if (/^rediss?:\/\//.test(url)) {
    const parsed = parseUrl(url);
    const label = redact(parsed);
    const prefix = takeParam(parsed, 'prefix') ?? 'role-radar:';
    const { redisBackend } = await import('./backends/redis');
    return redisBackend({ url: parsed.toString(), prefix, label });
  }
  throw new Error(
    `STORE_URL: unsupported store "${url.split(':')[0]}:" (use sqlite://FILE, postgres://…, redis://… or memory://)`,
  );
}

/** What in a store URL must never reach a log: its password, if it has one. */
export function storeSecrets(url: string): string[] {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? [password] : [];
  } catch {
    return [];
  }
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new Error(`STORE_URL: "${url.split('@').at(-1)}" is not a valid URL`);
  }
}

function takeParam(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name) ?? undefined;
  url.searchParams.delete(name);
  return value;
}

function redact(url: URL): string {
  const copy = new URL(url.toString());
  if (copy.password) copy.password = '***';
  return copy.toString();
}

function scopeOf(backend: Backend, namespace: string): Scope {
  const scope: Scope = {
    namespace,
    async get(type, key) {
      const full = keyOf(namespace, type, key);
      const [value] = await backend.get([full]);
      return value === undefined ? undefined : validate(type, full, value);
    },
    async getMany(type, keys) {
      if (keys.length === 0) return [];
      const full = keys.map((key) => keyOf(namespace, type, key));
      const values = await backend.get(full);
      return values.map((value, i) =>
        value === undefined ? undefined : validate(type, full[i] ?? '', value),
      );
    },
    async *scan(type) {
      const prefix = keyOf(namespace, type, '');
      for await (const [full, value] of backend.scan(prefix)) {
        yield [full.slice(prefix.length), validate(type, full, value)];
      }
    },
    change: (fn) =>
      backend.unit([namespace], async (tx) => {
        const changes = new UnitChanges(tx);
        const result = await fn(changes.in(namespace));
        return { result, writes: changes.writes };
      }),
    read: (fn) =>
      backend.unit(
        [namespace],
        async (tx) => ({ result: await fn(new UnitChanges(tx, true).in(namespace)), writes: new Map() }),
        { readOnly: true },
      ),
  };
  return scope;
}

function storeOver(backend: Backend): Store {
  const scopes = new Map<string, Scope>();
  const scope = (namespace: string) => {
    let existing = scopes.get(namespace);
    if (!existing) {
      existing = scopeOf(backend, namespace);
      scopes.set(namespace, existing);
    }
    return existing;
  };
  const store: Store = {
    kind: backend.kind,
    label: backend.label,
    guild(guildId) {
      if (!GUILD_ID.test(guildId)) throw new Error(`not a server id: "${guildId.slice(0, 40)}"`);
      return scope(`guild:${guildId}`);
    },
    global: scope('global'),
    change(list, fn) {
      const names = list.map((s) => s.namespace);
      return backend.unit(names, async (tx) => {
        const changes = new UnitChanges(tx);
        const views = new Map(names.map((n) => [n, changes.in(n)]));
        const result = await fn((s) => {
          const view = views.get(s.namespace);
          if (!view) throw new Error(`scope ${s.namespace} was not named when the unit started`);
          return view;
        });
        return { result, writes: changes.writes };
      });
    },
    async guildIds() {
      const ids = new Set<string>();
      for (const key of await backend.keys('guild:')) {
        const id = key.slice('guild:'.length, key.indexOf(':', 'guild:'.length));
        if (GUILD_ID.test(id)) ids.add(id);
      }
      return [...ids].sort();
    },
    records: () => backend.snapshot(),
    replaceAll: (records) => backend.replaceAll(records),
    ...(backend.backupFile ? { backupFile: backend.backupFile.bind(backend) } : {}),
    close: () => backend.close(),
    destroy: () => backend.destroy(),
  };
  return store;
}

/** A store over a Map (tests, `memory://`). */
export function createStore(map: Map<string, unknown> = new Map()): Store {
  return storeOver(memoryBackend(map));
}
