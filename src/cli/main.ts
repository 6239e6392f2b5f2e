import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { isUserError } from '../services/errors';
import { storeSecrets } from '../services/store/repository';
import { cliLocale, GLOBAL_OPTIONS, parseCli } from './args';
import { deployCommand } from './commands/deploy';
import { digestCommand } from './commands/digest';
import { exportCommand, importCommand } from './commands/import-export';
import { normalizeCommand } from './commands/normalize';
import { addCommand, listCommand, removeCommand, showCommand, summaryCommand } from './commands/postings';
import { compareCommand, matchCommand, profileCommand, skillCommand, trendsCommand } from './commands/radar';
import { backupCommand, doctorCommand, restoreCommand } from './commands/store';
import type { CliCommand } from './commands/types';
import { runConsole } from './console';
import { describeUserError, type Io, openRuntime, processIo } from './runtime';

/** Every CLI command; `start` (console or Discord) is handled below. */
const CLI_COMMANDS: readonly CliCommand[] = [
  normalizeCommand,
  addCommand,
  summaryCommand,
  profileCommand,
  matchCommand,
  trendsCommand,
  compareCommand,
  skillCommand,
  listCommand,
  showCommand,
  removeCommand,
  importCommand,
  exportCommand,
  deployCommand,
  digestCommand,
  doctorCommand,
  backupCommand,
  restoreCommand,
];

function usage(): string {
  const lines = CLI_COMMANDS.map((c) => `  role-radar ${c.usage}`);
  return [
    'Role Radar: what the job postings your study group collects commonly ask for.',
    '',
    'Usage:',
    '  role-radar start                 Discord bot when DISCORD_TOKEN is set, else an interactive console',
    ...lines,
    '',
    'Global options: --guild <id> (default local)  --store <url>  --lang ko|en  --json',
  ].join('\n');
}

async function start(argv: string[], io: Io): Promise<number> {
  const { values } = parseCli(argv, {});
  const config = loadConfig();
  if (config.DISCORD_TOKEN) {
    const { startBot } = await import('../discord/start');
    const storeUrl = values.store ?? config.STORE_URL;
    return startBot(
      { ...config, STORE_URL: storeUrl },
      createLogger(config.LOG_LEVEL, [config.DISCORD_TOKEN, ...storeSecrets(storeUrl)]),
    );
  }
  const locale = cliLocale(values.lang);
  const rt = await openRuntime(
    { guild: values.guild, ...(values.store ? { store: values.store } : {}) },
    locale,
  );
  try {
    await runConsole(rt, process.stdin, io.stdout);
  } finally {
    await rt.close();
  }
  return 0;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name = 'start', ...rest] = argv;
  const locale = cliLocale(argv.includes('--lang') ? argv[argv.indexOf('--lang') + 1] : undefined);
  try {
    if (name === 'help' || name === '--help' || name === '-h') {
      io.stdout(usage());
      return 0;
    }
    if (name === 'start') return await start(rest, io);
    const command = CLI_COMMANDS.find((c) => c.name === name);
    if (!command) {
      io.stderr(`unknown command "${name}"\n\n${usage()}`);
      return 2;
    }
    const { values, positionals } = parseCli(rest, command.options);
    if (values.help) {
      io.stdout(`role-radar ${command.usage}`);
      return 0;
    }
    return await command.run(
      {
        positionals,
        values,
        guild: String(values.guild ?? GLOBAL_OPTIONS.guild.default),
        ...(typeof values.store === 'string' ? { store: values.store } : {}),
        json: values.json === true,
        locale,
      },
      io,
    );
  } catch (error) {
    if (isUserError(error)) {
      io.stderr(describeUserError(error, locale));
      return 1;
    }
    const code = (error as { code?: unknown }).code;
    if (error instanceof ConfigError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr((error as Error).message);
      return 2;
    }
    io.stderr(`error: ${(error as Error).message}`);
    return 2;
  }
}
