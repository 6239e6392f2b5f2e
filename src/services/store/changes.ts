import type { RecordType, Scope } from './repository';

interface Change {
  type: RecordType<unknown>;
  key: string | undefined;
  before: unknown;
  after: unknown;
}

/**
 * The records one operation reads and changes. Reads see the operation's own writes; commit() writes every
 * change, and if any write fails, puts back what each touched record held before and rethrows.
 * Use it inside scope.exclusive(), so nothing else writes the same records meanwhile.
 */
export class Changes {
  private readonly changes = new Map<string, Change>();

  constructor(private readonly scope: Scope) {}

  private id(type: RecordType<unknown>, key: string | undefined) {
    return `${type.name}\u0000${key ?? ''}`;
  }

  async read<T>(type: RecordType<T>, key?: string): Promise<T | undefined> {
    const id = this.id(type as RecordType<unknown>, key);
    const change = this.changes.get(id);
    if (change) return change.after as T | undefined;
    const value = await this.scope.get(type, key);
    // Remembered as unchanged, so a later write knows what was there without reading it again.
    this.changes.set(id, { type: type as RecordType<unknown>, key, before: value, after: value });
    return value;
  }

  async readMany<T>(type: RecordType<T>, keys: readonly string[]): Promise<(T | undefined)[]> {
    const missing = keys.filter((key) => !this.changes.has(this.id(type as RecordType<unknown>, key)));
    const loaded = new Map<string, T | undefined>();
    const values = await this.scope.getMany(type, missing);
    missing.forEach((key, i) => {
      loaded.set(key, values[i]);
    });
    return keys.map((key) => {
      const change = this.changes.get(this.id(type as RecordType<unknown>, key));
      return change ? (change.after as T | undefined) : loaded.get(key);
    });
  }

  /** Fetches, in one read, records this operation is about to write. */
  async preload<T>(type: RecordType<T>, keys: readonly string[]): Promise<void> {
    const missing = keys.filter((key) => !this.changes.has(this.id(type as RecordType<unknown>, key)));
    const values = await this.scope.getMany(type, missing);
    missing.forEach((key, i) => {
      const value = values[i];
      this.changes.set(this.id(type as RecordType<unknown>, key), {
        type: type as RecordType<unknown>,
        key,
        before: value,
        after: value,
      });
    });
  }

  async write<T>(type: RecordType<T>, key: string | undefined, value: T | undefined): Promise<void> {
    const id = this.id(type as RecordType<unknown>, key);
    const existing = this.changes.get(id);
    if (existing) {
      existing.after = value;
      return;
    }
    const before = await this.scope.get(type, key);
    this.changes.set(id, { type: type as RecordType<unknown>, key, before, after: value });
  }

  async commit(): Promise<void> {
    const done: Change[] = [];
    try {
      for (const change of this.changes.values()) {
        if (change.after !== change.before) await this.apply(change, change.after);
        done.push(change);
      }
    } catch (error) {
      // The failed write may have half-happened: put it back too.
      const failed = [...this.changes.values()][done.length];
      for (const change of failed ? [...done, failed] : done) {
        await this.apply(change, change.before).catch(() => undefined);
      }
      throw error;
    }
  }

  private apply(change: Change, value: unknown) {
    return value === undefined
      ? this.scope.delete(change.type, change.key)
      : this.scope.set(change.type, change.key, value);
  }
}
