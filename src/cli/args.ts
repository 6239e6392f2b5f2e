import { parseArgs } from 'node:util';
import { type Locale, toLocale } from '../i18n';

/** Flags every CLI command understands. */
export const GLOBAL_OPTIONS = {
  guild: { type: 'string', default: 'local' },
  store: { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; default?: string | boolean }
>;

export function parseCli<T extends OptionSpec>(argv: string[], options: T) {
  return parseArgs({
    args: argv,
    options: { ...GLOBAL_OPTIONS, ...options },
    allowPositionals: true,
    strict: true,
  });
}

export function cliLocale(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  return toLocale(flag ?? env.ROLE_RADAR_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG);
}

/** A string flag's value; absent or boolean flags read as undefined. */
export const str = (value: string | boolean | undefined) => (typeof value === 'string' ? value : undefined);
