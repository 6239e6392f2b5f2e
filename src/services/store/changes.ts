import type { BackendTx } from './backend';
import { keyOf, type RecordType, validate } from './records';

/** Buffered writes past this many go to the backend early, where it keeps its transaction open. */
const FLUSH_AT = 2000;

/**
 * The records one unit of change reads and writes, in one or more scopes (namespaces) named when the unit
 * started. Reads see the unit's own writes, then the backend's state for the unit (consistent: see
 * Backend.unit); writes are kept until the unit ends and then applied together, or not at all.
 */
export interface ChangeSet {
  read<T>(type: RecordType<T>, key?: string): Promise<T | undefined>;
  readMany<T>(type: RecordType<T>, keys: readonly string[]): Promise<(T | undefined)[]>;
  /** Every record of one type in the scope, as this unit sees them (its own writes included). */
  scan<T>(type: RecordType<T>): AsyncIterable<[string, T]>;
  write<T>(type: RecordType<T>, key: string | undefined, value: T): void;
  delete(type: RecordType<unknown>, key?: string): void;
  /** A large unit calls this now and then: the backend may take the writes so far early. */
  settle(): Promise<void>;
}

export class UnitChanges {
  readonly writes = new Map<string, unknown>();

  constructor(
    private readonly tx: BackendTx,
    private readonly readOnly = false,
  ) {}

  /** The change set of one namespace of this unit. */
  in(namespace: string): ChangeSet {
    return {
      read: async (type, key) => (await this.readMany(namespace, type, [key]))[0],
      readMany: (type, keys) => this.readMany(namespace, type, keys),
      scan: (type) => this.scan(namespace, type),
      write: (type, key, value) => {
        this.refuseIfReadOnly();
        const full = keyOf(namespace, type, key);
        this.writes.set(full, validate(type, full, value));
      },
      delete: (type, key) => {
        this.refuseIfReadOnly();
        this.writes.set(keyOf(namespace, type, key), undefined);
      },
      settle: () => this.maybeFlush(),
    };
  }

  private refuseIfReadOnly() {
    if (this.readOnly) throw new Error('a read-only unit cannot write');
  }

  /** Lets the backend take the writes so far, if it keeps a transaction open (the unit may be large). */
  async maybeFlush(): Promise<void> {
    if (this.writes.size < FLUSH_AT || !this.tx.flush) return;
    await this.tx.flush(this.writes);
    this.writes.clear();
  }

  private async readMany<T>(namespace: string, type: RecordType<T>, keys: readonly (string | undefined)[]) {
    const full = keys.map((key) => keyOf(namespace, type, key));
    const missing = full.filter((k) => !this.writes.has(k));
    const loaded = new Map<string, unknown>();
    const values = await this.tx.get(missing);
    missing.forEach((k, i) => {
      loaded.set(k, values[i]);
    });
    return full.map((k) => {
      const value = this.writes.has(k) ? this.writes.get(k) : loaded.get(k);
      // Parsed again, so the caller may change what it got without changing what is written.
      return value === undefined ? undefined : validate(type, k, value);
    });
  }

  private async *scan<T>(namespace: string, type: RecordType<T>): AsyncGenerator<[string, T]> {
    const prefix = keyOf(namespace, type, '');
    const seen = new Set<string>();
    for await (const [full, value] of this.tx.scan(prefix)) {
      seen.add(full);
      const current = this.writes.has(full) ? this.writes.get(full) : value;
      if (current !== undefined) yield [full.slice(prefix.length), validate(type, full, current)];
    }
    for (const [full, value] of this.writes) {
      if (!full.startsWith(prefix) || seen.has(full) || value === undefined) continue;
      yield [full.slice(prefix.length), validate(type, full, value)];
    }
  }
}
