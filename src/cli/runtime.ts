import { open, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createContext } from '../commands/context';
import type { Attachment, Context, Platform } from '../commands/types';
import { loadConfig } from '../config';
import type { Locale } from '../i18n';
import { createLogger, type Logger } from '../logger';
import { createServices, type Services } from '../services';
import { DIGEST_DEFAULTS } from '../services/digest/config';
import { isUserError, UserError } from '../services/errors';
import { decodeDocument } from '../services/import';
import { openStore, type Store } from '../services/store/repository';
import { describeBytes, MAX_INPUT_BYTES, readBounded } from './io';

export { describeBytes, type Io, MAX_INPUT_BYTES, processIo, readBounded } from './io';

export const consolePlatform: Platform = { name: 'console', checkChannel: async () => 'ok' };

export interface Runtime {
  services: Services;
  logger: Logger;
  locale: Locale;
  guildId: string;
  context(extra?: Partial<Pick<Context, 'subcommand' | 'options' | 'attachments'>>): Context;
  /** The server's time zone (its digest's), for showing times as the server reads them. */
  timeZone(): Promise<string>;
  close(): Promise<void>;
}

/** Opens the store named by --store, STORE_URL or the default file, and the services over it. */
export async function openRuntime(
  flags: { store?: string; guild: string },
  locale: Locale,
): Promise<Runtime> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
  const url = flags.store ?? config.STORE_URL;
  let store: Store;
  try {
    store = await openStore(url);
  } catch (error) {
    // A store that is busy (locked by another program for too long) says so as it is.
    if (isUserError(error)) throw error;
    // A store named wrong is the member's mistake; say which one, without a password it may hold.
    const hide = (text: string) => text.replace(/\/\/([^/@:\s]*):[^/@\s]*@/g, '//$1:***@');
    throw new UserError('store.open-failed', { store: hide(url), reason: hide((error as Error).message) });
  }
  const services = createServices({ store });
  return {
    services,
    logger,
    locale,
    guildId: flags.guild,
    context: (extra = {}) =>
      createContext({
        services,
        platform: consolePlatform,
        locale,
        guildId: flags.guild,
        userId: 'console',
        userName: process.env.USER ?? 'console',
        canManageMessages: true,
        canManageGuild: true,
        ...extra,
      }),
    timeZone: async () => (await services.digest.get(flags.guild))?.timezone ?? DIGEST_DEFAULTS.timezone,
    close: () => store.close(),
  };
}

/**
 * A file named on the command line, read only up to maxBytes (a larger file, or an endless one such as a
 * device, is refused before it is read whole). A missing or unreadable one is the member's mistake, said in
 * one line.
 */
export async function readLocalFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<Buffer> {
  const tooLarge = () => new UserError('import.too-large', { max: describeBytes(maxBytes) });
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) throw new UserError('file.is-directory', { path });
    if (info.isFile() && info.size > maxBytes) throw tooLarge();
    return await readBounded(handle.createReadStream({ autoClose: false }), maxBytes, tooLarge);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError('file.not-found', { path });
    if (code === 'EISDIR') throw new UserError('file.is-directory', { path });
    if (code === 'EACCES' || code === 'EPERM') throw new UserError('file.no-permission', { path });
    throw new UserError('file.unreadable', { path });
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Writes a file named on the command line; a path that cannot be written is the member's mistake. */
export async function writeLocalFile(path: string, data: string | Buffer): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UserError('file.is-directory', { path });
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError('file.no-folder', { path });
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new UserError('file.no-permission', { path });
    throw error;
  }
}

/** A local file standing in for an uploaded one (the console's `/import file:notes.md`). */
export function localAttachment(path: string): Attachment {
  return { name: basename(path), size: 0, fetch: () => readLocalFile(path) };
}

/** A text file named on the command line: refused, as an upload to /import would be, if it is not text. */
export async function readTextFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<string> {
  const bytes = await readLocalFile(path, maxBytes);
  decodeDocument(bytes);
  return bytes.toString('utf8');
}

/** Runs fn with the runtime the CLI flags name, and closes the store whatever happens. */
export async function withRuntime<T>(
  args: { guild: string; store?: string; locale: Locale },
  fn: (rt: Runtime) => Promise<T>,
): Promise<T> {
  const rt = await openRuntime(
    { guild: args.guild, ...(args.store ? { store: args.store } : {}) },
    args.locale,
  );
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
