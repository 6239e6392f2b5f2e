import { closest } from '../commands/shared/closest';
import { perLocale } from '../commands/shared/options';
import type { Command } from '../commands/types';
import { ConfigError } from '../config';
import { type Locale, type MessageKey, type Translate, translator } from '../i18n';
import { userErrorMessage } from '../i18n/user-error';
import { isUserError, UserError } from '../services/errors';
import {
  checkLang,
  cliLocale,
  GLOBAL_OPTIONS,
  langFlag,
  type OptionSpec,
  parseCli,
  splitCommand,
  str,
} from './args';
import type { CliArgs, CliCommand } from './commands/types';
import { type Io, processIo } from './io';
import { page } from './pager';
import { CLI_COMMANDS } from './registry';
import { DEFAULT_TIME_ZONE, wantsColor } from './render';

const GLOBAL_FLAGS = ['guild', 'store', 'lang', 'json', 'help'] as const;

function flagLines(t: Translate, flags: OptionSpec): string[] {
  return Object.entries(flags).map(([name, spec]) => {
    const key = `cli.flag.${name}` as MessageKey;
    const value = spec.type === 'string' ? ` <${t(`cli.value.${name}` as MessageKey)}>` : '';
    return `  --${name}${value}  ${t(key)}`;
  });
}

async function usage(t: Translate, locale: Locale): Promise<string> {
  const lines = [t('cli.usage.title'), '', t('cli.usage.head')];
  lines.push(`  role-radar start  ${t('cli.about.start')}`);
  for (const entry of CLI_COMMANDS) {
    const command = await entry.load();
    lines.push(`  role-radar ${command.name} ${command.syntax(t, locale)}`, `      ${t(command.about)}`);
  }
  const { commands } = await import('../commands/index');
  const others = commands.filter(
    (c) => c.data.name !== 'help' && !CLI_COMMANDS.some((e) => e.name === c.data.name),
  );
  lines.push('', t('cli.usage.slash', { commands: others.map((c) => c.data.name).join(', ') }));
  lines.push('', t('cli.usage.global'), ...flagLines(t, GLOBAL_OPTIONS));
  lines.push('', t('cli.usage.more'));
  return lines.join('\n');
}

function commandHelp(t: Translate, locale: Locale, command: CliCommand): string {
  const lines = [`role-radar ${command.name} ${command.syntax(t, locale)}`, '', t(command.about)];
  const flags = flagLines(t, command.flags);
  if (flags.length > 0) lines.push('', ...flags);
  lines.push('', t('cli.usage.global'), ...flagLines(t, GLOBAL_OPTIONS));
  return lines.join('\n');
}

/** Global flags out of a slash command's words; the rest are its own options. */
function takeGlobals(argv: string[]) {
  const own: string[] = [];
  const values: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const flag = /^--(guild|store|lang|json|help)(?:=(.*))?$/.exec(arg);
    if (!flag) {
      own.push(arg);
      continue;
    }
    const name = flag[1] as (typeof GLOBAL_FLAGS)[number];
    if (GLOBAL_OPTIONS[name].type === 'boolean') values[name] = true;
    else if (flag[2] !== undefined) values[name] = flag[2];
    else if (argv[i + 1] !== undefined) values[name] = argv[++i] ?? '';
    else throw new UserError('cli.missing-value', { flag: arg });
  }
  return { own, values };
}

function cliArgs(
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
  locale: Locale,
  t: Translate,
): CliArgs {
  const store = str(values.store);
  return {
    positionals,
    values,
    guild: str(values.guild) ?? GLOBAL_OPTIONS.guild.default,
    ...(store ? { store } : {}),
    json: values.json === true,
    locale,
    t,
    style: { locale, timeZone: DEFAULT_TIME_ZONE, color: wantsColor(process.stdout) },
  };
}

/** On a terminal, a long answer is paged; elsewhere it is written as it comes. */
function pagedIo(io: Io): { io: Io; flush: () => Promise<void> } {
  if (io !== processIo || !process.stdout.isTTY) return { io, flush: async () => {} };
  const chunks: string[] = [];
  return {
    io: { ...io, stdout: (text) => chunks.push(text.endsWith('\n') ? text : `${text}\n`) },
    flush: () => page(chunks.join('')),
  };
}

