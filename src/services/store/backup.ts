import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { openStore, type Store } from './repository';

/**
 * Backups. SQLite stores are copied as a file (`VACUUM INTO`: one consistent state, while other processes
 * keep writing). Any store can also be written as a JSON-lines export of its records: a header line, then
 * one `[key, value]` per line, read from one consistent state. `restore` reads either form into any store,
 * so a backup of one kind of store moves a group to another.
 */
export const BACKUP_FORMAT = 'role-radar-backup';

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  store: z.string(),
  records: z.number().int().min(0),
});
const lineSchema = z.tuple([z.string().regex(/^(guild:[\w.-]+|global):[\w-]+/), z.unknown()]);

/** Why a file is not a backup that can be restored; `backup.problem.<problem>` in the catalog says it. */
export type BackupProblem =
  | 'empty'
  | 'no-header'
  | 'not-json'
  | 'bad-record'
  | 'bad-key'
  | 'truncated'
  | 'exists';

export class BackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    readonly path: string,
    /** What the catalog message says it with: the line, the record's key, the records found and expected. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${path}: ${problem} ${JSON.stringify(params)}`);
    this.name = 'BackupError';
  }
}

/** Writes a backup of the store to path (which must not exist) and returns how many records it holds. */
export async function writeBackup(
  store: Store,
  path: string,
  options: { format?: 'file' | 'json' } = {},
): Promise<{ format: 'sqlite' | 'json'; records: number }> {
  if (
    await stat(path).then(
      () => true,
      () => false,
    )
  )
    throw new BackupError('exists', path);
  if (store.backupFile && options.format !== 'json') {
    await store.backupFile(path);
    return { format: 'sqlite', records: (await countRecords(path)) ?? 0 };
  }
  const records = await store.records();
  const temp = `${path}.partial-${process.pid}`;
  const out = createWriteStream(temp);
  const write = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(`${line}\n`)) resolve();
      else out.once('drain', resolve).once('error', reject);
    });
  const header = {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    store: store.kind,
  };
  await write(JSON.stringify({ ...header, records: records.length }));
  for (const record of records) await write(JSON.stringify(record));
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  await rename(temp, path);
  return { format: 'json', records: records.length };
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

async function isSqliteFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    await handle.read(buffer, 0, 16, 0);
    return buffer.toString('latin1') === SQLITE_MAGIC;
  } finally {
    await handle.close();
  }
}

/** Reads the records of a SQLite copy without changing it (it is opened as a copy of its own). */
async function sqliteRecords(path: string): Promise<[string, unknown][]> {
  const dir = await mkdtemp(join(tmpdir(), 'role-radar-restore-'));
  try {
    const copy = join(dir, 'backup.sqlite');
    await copyFile(path, copy);
    const store = await openStore(`sqlite://${copy}`);
    try {
      return await store.records();
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function countRecords(path: string): Promise<number | undefined> {
  return (await sqliteRecords(path)).length;
}

/** The records of a backup of either form; a file that is neither, or is cut short, is refused. */
export async function readBackup(path: string): Promise<[string, unknown][]> {
  if (await isSqliteFile(path)) {
    const records = await sqliteRecords(path);
    for (const record of records) {
      if (!lineSchema.safeParse(record).success)
        throw new BackupError('bad-key', path, { key: record[0].slice(0, 60) });
    }
    return records;
  }
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header: z.infer<typeof headerSchema> | undefined;
  const records: [string, unknown][] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw header
        ? new BackupError('not-json', path, { line: lineNumber })
        : new BackupError('no-header', path);
    }
    if (!header) {
      const result = headerSchema.safeParse(parsed);
      if (!result.success) throw new BackupError('no-header', path);
      header = result.data;
      continue;
    }
    const record = lineSchema.safeParse(parsed);
    if (!record.success) throw new BackupError('bad-record', path, { line: lineNumber });
    records.push(record.data as [string, unknown]);
  }
  if (!header) throw new BackupError('empty', path);
  if (records.length !== header.records) {
    throw new BackupError('truncated', path, { found: records.length, expected: header.records });
  }
  return records;
}
