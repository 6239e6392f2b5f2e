import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
} from 'discord-api-types/v10';
import { closest } from '../commands/shared/closest';
import { perLocale } from '../commands/shared/options';
import { optionSyntax } from '../commands/shared/syntax';
import type { Command, OptionValue } from '../commands/types';
import { UserError } from '../services/errors';

/** Console shorthands for subcommands: `/remove 3` is `/postings remove 3`. */
export const SHORTHANDS: Readonly<Record<string, readonly [string, string]>> = {
  list: ['postings', 'list'],
  show: ['postings', 'show'],
  edit: ['postings', 'edit'],
  remove: ['postings', 'remove'],
};

/** Splits a typed line into words; quotes keep spaces (`company:"Toss Bank"`, `'Backend developer'`). */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const pattern = /(\S+?[:=])?"([^"]*)"?|(\S+?[:=])?'([^']*)'?|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    if (match[2] !== undefined) tokens.push(`${match[1] ?? ''}${match[2]}`);
    else if (match[4] !== undefined) tokens.push(`${match[3] ?? ''}${match[4]}`);
    else if (match[5] !== undefined) tokens.push(match[5]);
  }
  return tokens;
}

const names = (o: { name: string; name_localizations?: Partial<Record<string, string | null>> | null }) =>
  [o.name, o.name_localizations?.ko].filter((n): n is string => typeof n === 'string');

