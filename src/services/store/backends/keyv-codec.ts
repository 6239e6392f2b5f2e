import Keyv, { type KeyvStoreAdapter } from 'keyv';

/**
 * One Keyv over the whole store, keys given in full (the store module lays them out itself), errors thrown.
 * Backends write through Keyv's own encoding (`encode`), so every record reads back through Keyv.
 */
export function keyvOver(adapter: KeyvStoreAdapter | Map<string, unknown>) {
  const keyv = new Keyv({ store: adapter, namespace: undefined, useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', () => undefined);
  const serialize = keyv.serialize;
  const deserialize = keyv.deserialize;
  if (!serialize || !deserialize) throw new Error('keyv has no serializer');
  return {
    keyv,
    async encode(value: unknown): Promise<string> {
      return serialize({ value, expires: undefined });
    },
    async decode(raw: unknown): Promise<unknown> {
      if (raw === undefined || raw === null) return undefined;
      const data = (typeof raw === 'string' ? await deserialize(raw) : raw) as
        | { value?: unknown }
        | undefined;
      return data?.value;
    },
    async getMany(keys: readonly string[]): Promise<unknown[]> {
      if (keys.length === 0) return [];
      const values = (await keyv.getMany([...keys])) as unknown[];
      return values.map((v) => (v === null ? undefined : v));
    },
  };
}
export type KeyvCodec = ReturnType<typeof keyvOver>;

/** Splits a list into pieces of at most n, for statements with a bounded number of parameters. */
export function* pieces<T>(items: readonly T[], n: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += n) yield items.slice(i, i + n);
}
