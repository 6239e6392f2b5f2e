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

/** `<namespace>:<type>` for a record without a key, `<namespace>:<type>:<key>` otherwise. */
export function keyOf(namespace: string, type: RecordType<unknown>, key?: string): string {
  return key === undefined ? `${namespace}:${type.name}` : `${namespace}:${type.name}:${key}`;
}

export function validate<T>(type: RecordType<T>, fullKey: string, value: unknown): T {
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
