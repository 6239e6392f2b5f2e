import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createColors } from 'picocolors';
import { commands } from '../commands/index';
import type { Context } from '../commands/types';
import { userErrorMessage } from '../i18n/user-error';
import { isUserError } from '../services/errors';
import { findCommand, parseTokens, tokenize } from './command-line';
import { createCompleter } from './completion';
import type { FormIo } from './form';
import { createLineReader, END, INTERRUPT, type LineReader, MAX_LINE_CHARS } from './line-reader';
import type { ConsoleButton, TerminalStyle } from './render';
import { localAttachment, type Runtime, readTextFile } from './runtime';
import { type Outcome, perform, type SessionUi } from './session';

export interface ConsoleIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Line editing, history and completion (stdin and stdout are a terminal). */
  terminal: boolean;
  color: boolean;
  /** Where commands typed in a terminal are remembered between sessions; none for piped input. */
  historyFile?: string;
}

export const defaultHistoryFile = (env: NodeJS.ProcessEnv = process.env) =>
  env.ROLE_RADAR_HISTORY || join(homedir(), '.role_radar_history');

const HISTORY_KEPT = 500;

function loadHistory(path: string | undefined): string[] {
  if (!path) return [];
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_KEPT).reverse();
  } catch {
    return [];
  }
}

function saveHistory(path: string | undefined, lines: string[]) {
  if (!path || lines.length === 0) return;
  try {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  } catch {
    // A history that cannot be written is not worth an error on the way out.
  }
}

/** The same slash commands as on Discord, typed in a terminal; replies are rendered as text. */
export async function runConsole(rt: Runtime, io: ConsoleIo): Promise<void> {
  const { t, locale } = rt.context();
  const c = createColors(io.color);
  const write = (text: string) => io.output.write(text.endsWith('\n') ? text : `${text}\n`);
  const history = io.terminal ? loadHistory(io.historyFile) : [];
  const reader: LineReader = createLineReader({
    input: io.input,
    output: io.output,
    terminal: io.terminal,
    completer: createCompleter(rt, commands),
    history,
  });
  let timeZone = await rt.timeZone();
  const style = (): TerminalStyle => ({ locale, timeZone, color: io.color });
  const form: FormIo = {
    reader,
    say: write,
    warn: (text) => write(c.yellow(text)),
    t,
    locale,
    readFile: readTextFile,
    strong: (text) => c.bold(text),
  };
  const ui: SessionUi = { out: write, err: (text) => write(c.red(text)), style, form, pressable: true };
  const typed: string[] = [];
  let buttons: ConsoleButton[] = [];

  const run = async (ctx: Context, invocation: Parameters<typeof perform>[2]): Promise<void> => {
    const outcome: Outcome = await perform(rt, ctx, invocation, ui);
    if (outcome.kind === 'shown') buttons = outcome.buttons;
    timeZone = await rt.timeZone();
  };

  write(c.bold(t('console.banner', { guild: rt.guildId, language: t('language.name') })));
  write(c.dim(t(io.terminal ? 'console.hint' : 'console.hint-piped')));
  const prompt = io.color ? `${c.cyan('role-radar')}${c.dim('>')} ` : 'role-radar> ';

  try {
    await prompts();
  } finally {
    reader.close();
    saveHistory(io.terminal ? io.historyFile : undefined, typed);
  }

  async function prompts() {
    for (;;) {
      const line = await reader.read(prompt, 'command');
      if (line === END || line === INTERRUPT) break;
      if (line.length > MAX_LINE_CHARS) {
        // Cut by the reader: no command is that long, and what was cut off is gone.
        ui.err(t('console.line-too-long', { max: MAX_LINE_CHARS }));
        continue;
      }
      const text = line.trim();
      if (text === '') continue;
      if (io.terminal) typed.push(text);
      if (/^\d+$/.test(text)) {
        const button = buttons[Number(text) - 1];
        if (!button || button.disabled) {
          ui.err(buttons.length === 0 ? t('console.no-buttons') : t('console.no-button', { n: text }));
          continue;
        }
        await run(rt.context(), {
          kind: 'component',
          customId: button.customId,
          ...(button.values ? { values: button.values } : {}),
        });
        continue;
      }
      let parsed: ReturnType<typeof parseTokens>;
      try {
        const tokens = tokenize(text);
        if (!text.startsWith('/')) {
          // `summary backend` without the slash is still meant as a command, when it names one.
          if (!tokens[0] || !findCommand(commands, tokens[0])) {
            ui.err(t('console.not-command'));
            continue;
          }
        }
        parsed = parseTokens(commands, tokens);
      } catch (error) {
        if (!isUserError(error)) throw error;
        ui.err(userErrorMessage(t, locale, error));
        continue;
      }
      const attachments = Object.fromEntries(
        Object.entries(parsed.files).map(([name, path]) => [name, localAttachment(path)]),
      );
      const ctx = rt.context({
        ...(parsed.subcommand ? { subcommand: parsed.subcommand } : {}),
        options: parsed.options,
        attachments,
      });
      await run(ctx, { kind: 'command', name: parsed.command.data.name });
    }
  }
}
