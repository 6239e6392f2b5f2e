import { createColors } from 'picocolors';
import { commands } from '../../commands/index';
import type { Command } from '../../commands/types';
import { argvTokens, parseTokens } from '../command-line';
import { createLineReader } from '../line-reader';
import { type Io, localAttachment, readTextFile, withRuntime } from '../runtime';
import { perform } from '../session';
import type { CliArgs } from './types';

/**
 * Any slash command from the shell: `role-radar digest status`, `role-radar add-posting backend` (the form is
 * asked on the terminal, or read from piped input). Options are the command's own, as `--name value` or in
 * order, checked by the same parser and schema as in the console and on Discord.
 */
export async function runSlashCommand(
  command: Command,
  argv: string[],
  args: CliArgs,
  io: Io,
): Promise<number> {
  const parsed = parseTokens(commands, [command.data.name, ...argvTokens(argv)]);
  return withRuntime(args, async (rt) => {
    const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
    const reader = createLineReader({ input: process.stdin, output: process.stdout, terminal });
    const c = createColors(args.style.color);
    const ctx = rt.context({
      ...(parsed.subcommand ? { subcommand: parsed.subcommand } : {}),
      options: parsed.options,
      attachments: Object.fromEntries(Object.entries(parsed.files).map(([n, p]) => [n, localAttachment(p)])),
    });
    try {
      const style = { ...args.style, timeZone: await rt.timeZone() };
      const outcome = await perform(
        rt,
        ctx,
        { kind: 'command', name: command.data.name },
        {
          out: io.stdout,
          err: io.stderr,
          style: () => style,
          pressable: false,
          form: {
            reader,
            say: io.stdout,
            warn: (text) => io.stderr(c.yellow(text)),
            t: args.t,
            locale: args.locale,
            readFile: readTextFile,
            strong: (text) => c.bold(text),
          },
        },
      );
      return outcome.kind === 'shown' ? 0 : outcome.kind === 'failed' ? 2 : 1;
    } finally {
      reader.close();
    }
  });
}
