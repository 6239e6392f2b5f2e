import { UserError } from '../errors';

/**
 * What a storage backend does for the store: reads of committed records, atomic units of change, scans.
 * Keys are full keys (`guild:<id>:<type>:<key>`); values are the records as plain data.
 */
export interface Backend {
  readonly kind: 'sqlite' | 'postgres' | 'redis' | 'memory';
  /** The store's address with any password left out, for messages. */
  readonly label: string;
  get(keys: readonly string[]): Promise<unknown[]>;
  /**
   * Runs body and then writes what it returned, all or nothing, holding `locks` (namespaces) against every
   * other unit that names one of them, in this process and in others. Reads through `tx` see one
   * consistent state: the backend either excludes other writers while body runs, or checks at commit that
   * nothing it locked changed and runs body again if something did (body must not have other side effects).
   */
  unit<R>(
    locks: readonly string[],
    body: (tx: BackendTx) => Promise<UnitResult<R>>,
    options?: UnitOptions,
  ): Promise<R>;
  /** Every record whose key starts with prefix, in no particular order; committed state. */
  scan(prefix: string): AsyncIterable<[string, unknown]>;
  /** Keys (only) that start with prefix. */
  keys(prefix: string): Promise<string[]>;
  /** Every record, read from one consistent state (for backups). */
  snapshot(): Promise<[string, unknown][]>;
  /** Replaces every record of the store with these, atomically, excluding every unit meanwhile. */
  replaceAll(records: readonly [string, unknown][]): Promise<void>;
  /** SQLite: a consistent copy of the file (VACUUM INTO). Other backends have none. */
  backupFile?(path: string): Promise<void>;
  close(): Promise<void>;
  /** Removes everything this store ever kept (its file, schema or keys). For tests and `restore --replace`. */
  destroy(): Promise<void>;
}

export interface UnitOptions {
  /**
   * A unit that only reads (a recount): it sees one consistent state but does not exclude writers, which
   * go on meanwhile (SQLite and PostgreSQL read a snapshot; Redis checks that nothing changed).
   */
  readOnly?: boolean;
}

export interface BackendTx {
  get(keys: readonly string[]): Promise<unknown[]>;
  scan(prefix: string): AsyncIterable<[string, unknown]>;
  /** Backends that keep a transaction open may take writes early, so a large unit needs no buffer. */
  flush?(writes: ReadonlyMap<string, unknown>): Promise<void>;
}

export interface UnitResult<R> {
  result: R;
  /** Key → new value, or undefined to delete. */
  writes: ReadonlyMap<string, unknown>;
}

/**
 * A unit that could not get its locks (another process held them too long) or kept conflicting. Told to
 * the member as `store.busy` (try again), with what happened kept in `detail` for the logs.
 */
export class StoreBusyError extends UserError {
  constructor(readonly detail: string) {
    super('store.busy');
    this.name = 'StoreBusyError';
  }
}

/** A string greater than every key that starts with prefix (for range scans; keys are compared as bytes). */
export const prefixEnd = (prefix: string) =>
  prefix === ''
    ? '\u{10ffff}'
    : prefix.slice(0, -1) + String.fromCharCode((prefix.charCodeAt(prefix.length - 1) || 0) + 1);
