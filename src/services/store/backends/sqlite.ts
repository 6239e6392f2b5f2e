import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { type Backend, type BackendTx, prefixEnd, StoreBusyError } from '../backend';
import { ReadWriteLock } from '../lock';
import { keyvOver, pieces } from './keyv-codec';

const TABLE = 'keyv';
const PAGE = 1000;
/** How long a change waits for another process's change to finish before it gives up. */
const BUSY_TIMEOUT_MS = 30_000;

type Query = (sql: string, ...params: unknown[]) => Promise<{ key: string; value: string }[]>;

/**
 * SQLite through @keyv/sqlite. A unit of change is one `BEGIN IMMEDIATE` transaction on the adapter's own
 * connection: another process's unit waits on SQLite's write lock (busy timeout), a crash leaves the
 * uncommitted pages out of the database (WAL). In this process the connection is shared, so reads wait
 * while a unit runs (they would otherwise see its uncommitted writes).
 */
export async function sqliteBackend(path: string): Promise<Backend> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const adapter = new KeyvSqlite({ uri: `sqlite://${path}`, table: TABLE, busyTimeout: BUSY_TIMEOUT_MS });
  const query = adapter.query as unknown as Query;
  // WAL with NORMAL sync: committed units survive a crash of the process, and a commit costs no fsync.
  await query('PRAGMA journal_mode = WAL');
  await query('PRAGMA synchronous = NORMAL');
  const codec = keyvOver(adapter);
  const lock = new ReadWriteLock();
  const label = `sqlite://${path}`;

  const apply = async (writes: ReadonlyMap<string, unknown>) => {
    const sets: [string, string][] = [];
    const deletes: string[] = [];
    for (const [key, value] of writes) {
      if (value === undefined) deletes.push(key);
      else sets.push([key, await codec.encode(value)]);
    }
    for (const piece of pieces(deletes, 500)) {
      await query(
        `DELETE FROM ${TABLE} WHERE key IN (SELECT value FROM json_each(?))`,
        JSON.stringify(piece),
      );
    }
    // One statement per record, through the adapter: large batched parameters cost more native memory
    // than they save time inside a transaction.
    for (const [key, value] of sets) await adapter.set(key, value);
  };

  async function* scanWith(prefix: string, locked: boolean): AsyncGenerator<[string, unknown]> {
    let after = '';
    const end = prefixEnd(prefix);
    for (;;) {
      const page = () =>
        query(
          `SELECT key, value FROM ${TABLE} WHERE key >= ? AND key < ? AND key > ? ORDER BY key LIMIT ${PAGE}`,
          prefix,
          end,
          after,
        );
      const rows = locked ? await page() : await lock.read(page);
      for (const row of rows) yield [row.key, await codec.decode(row.value)];
      if (rows.length < PAGE) return;
      after = rows.at(-1)?.key ?? after;
    }
  }

  const begin = async () => {
    try {
      await query('BEGIN IMMEDIATE');
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new StoreBusyError(`another process held ${path} for over ${BUSY_TIMEOUT_MS / 1000} s`);
      }
      throw error;
    }
  };

  const transaction = <R>(fn: () => Promise<R>, readOnly = false) =>
    lock.write(async () => {
      // A read-only unit's BEGIN takes no lock: its first read fixes the snapshot it sees (WAL), and other
      // processes keep writing.
      if (readOnly) await query('BEGIN');
      else await begin();
      try {
        const result = await fn();
        await query('COMMIT');
        return result;
      } catch (error) {
        await query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });

  return {
    kind: 'sqlite',
    label,
    get: (keys) => lock.read(() => codec.getMany(keys)),
    unit: (_locks, body, options = {}) =>
      transaction(async () => {
        const tx: BackendTx = {
          get: (keys) => codec.getMany(keys),
          scan: (prefix) => scanWith(prefix, true),
          ...(options.readOnly ? {} : { flush: apply }),
        };
        const { result, writes } = await body(tx);
        await apply(writes);
        return result;
      }, options.readOnly),
    scan: (prefix) => scanWith(prefix, false),
    keys: (prefix) =>
      lock.read(async () =>
        (
          await query(
            `SELECT key FROM ${TABLE} WHERE key >= ? AND key < ? ORDER BY key`,
            prefix,
            prefixEnd(prefix),
          )
        ).map((row) => row.key),
      ),
    snapshot: () =>
      lock.read(async () => {
        // One statement reads one state of the database, whatever other processes commit meanwhile.
        const rows = await query(`SELECT key, value FROM ${TABLE} ORDER BY key`);
        const out: [string, unknown][] = [];
        for (const row of rows) out.push([row.key, await codec.decode(row.value)]);
        return out;
      }),
    replaceAll: (records) =>
      transaction(async () => {
        await query(`DELETE FROM ${TABLE}`);
        await apply(new Map(records));
      }),
    backupFile: (target) =>
      lock.read(async () => {
        const temp = `${target}.partial-${process.pid}`;
        rmSync(temp, { force: true });
        await query('VACUUM INTO ?', temp);
        renameSync(temp, target);
      }),
    close: () => adapter.disconnect(),
    async destroy() {
      await adapter.disconnect().catch(() => undefined);
      if (path === ':memory:') return;
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    },
  };
}
