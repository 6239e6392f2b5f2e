import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { createContext } from '../commands/context';
import type { Attachment, Context, Platform } from '../commands/types';
import { loadConfig } from '../config';
import { type Locale, translator } from '../i18n';
import { userErrorMessage } from '../i18n/user-error';
import { createLogger, type Logger } from '../logger';
import { createServices, type Services } from '../services';
import { UserError } from '../services/errors';
import { decodeDocument } from '../services/import';
import { openStore } from '../services/store/repository';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input as text; past maxBytes it stops reading and throws UserError `input.too-large`. */
  readStdin: (maxBytes: number) => Promise<string>;
}

/** Largest file or input a command reads: far more than any posting or research note. */
export const MAX_INPUT_BYTES = 1024 * 1024;

export const describeBytes = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;

/** Reads a stream to its end, or throws as soon as it goes past maxBytes (the rest is never held). */
export async function readBounded(
  stream: AsyncIterable<unknown>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  async readStdin(maxBytes) {
    const tooLarge = () => new UserError('input.too-large', { max: describeBytes(maxBytes) });
    const bytes = await readBounded(process.stdin, maxBytes, tooLarge);
    return bytes.toString('utf8');
  },
};

export const consolePlatform: Platform = { name: 'console', checkChannel: async () => 'ok' };

export interface Runtime {
  services: Services;
  logger: Logger;
  locale: Locale;
  guildId: string;
  context(extra?: Partial<Pick<Context, 'subcommand' | 'options' | 'attachments'>>): Context;
  close(): Promise<void>;
}

/** Opens the store named by --store, STORE_URL or the default file, and the services over it. */
export async function openRuntime(
  flags: { store?: string; guild: string },
  locale: Locale,
): Promise<Runtime> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
  const store = await openStore(flags.store ?? config.STORE_URL);
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
    if (info.isDirectory()) throw new UserError('file.unreadable', { reason: 'EISDIR' });
    if (info.isFile() && info.size > maxBytes) throw tooLarge();
    return await readBounded(handle.createReadStream({ autoClose: false }), maxBytes, tooLarge);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('file.not-found', { path });
    throw new UserError('file.unreadable', { reason: code ?? String(error) });
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** A local file standing in for an uploaded one (the console's `/import file:notes.md`). */
export function localAttachment(path: string): Attachment {
  return { name: basename(path), size: 0, fetch: () => readLocalFile(path) };
}

/** A text file named on the command line: refused, as an upload to /import would be, if it is not text. */
export async function readTextFile(path: string): Promise<string> {
  const bytes = await readLocalFile(path);
  decodeDocument(bytes);
  return bytes.toString('utf8');
}

/** A UserError as one line in the member's language. */
export function describeUserError(error: UserError, locale: Locale): string {
  return userErrorMessage(translator(locale), error, 'backend, frontend, devops');
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