/** The command a typed name means: its name in either language, or a console shorthand. */
export function findCommand(commands: readonly Command[], typed: string): Command | undefined {
  const name = typed.replace(/^\//, '').toLowerCase();
  const shorthand = SHORTHANDS[name];
  const wanted = shorthand ? shorthand[0] : name;
  return commands.find((c) => names(c.data).some((n) => n.toLowerCase() === wanted));
}

/** Every name a command can be typed by, for completion and for "did you mean". */
export function commandWords(commands: readonly Command[]): string[] {
  const words = commands.flatMap((c) => names(c.data));
  return [...words, ...Object.keys(SHORTHANDS).filter((s) => findCommand(commands, s))];
}

const subcommandsOf = (command: Command) =>
  (command.data.options ?? []).filter(
    (o): o is Extract<APIApplicationCommandOption, { type: ApplicationCommandOptionType.Subcommand }> =>
      o.type === ApplicationCommandOptionType.Subcommand,
  );

/** The value options of a command, or of one of its subcommands. */
export function optionsOf(
  command: Command,
  subcommand?: string,
): readonly APIApplicationCommandBasicOption[] {
  const subs = subcommandsOf(command);
  if (subs.length === 0) return (command.data.options ?? []) as APIApplicationCommandBasicOption[];
  return subs.find((s) => s.name === subcommand)?.options ?? [];
}

export function subcommandNames(command: Command): string[] {
  return subcommandsOf(command).map((s) => s.name);
}

/** The subcommand a typed word names, in either language. */
export function findSubcommand(command: Command, typed: string): string | undefined {
  const word = typed.toLowerCase();
  return subcommandsOf(command).find((s) => names(s).some((n) => n.toLowerCase() === word))?.name;
}

export function findOption(options: readonly APIApplicationCommandBasicOption[], typed: string) {
  const word = typed.toLowerCase();
  return options.find((o) => names(o).some((n) => n.toLowerCase() === word));
}

export interface ParsedLine {
  command: Command;
  subcommand?: string;
  options: Record<string, OptionValue>;
  /** Attachment options: local file paths. */
  files: Record<string, string>;
}

const isNumeric = (o: APIApplicationCommandBasicOption) =>
  o.type === ApplicationCommandOptionType.Integer || o.type === ApplicationCommandOptionType.Number;

/** `/summary backend [section:…]` in both languages, for a message that says how to type a command. */
export function usage(command: Command, subcommand?: string) {
  return perLocale('usage', (locale) => {
    const name =
      locale === 'ko' ? (command.data.name_localizations?.ko ?? command.data.name) : command.data.name;
    const sub = subcommandsOf(command).find((s) => s.name === subcommand);
    const subName = sub ? ` ${locale === 'ko' ? (sub.name_localizations?.ko ?? sub.name) : sub.name}` : '';
    const options = optionsOf(command, subcommand).map((o) => optionSyntax(o, locale));
    return [`/${name}${subName}`, ...options].join(' ');
  });
}

/**
 * A typed command as Discord would send it: `/summary 백엔드 section:required` → the summary command with
 * `{ role: '백엔드', section: 'required' }`. Options are named `name:value` (either language) or given in
 * order; words left over go to the first option still missing (so a role can be two words). Nothing is
 * validated here beyond the shape: the command's own schema decides what is valid, as it does for Discord.
 */
export function parseTokens(commands: readonly Command[], tokens: readonly string[]): ParsedLine {
  const [head = '', ...rest] = tokens;
  const typed = head.replace(/^\//, '');
  const command = findCommand(commands, typed);
  if (!command) {
    const near = closest(typed, commandWords(commands)).map((n) => `/${n}`);
    throw new UserError('command.unknown', {
      command: `/${typed}`,
      ...(near.length ? { closest: near.join(', ') } : {}),
    });
  }
  const shorthand = SHORTHANDS[typed.toLowerCase()];
  let subcommand: string | undefined;
  const subs = subcommandNames(command);
  if (subs.length > 0) {
    subcommand = shorthand ? shorthand[1] : findSubcommand(command, rest[0] ?? '');
    if (subcommand && !shorthand) rest.shift();
    if (!subcommand && rest[0] !== undefined && !rest[0].includes(':')) {
      const near = closest(rest[0], subcommandsOf(command).flatMap(names));
      if (near.length > 0) {
        throw new UserError('command.unknown-sub', {
          command: `/${command.data.name}`,
          value: rest[0].slice(0, 40),
          closest: near.join(', '),
          ...perLocale('valid', (l) =>
            subcommandsOf(command)
              .map((s) => (l === 'ko' ? (s.name_localizations?.ko ?? s.name) : s.name))
              .join(', '),
          ),
        });
      }
    }
    // The first subcommand stands in for a missing one only when it needs nothing (`/postings` lists).
    const fallback = subcommandsOf(command)[0];
    if (!subcommand && fallback?.options?.some((o) => o.required)) {
      throw new UserError(rest[0] === undefined ? 'command.missing-sub' : 'command.unknown-sub', {
        command: `/${command.data.name}`,
        value: (rest[0] ?? '').slice(0, 40),
        ...perLocale('valid', (l) =>
          subcommandsOf(command)
            .map((s) => (l === 'ko' ? (s.name_localizations?.ko ?? s.name) : s.name))
            .join(', '),
        ),
      });
    }
    subcommand ??= fallback?.name;
  }
  const options = optionsOf(command, subcommand);
  const values: Record<string, OptionValue> = {};
  const positional: string[] = [];
  for (const token of rest) {
    const named = /^([\p{L}\w-]+)[:=](.*)$/su.exec(token);
    const option = named ? findOption(options, named[1] ?? '') : undefined;
    if (named && option) values[option.name] = named[2] ?? '';
    else if (named && !named[2]?.startsWith('//')) {
      const near = closest(named[1] ?? '', options.flatMap(names));
      throw new UserError('option.unknown', {
        option: (named[1] ?? '').slice(0, 40),
        command: `/${command.data.name}`,
        ...(near.length ? { closest: near.join(', ') } : {}),
        ...perLocale(
          'valid',
          (l) =>
            options.map((o) => (l === 'ko' ? (o.name_localizations?.ko ?? o.name) : o.name)).join(', ') ||
            '—',
        ),
      });
    } else positional.push(token);
  }
  const open = () => options.filter((o) => !(o.name in values));
  // A number at the end goes to a number option still open (`/postings list backend 2`: page 2).
  const last = positional.at(-1);
  const numberSlot = open().find(isNumeric);
  if (
    last !== undefined &&
    /^#?\d+$/.test(last) &&
    numberSlot &&
    (positional.length > 1 || !open().some((o) => o.required && !isNumeric(o)))
  ) {
    values[numberSlot.name] = positional.pop() as string;
  }
  const slot = open().find((o) => o.required) ?? open()[0];
  if (positional.length > 0) {
    if (!slot) {
      throw new UserError('option.extra', {
        value: positional.join(' ').slice(0, 40),
        ...usage(command, subcommand),
      });
    }
    values[slot.name] = positional.join(' ');
  }
  const missing = open().find((o) => o.required);
  if (missing) throw new UserError('option.missing', { field: missing.name, ...usage(command, subcommand) });
  // Files are given as paths; they are read when the command asks for them.
  const files: Record<string, string> = {};
  for (const option of options) {
    const value = values[option.name];
    if (option.type === ApplicationCommandOptionType.Attachment && typeof value === 'string') {
      files[option.name] = value;
      delete values[option.name];
    }
  }
  return { command, ...(subcommand ? { subcommand } : {}), options: values, files };
}

/**
 * Command-line words as console words: `digest set --channel 123 --weekday=fri` → `digest set channel:123
 * weekday:fri`, so a slash command runs from the shell with the same parser (and the same checks).
 */
export function argvTokens(argv: readonly string[]): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const flag = /^--([\p{L}\w-]+)(?:=(.*))?$/su.exec(arg);
    if (!flag) {
      tokens.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (flag[2] !== undefined) tokens.push(`${flag[1]}:${flag[2]}`);
    else if (next !== undefined && !next.startsWith('--')) {
      tokens.push(`${flag[1]}:${next}`);
      i++;
    } else tokens.push(`${flag[1]}:true`);
  }
  return tokens;
}
