import type { Backend, BackendTx } from '../backend';
import { ReadWriteLock } from '../lock';
import { keyvOver } from './keyv-codec';

/**
 * A Map through Keyv, for tests and `memory://`. Units run one at a time; if a write fails halfway (a Map
 * can be made to fail, as tests do), every record the unit wrote is put back as it was.
 */
export function memoryBackend(map: Map<string, unknown> = new Map()): Backend {
  const codec = keyvOver(map);
  const lock = new ReadWriteLock();

  const apply = async (writes: ReadonlyMap<string, unknown>) => {
    const undo: [string, unknown][] = [];
    try {
      for (const [key, value] of writes) {
        undo.push([key, map.get(key)]);
        if (value === undefined) map.delete(key);
        else map.set(key, await codec.encode(value));
      }
    } catch (error) {
      for (const [key, before] of undo.reverse()) {
        try {
          if (before === undefined) map.delete(key);
          else Map.prototype.set.call(map, key, before);
        } catch {
          // Nothing more can be done for this record.
        }
      }
      throw error;
    }
  };

  async function* scan(prefix: string): AsyncGenerator<[string, unknown]> {
    const keys = [...map.keys()].filter((k) => k.startsWith(prefix)).sort();
    for (const key of keys) {
      const value = await codec.decode(map.get(key));
      if (value !== undefined) yield [key, value];
    }
  }

  return {
    kind: 'memory',
    label: 'memory://',
    get: (keys) => lock.read(() => codec.getMany(keys)),
    unit: (_locks, body, _options) =>
      lock.write(async () => {
        const tx: BackendTx = { get: (keys) => codec.getMany(keys), scan };
        const { result, writes } = await body(tx);
        await apply(writes);
        return result;
      }),
    scan,
    keys: async (prefix) => [...map.keys()].filter((k) => k.startsWith(prefix)).sort(),
    snapshot: () =>
      lock.read(async () => {
        const out: [string, unknown][] = [];
        for await (const entry of scan('')) out.push(entry);
        return out;
      }),
    replaceAll: (records) =>
      lock.write(async () => {
        const writes = new Map<string, unknown>([...map.keys()].map((k) => [k, undefined]));
        for (const [key, value] of records) writes.set(key, value);
        await apply(writes);
      }),
    close: async () => undefined,
    destroy: async () => map.clear(),
  };
}
