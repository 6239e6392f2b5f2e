import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createContext } from '../commands/context';
import type { Attachment, Context, Platform } from '../commands/types';
import { loadConfig } from '../config';
import { type Locale, translator } from '../i18n';
import { userErrorMessage } from '../i18n/user-error';
import { createLogger, type Logger } from '../logger';
import { createServices, type Services } from '../services';
import { UserError } from '../services/errors';
import { openStore } from '../services/store/repository';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
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

/** A file named on the command line; a missing or unreadable one is the member's mistake, said in one line. */
export async function readLocalFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('file.not-found', { path });
    throw new UserError('file.unreadable', { reason: code ?? String(error) });
  }
}

/** A local file standing in for an uploaded one (the console's `/import file:notes.md`). */
export function localAttachment(path: string): Attachment {
  return { name: basename(path), size: 0, fetch: () => readLocalFile(path) };
}

export async function readTextFile(path: string): Promise<string> {
  return (await readLocalFile(path)).toString('utf8');
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
