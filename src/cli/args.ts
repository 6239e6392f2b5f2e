import { parseArgs } from 'node:util';
import { closest } from '../commands/shared/closest';
import { type Locale, toLocale } from '../i18n';
import { UserError } from '../services/errors';

export type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; default?: string | boolean }
>;

/** Flags every CLI command understands. */
export const GLOBAL_OPTIONS = {
  guild: { type: 'string', default: 'local' },
  store: { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies OptionSpec;

/** The flags and words given to a command, with every mistake in them as a UserError (one line, exit 1). */
export function parseCli<T extends OptionSpec>(argv: string[], options: T) {
  const all = { ...GLOBAL_OPTIONS, ...options };
  try {
    return parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error;
    const flag = /'(-{1,2}[^'\s]+)/.exec((error as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flags = Object.keys(all).map((name) => `--${name}`);
      const near = closest(flag.replace(/=.*$/, ''), flags);
      throw new UserError('cli.unknown-flag', {
        flag: flag.slice(0, 40),
        ...(near.length > 0 ? { closest: near.join(', ') } : {}),
        valid: flags.join(' '),
      });
    }
    throw new UserError('cli.missing-value', { flag: flag.slice(0, 40) });
  }
}

/** The language of the answers: --lang, else ROLE_RADAR_LANG, LC_ALL, LC_MESSAGES, LANG. */
export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  return toLocale(flag ?? env.ROLE_RADAR_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG);
}

/** `--lang` wherever it stands (`--lang ko`, `--lang=ko`), read before anything else so errors are in it too. */
export function langFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg === '--lang') return argv[i + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

export function checkLang(value: string | undefined) {
  if (value === undefined || /^(ko|en)([-_].*)?$/i.test(value)) return;
  throw new UserError('option.choice', { field: 'lang', value: value.slice(0, 20), valid: 'en, ko' });
}

/** The command named on the command line: the first word that is not a global flag or a flag's value. */
export function splitCommand(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  const rest = [...argv];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (!arg.startsWith('-')) {
      rest.splice(i, 1);
      return { name: arg, rest };
    }
    const name = arg.replace(/^--?/, '').replace(/=.*$/, '');
    const spec = (GLOBAL_OPTIONS as OptionSpec)[name];
    if (spec?.type === 'string' && !arg.includes('=')) i++;
    if (!spec) break;
  }
  return { name: undefined, rest };
}

/** A string flag's value; absent or boolean flags read as undefined. */
export const str = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);