async function start(argv: string[], locale: Locale): Promise<number> {
  const { values } = parseCli(argv, {});
  const { loadConfig } = await import('../config');
  const config = loadConfig();
  if (config.DISCORD_TOKEN) {
    const [{ startBot }, { createLogger }, { storeSecrets }] = await Promise.all([
      import('../discord/start'),
      import('../logger'),
      import('../services/store/repository'),
    ]);
    const storeUrl = values.store ?? config.STORE_URL;
    return startBot(
      { ...config, STORE_URL: storeUrl },
      createLogger(config.LOG_LEVEL, [config.DISCORD_TOKEN, ...storeSecrets(storeUrl)]),
    );
  }
  const [{ openRuntime }, { defaultHistoryFile, runConsole }] = await Promise.all([
    import('./runtime'),
    import('./console'),
  ]);
  const rt = await openRuntime(
    { guild: values.guild, ...(values.store ? { store: values.store } : {}) },
    locale,
  );
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
  try {
    await runConsole(rt, {
      input: process.stdin,
      output: process.stdout,
      terminal,
      color: wantsColor(process.stdout),
      historyFile: defaultHistoryFile(),
    });
  } finally {
    await rt.close();
  }
  return 0;
}

async function runSlash(command: Command, argv: string[], io: Io, locale: Locale, t: Translate) {
  const { own, values } = takeGlobals(argv);
  const args = cliArgs(values, [], locale, t);
  const { runSlashCommand } = await import('./commands/slash');
  return runSlashCommand(command, own, args, io);
}

/** Runs one command line; the exit status: 0 done, 1 the member's mistake (said in one line), 2 a failure. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const lang = langFlag(argv);
  const locale = cliLocale(lang);
  const t = translator(locale);
  try {
    checkLang(lang);
    const { name, rest } = splitCommand(argv);
    if (name === undefined && (rest.includes('--help') || rest.includes('-h'))) {
      io.stdout(await usage(t, locale));
      return 0;
    }
    if (name === undefined || name === 'start') return await start(rest, locale);
    if (name === 'help') {
      const entry = CLI_COMMANDS.find((e) => e.name === rest[0]);
      io.stdout(entry ? commandHelp(t, locale, await entry.load()) : await usage(t, locale));
      return 0;
    }
    const entry = CLI_COMMANDS.find((e) => e.name === name);
    if (!entry) {
      const { commands } = await import('../commands/index');
      const { findCommand } = await import('./command-line');
      const slash = findCommand(commands, name);
      if (slash) return await runSlash(slash, rest, io, locale, t);
      const names = [
        'start',
        'help',
        ...CLI_COMMANDS.map((e) => e.name),
        ...commands.map((c) => c.data.name),
      ];
      const near = closest(name, [...new Set(names)]);
      throw new UserError('cli.unknown-command', {
        command: name.slice(0, 40),
        ...(near.length > 0 ? { closest: near.join(', ') } : {}),
      });
    }
    const command = await entry.load();
    const { values, positionals } = parseCli(rest, command.flags);
    if (values.help) {
      io.stdout(commandHelp(t, locale, command));
      return 0;
    }
    if (command.maxPositionals !== undefined && positionals.length > command.maxPositionals) {
      throw new UserError('cli.extra-argument', {
        value: (positionals[command.maxPositionals] ?? '').slice(0, 40),
        ...perLocale('usage', (l) => `role-radar ${command.name} ${command.syntax(translator(l), l)}`),
      });
    }
    const paged = command.pages ? pagedIo(io) : { io, flush: async () => {} };
    try {
      return await command.run(cliArgs(values, positionals, locale, t), paged.io);
    } finally {
      await paged.flush();
    }
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(oneLine(userErrorMessage(t, locale, error)));
      return 1;
    }
    if (error instanceof ConfigError) {
      io.stderr(
        oneLine(
          t('error.config.invalid', {
            setting: error.setting,
            problem: t(`config.problem.${error.problem}`),
          }),
        ),
      );
      return 1;
    }
    io.stderr(oneLine(t('error.cli.failed', { reason: (error as Error).message ?? String(error) })));
    if (process.env.LOG_LEVEL === 'debug' && error instanceof Error && error.stack) io.stderr(error.stack);
    return 2;
  }
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
