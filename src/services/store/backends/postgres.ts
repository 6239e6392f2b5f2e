import KeyvPostgres from '@keyv/postgres';
import pg from 'pg';
import { type Backend, type BackendTx, prefixEnd, StoreBusyError } from '../backend';
import { KeyedMutex } from '../lock';
import { keyvOver, pieces } from './keyv-codec';

export interface PostgresOptions {
  /** The connection string without the store's own parameters. */
  connectionString: string;
  schema: string;
  table: string;
  label: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
/** How long a change waits for another process's change to the same server before it gives up. */
const LOCK_TIMEOUT = '30s';
const PAGE = 1000;

type Rows = { key: string; value: string }[];

/**
 * @keyv/postgres on a pool the store owns: the adapter keeps a pool of its own per process and ends the
 * last one opened when any instance disconnects, so two stores in one process would close each other's.
 */
class PooledKeyvPostgres extends KeyvPostgres {
  override async connect() {
    const pool = (this.opts as { storePool?: pg.Pool }).storePool;
    if (!pool) throw new Error('PooledKeyvPostgres needs storePool');
    return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows;
  }
  override async disconnect() {
    await (this.opts as { storePool?: pg.Pool }).storePool?.end();
  }
}

/**
 * PostgreSQL through @keyv/postgres. A unit of change is one transaction on a connection of its own, holding
 * a transaction-level advisory lock per namespace it names (and a shared one on the whole store, which a
 * restore takes alone), so units on one server follow one another across processes and hosts. A crash
 * (of the process or of its connection) rolls the transaction back.
 */
export async function postgresBackend(options: PostgresOptions): Promise<Backend> {
  const { schema, table } = options;
  for (const name of [schema, table]) {
    if (!IDENTIFIER.test(name)) {
      throw new Error(`STORE_URL: "${name}" is not a usable schema or table name (a-z, 0-9, _)`);
    }
  }
  const qualified = `"${schema}"."${table}"`;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 5 });
  pool.on('error', () => undefined);
  try {
    // Only a schema that is missing is created: a user may lack the right to create one that exists.
    const exists = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await pool.query(
      `CREATE TABLE IF NOT EXISTS ${qualified} (key TEXT COLLATE "C" PRIMARY KEY, value TEXT)`,
    );
  } catch (error) {
    // Two processes creating the same schema or table at once: the loser sees a unique violation.
    if ((error as { code?: string }).code !== '23505') {
      await pool.end().catch(() => undefined);
      throw new Error(`cannot open ${options.label}: ${(error as Error).message}`);
    }
  }
  const adapter = new PooledKeyvPostgres({
    uri: options.connectionString,
    // Plain names (checked above): the adapter creates a schema of its own when it is not "public".
    schema,
    table,
    storePool: pool,
  } as ConstructorParameters<typeof KeyvPostgres>[0]);
  // The adapter creates its table (and a schema other than public) on its own, in the background: waited
  // for here, so nothing it does can come after this store is closed or destroyed.
  await adapter.query('SELECT 1');
  const codec = keyvOver(adapter);
  const mutex = new KeyedMutex();
  const storeLock = `${schema}.${table}`;

  const withClient = async <R>(fn: (client: pg.PoolClient) => Promise<R>): Promise<R> => {
    const client = await pool.connect();
    try {
      return await fn(client);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  const lockErrors = (error: unknown): never => {
    if ((error as { code?: string }).code === '55P03') {
      throw new StoreBusyError(`another process held a lock on ${options.label} for over ${LOCK_TIMEOUT}`);
    }
    throw error;
  };

  /** Keyv reading through one connection, so the unit's reads are inside its transaction. */
  const codecOn = (client: pg.PoolClient) => {
    const query = async (sql: string, values?: unknown[]) => (await client.query(sql, values)).rows;
    const bound = {
      opts: adapter.opts,
      query,
      get: KeyvPostgres.prototype.get,
      getMany: KeyvPostgres.prototype.getMany,
      set: KeyvPostgres.prototype.set,
      delete: KeyvPostgres.prototype.delete,
      clear: KeyvPostgres.prototype.clear,
    };
    return keyvOver(bound as unknown as KeyvPostgres);
  };

  const apply = async (client: pg.PoolClient, writes: ReadonlyMap<string, unknown>) => {
    const keys: string[] = [];
    const values: string[] = [];
    const deletes: string[] = [];
    for (const [key, value] of writes) {
      if (value === undefined) deletes.push(key);
      else {
        keys.push(key);
        values.push(await codec.encode(value));
      }
    }
    if (deletes.length > 0) await client.query(`DELETE FROM ${qualified} WHERE key = ANY($1)`, [deletes]);
    for (let i = 0; i < keys.length; i += 1000) {
      await client.query(
        `INSERT INTO ${qualified} (key, value) SELECT * FROM UNNEST($1::text[], $2::text[])
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [keys.slice(i, i + 1000), values.slice(i, i + 1000)],
      );
    }
  };

  async function* scanOn(run: (sql: string, values: unknown[]) => Promise<Rows>, prefix: string) {
    let after = '';
    const end = prefixEnd(prefix);
    for (;;) {
      const rows = await run(
        `SELECT key, value FROM ${qualified} WHERE key >= $1 AND key < $2 AND key > $3 ORDER BY key LIMIT ${PAGE}`,
        [prefix, end, after],
      );
      for (const row of rows) yield [row.key, await codec.decode(row.value)] as [string, unknown];
      if (rows.length < PAGE) return;
      after = rows.at(-1)?.key ?? after;
    }
  }
  const poolRows = async (sql: string, values: unknown[]) => (await pool.query(sql, values)).rows as Rows;

  return {
    kind: 'postgres',
    label: options.label,
    get: (keys) => codec.getMany(keys),
    unit: (locks, body, options = {}) =>
      mutex.run(options.readOnly ? [] : locks, () =>
        withClient(async (client) => {
          if (options.readOnly) {
            // One snapshot for the whole unit, and no lock: writers go on meanwhile.
            await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
            const bound = codecOn(client);
            const run = async (sql: string, values: unknown[]) =>
              (await client.query(sql, values)).rows as Rows;
            const { result } = await body({
              get: (keys) => bound.getMany(keys),
              scan: (p) => scanOn(run, p),
            });
            await client.query('COMMIT');
            return result;
          }
          await client.query('BEGIN');
          await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
          try {
            await client.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [storeLock]);
            for (const name of [...new Set(locks)].sort()) {
              await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
                `${storeLock}:${name}`,
              ]);
            }
          } catch (error) {
            lockErrors(error);
          }
          const bound = codecOn(client);
          const run = async (sql: string, values: unknown[]) =>
            (await client.query(sql, values)).rows as Rows;
          const tx: BackendTx = {
            get: (keys) => bound.getMany(keys),
            scan: (prefix) => scanOn(run, prefix),
            flush: (writes) => apply(client, writes),
          };
          const { result, writes } = await body(tx);
          await apply(client, writes);
          await client.query('COMMIT');
          return result;
        }),
      ),
    scan: (prefix) => scanOn(poolRows, prefix),
    keys: async (prefix) =>
      (
        await pool.query(`SELECT key FROM ${qualified} WHERE key >= $1 AND key < $2 ORDER BY key`, [
          prefix,
          prefixEnd(prefix),
        ])
      ).rows.map((row: { key: string }) => row.key),
    snapshot: () =>
      withClient(async (client) => {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const rows = (await client.query(`SELECT key, value FROM ${qualified} ORDER BY key`)).rows as Rows;
        await client.query('COMMIT');
        const out: [string, unknown][] = [];
        for (const row of rows) out.push([row.key, await codec.decode(row.value)]);
        return out;
      }),
    replaceAll: (records) =>
      withClient(async (client) => {
        await client.query('BEGIN');
        await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
        await client
          .query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [storeLock])
          .catch(lockErrors);
        await client.query(`DELETE FROM ${qualified}`);
        for (const piece of pieces(records, 1000)) await apply(client, new Map(piece));
        await client.query('COMMIT');
      }),
    close: () => adapter.disconnect(),
    async destroy() {
      await pool.query(
        schema === 'public'
          ? `DROP TABLE IF EXISTS ${qualified}`
          : `DROP SCHEMA IF EXISTS "${schema}" CASCADE`,
      );
      await adapter.disconnect();
    },
  };
}
