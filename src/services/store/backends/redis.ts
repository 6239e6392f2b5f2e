import KeyvRedis from '@keyv/redis';
import { type Backend, type BackendTx, StoreBusyError } from '../backend';
import { KeyedMutex } from '../lock';
import { keyvOver } from './keyv-codec';

export interface RedisOptions {
  url: string;
  /** Put before every key, so one Redis database can hold several stores. */
  prefix: string;
  label: string;
}

/**
 * Commits a unit: checks that the store's version and the version of every namespace the unit named are
 * still what the unit read before its first read, then writes, deletes and moves each version on. Runs as
 * one script, so Redis applies all of it or (if the check fails, or the client died before sending it) none.
 * KEYS: store version, n namespace versions, m keys to set, then keys to delete. ARGV: n, m, n + 1 expected
 * versions, m values.
 */
const COMMIT = `
local n = tonumber(ARGV[1])
local m = tonumber(ARGV[2])
for i = 1, n + 1 do
  local v = redis.call('GET', KEYS[i]) or ''
  if v ~= ARGV[2 + i] then return 0 end
end
for i = 1, m do redis.call('SET', KEYS[n + 1 + i], ARGV[n + 3 + i]) end
for i = n + m + 2, #KEYS do redis.call('DEL', KEYS[i]) end
for i = 2, n + 1 do redis.call('INCR', KEYS[i]) end
return 1
`;

/** Deletes every record under the prefix (not the versions), sets ARGV's key/value pairs, moves the store on. */
const REPLACE_ALL = `
local cursor = '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = page[1]
  for _, key in ipairs(page[2]) do
    if string.sub(key, 1, string.len(ARGV[2])) ~= ARGV[2] then redis.call('DEL', key) end
  end
until cursor == '0'
for i = 3, #ARGV, 2 do redis.call('SET', ARGV[i], ARGV[i + 1]) end
redis.call('INCR', KEYS[1])
return 1
`;

const GLOB = /[*?[\]\\]/g;
const MAX_ATTEMPTS = 400;
const CONNECT_TIMEOUT_MS = 5000;

interface RedisClientLike {
  mGet(keys: string[]): Promise<(string | null)[]>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  scan(
    cursor: string,
    options: { MATCH: string; COUNT: number },
  ): Promise<{ cursor: string | number; keys: string[] }>;
  unlink(keys: string[]): Promise<number>;
}

/**
 * Redis through @keyv/redis. Units are optimistic: a unit notes the versions of its namespaces, reads
 * through Keyv, and commits with one script that applies its writes only if no other unit committed to
 * those namespaces meanwhile; otherwise it reads and decides again. In this process, units on one
 * namespace take turns, so they conflict only with other processes.
 */
export async function redisBackend(options: RedisOptions): Promise<Backend> {
  const adapter = new KeyvRedis(options.url, { throwOnErrors: true, throwOnConnectError: true });
  adapter.on('error', () => undefined);
  // The adapter's own connection timeout leaves its timer running after it connects, which keeps a finished
  // command alive for its length: this one is cleared.
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      adapter.getClient(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch {
    await adapter.disconnect(true).catch(() => undefined);
    throw new Error(`cannot open ${options.label}: no Redis server answered`);
  } finally {
    clearTimeout(timer);
  }
  const client = (await adapter.getClient()) as unknown as RedisClientLike;
  const codec = keyvOver(adapter);
  const mutex = new KeyedMutex();
  const { prefix } = options;
  const storeVersion = `${prefix}~version`;
  const versionOf = (namespace: string) => `${prefix}~version:${namespace}`;
  const full = (key: string) => `${prefix}${key}`;

  async function* scanKeys(pattern: string): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const page = await client.scan(cursor, { MATCH: pattern, COUNT: 1000 });
      cursor = String(page.cursor);
      if (page.keys.length > 0) yield page.keys;
    } while (cursor !== '0');
  }
  const pattern = (logicalPrefix: string) => `${full(logicalPrefix).replace(GLOB, '\\$&')}*`;

  async function* scan(logicalPrefix: string): AsyncGenerator<[string, unknown]> {
    for await (const keys of scanKeys(pattern(logicalPrefix))) {
      const data = keys.filter((k) => !k.startsWith(storeVersion));
      const values = await client.mGet(data);
      for (const [i, key] of data.entries()) {
        const value = await codec.decode(values[i]);
        if (value !== undefined) yield [key.slice(prefix.length), value];
      }
    }
  }

  const get = (keys: readonly string[]) => codec.getMany(keys.map(full));

  return {
    kind: 'redis',
    label: options.label,
    get,
    unit: (locks, body, options = {}) =>
      mutex.run(options.readOnly ? [] : locks, async () => {
        const names = [...new Set(locks)].sort();
        const versionKeys = [storeVersion, ...names.map(versionOf)];
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          const expected = (await client.mGet(versionKeys)).map((v) => v ?? '');
          const tx: BackendTx = { get, scan };
          const { result, writes } = await body(tx);
          if (options.readOnly) {
            // Consistent if no unit committed to these namespaces while it read.
            const now = (await client.mGet(versionKeys)).map((v) => v ?? '');
            if (now.every((v, i) => v === expected[i])) return result;
            await new Promise((r) => setTimeout(r, Math.random() * 50));
            continue;
          }
          const sets: string[] = [];
          const values: string[] = [];
          const deletes: string[] = [];
          for (const [key, value] of writes) {
            if (value === undefined) deletes.push(full(key));
            else {
              sets.push(full(key));
              values.push(await codec.encode(value));
            }
          }
          const committed = await client.eval(COMMIT, {
            keys: [...versionKeys, ...sets, ...deletes],
            arguments: [String(names.length), String(sets.length), ...expected, ...values],
          });
          if (Number(committed) === 1) return result;
          // Another process committed to the same server first: wait a little, read again, decide again.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** Math.min(attempt, 6))));
        }
        throw new StoreBusyError(`${MAX_ATTEMPTS} attempts on ${names.join(', ')} met other changes`);
      }),
    scan,
    async keys(logicalPrefix) {
      const out: string[] = [];
      for await (const keys of scanKeys(pattern(logicalPrefix))) {
        for (const key of keys) if (!key.startsWith(storeVersion)) out.push(key.slice(prefix.length));
      }
      return out.sort();
    },
    async snapshot() {
      // Redis has no read snapshot: read everything, and accept it only if no unit committed meanwhile.
      for (let attempt = 1; attempt <= 50; attempt++) {
        const versions = async () => {
          const keys: string[] = [];
          for await (const page of scanKeys(`${prefix.replace(GLOB, '\\$&')}~version*`)) keys.push(...page);
          keys.sort();
          return JSON.stringify([keys, keys.length > 0 ? await client.mGet(keys) : []]);
        };
        const before = await versions();
        const records: [string, unknown][] = [];
        for await (const entry of scan('')) records.push(entry);
        if ((await versions()) === before) return records.sort((a, b) => (a[0] < b[0] ? -1 : 1));
        await new Promise((r) => setTimeout(r, 20 * attempt));
      }
      throw new StoreBusyError('the store kept changing while it was read');
    },
    async replaceAll(records) {
      const args = [`${prefix.replace(GLOB, '\\$&')}*`, storeVersion];
      for (const [key, value] of records) args.push(full(key), await codec.encode(value));
      await client.eval(REPLACE_ALL, { keys: [storeVersion], arguments: args });
    },
    close: () => adapter.disconnect(),
    async destroy() {
      for await (const keys of scanKeys(`${prefix.replace(GLOB, '\\$&')}*`)) await client.unlink(keys);
      await adapter.disconnect();
    },
  };
}
