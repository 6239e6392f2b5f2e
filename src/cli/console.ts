import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type APIApplicationCommandOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { dispatch, type Invocation } from '../commands/dispatch';
import { commandByName, commands } from '../commands/index';
import type { Command, Modal, OptionValue, Response } from '../commands/types';
import { buttonsOf, type ConsoleButton, renderReply } from './render';
import { localAttachment, type Runtime } from './runtime';

/** Longest line the console keeps; the rest of a longer line is dropped as it arrives, never held. */
export const MAX_LINE_CHARS = 64 * 1024;
/** Longest multi-line form field the console collects: past every field's own limit, which then refuses it. */
const MAX_FIELD_CHARS = 16 * 1024;

/**
 * Lines from stdin, one at a time, for both the command prompt and the fields of a form. A line longer than
 * MAX_LINE_CHARS is cut just past it (so whatever reads it sees that it is too long), and what follows up
 * to its end is skipped without being kept: a pasted megabyte costs no more memory than one line.
 */
function lineSource(input: NodeJS.ReadableStream) {
  const queue: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let closed = false;
  let pending = '';
  const emit = (line: string) => {
    const next = waiting.shift();
    if (next) next(line);
    else queue.push(line);
  };
  const keep = (text: string) => {
    if (pending.length <= MAX_LINE_CHARS) pending += text.slice(0, MAX_LINE_CHARS + 1 - pending.length);
  };
  input.setEncoding('utf8');
  const onData = (chunk: string | Buffer) => {
    const text = String(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      keep(text.slice(start, nl));
      emit(pending.endsWith('\r') ? pending.slice(0, -1) : pending);
      pending = '';
      start = nl + 1;
    }
    keep(text.slice(start));
  };
  const onEnd = () => {
    if (closed) return;
    if (pending !== '') emit(pending);
    pending = '';
    closed = true;
    for (const next of waiting.splice(0)) next(undefined);
  };
  input.on('data', onData);
  input.on('end', onEnd);
  input.on('close', onEnd);
  return {
    next(): Promise<string | undefined> {
      const line = queue.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (closed) return Promise.resolve(undefined);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('close', onEnd);
      onEnd();
      (input as NodeJS.ReadableStream & { pause?: () => void }).pause?.();
    },
  };
}

/** Console shorthands for subcommands: `/remove 3` is `/postings remove 3`. */
const SHORTHANDS: Record<string, [string, string]> = {
  list: ['postings', 'list'],
  show: ['postings', 'show'],
  edit: ['postings', 'edit'],
  remove: ['postings', 'remove'],
};

export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const pattern = /(\S+?[:=])?"([^"]*)"|(\S+?[:=])?'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    if (match[2] !== undefined) tokens.push(`${match[1] ?? ''}${match[2]}`);
    else if (match[4] !== undefined) tokens.push(`${match[3] ?? ''}${match[4]}`);
    else if (match[5] !== undefined) tokens.push(match[5]);
  }
  return tokens;
}

const findCommand = (name: string): Command | undefined =>
  commandByName.get(name) ?? commands.find((c) => c.data.name_localizations?.ko === name);

export interface ParsedLine {
  command: Command;
  subcommand?: string;
  options: Record<string, OptionValue>;
  /** Attachment options: local file paths. */
  files: Record<string, string>;
}

/** `/summary 백엔드 section:required` → the summary command with its options, as Discord would send them. */
export function parseCommandLine(line: string): ParsedLine | { error: string } {
  const [head = '', ...rest] = tokenize(line.trim().replace(/^\//, ''));
  const shorthand = SHORTHANDS[head];
  const command = findCommand(shorthand ? shorthand[0] : head);
  if (!command) return { error: `unknown command /${head}. Type /help.` };
  let options: readonly APIApplicationCommandOption[] = command.data.options ?? [];
  let subcommand: string | undefined;
  const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) {
    const wanted = shorthand ? shorthand[1] : rest[0];
    const sub = subcommands.find((s) => s.name === wanted || s.name_localizations?.ko === wanted);
    if (sub && !shorthand) rest.shift();
    const chosen = sub ?? subcommands[0];
    subcommand = chosen?.name;
    options = chosen && 'options' in chosen ? (chosen.options ?? []) : [];
  }
  const values: Record<string, OptionValue> = {};
  const positional: string[] = [];
  for (const token of rest) {
    const named = /^([\p{L}\w-]+)[:=](.*)$/u.exec(token);
    const option = named && options.find((o) => o.name === named[1] || o.name_localizations?.ko === named[1]);
    if (named && option) values[option.name] = named[2] ?? '';
    else positional.push(token);
  }
  const first =
    options.find((o) => !(o.name in values) && o.required) ?? options.find((o) => !(o.name in values));
  if (positional.length > 0 && first) values[first.name] = positional.join(' ');
  const missing = options
    .filter((o) => 'required' in o && o.required && !(o.name in values))
    .map((o) => o.name);
  if (missing.length > 0) {
    const usage = options
      .map((o) => ('required' in o && o.required ? `<${o.name}>` : `[${o.name}:…]`))
      .join(' ');
    return {
      error: `missing ${missing.join(', ')}: /${command.data.name}${subcommand ? ` ${subcommand}` : ''} ${usage}`,
    };
  }
  for (const option of options) {
    const value = values[option.name];
    const numeric =
      option.type === ApplicationCommandOptionType.Integer ||
      option.type === ApplicationCommandOptionType.Number;
    if (numeric && typeof value === 'string') values[option.name] = Number(value.replace(/^#/, ''));
  }
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

async function askModal(modal: Modal, lines: ReturnType<typeof lineSource>, out: (t: string) => void) {
  out(`== ${modal.title} ==`);
  const fields: Record<string, string> = {};
  for (const field of modal.fields) {
    const optional = field.required ? '' : ' (optional)';
    const current = field.value ? ` [Enter keeps: ${field.value.split('\n')[0]?.slice(0, 40)}…]` : '';
    if (field.style === 'short') {
      out(`${field.label}${optional}${current}:`);
      const line = (await lines.next()) ?? '';
      fields[field.id] = line.trim() === '' && field.value ? field.value : line.trim();
    } else {
      out(`${field.label}${optional}${current} — end with a line containing only "."`);
      const collected: string[] = [];
      let size = 0;
      for (
        let line = await lines.next();
        line !== undefined && line.trim() !== '.';
        line = await lines.next()
      ) {
        // Past the cap the lines are read to the closing "." but not kept; the field is then too long.
        if (size <= MAX_FIELD_CHARS) collected.push(line);
        size += line.length + 1;
      }
      const text = collected.join('\n').slice(0, MAX_FIELD_CHARS + 1);
      fields[field.id] = text.trim() === '' && field.value ? field.value : text;
    }
  }
  return fields;
}

/** Writes a file a command sent (an export) into the current directory, never over an existing file. */
async function saveFile(name: string, data: Buffer): Promise<string> {
  const safeName = basename(name).replace(/[^\w.-]+/g, '_') || 'file';
  const dot = safeName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [safeName.slice(0, dot), safeName.slice(dot)] : [safeName, ''];
  for (let n = 0; ; n++) {
    const path = n === 0 ? safeName : `${stem}-${n}${ext}`;
    try {
      await writeFile(path, data, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 999) throw error;
    }
  }
}

/** The same slash commands as on Discord, typed in a terminal; replies are rendered as text. */
export async function runConsole(rt: Runtime, input: NodeJS.ReadableStream, out: (text: string) => void) {
  const lines = lineSource(input);
  let buttons: ConsoleButton[] = [];
  out(`Role Radar console · server "${rt.guildId}" · ${rt.locale === 'ko' ? '한국어' : 'English'}`);
  out('Type /help for the commands, Ctrl-D to leave.');

  const show = async (response: Response, ctx: ReturnType<Runtime['context']>): Promise<void> => {
    if (response.type === 'modal') {
      const fields = await askModal(response.modal, lines, out);
      const invocation: Invocation = { kind: 'modal', customId: response.modal.customId, fields };
      return show(await dispatch(ctx, invocation, rt.logger), ctx);
    }
    out(renderReply(response.reply));
    for (const file of response.reply.files ?? []) out(`saved ${await saveFile(file.name, file.data)}`);
    buttons = buttonsOf(response.reply);
  };

  for (let line = await lines.next(); line !== undefined; line = await lines.next()) {
    const text = line.trim();
    if (text === '') continue;
    if (/^\d+$/.test(text) && buttons.length > 0) {
      const button = buttons[Number(text) - 1];
      if (!button || button.disabled) {
        out('No such button.');
        continue;
      }
      const ctx = rt.context();
      await show(await dispatch(ctx, { kind: 'component', customId: button.customId }, rt.logger), ctx);
      continue;
    }
    if (!text.startsWith('/')) {
      out('Commands start with /, e.g. /help, /summary backend, /add-posting backend.');
      continue;
    }
    const parsed = parseCommandLine(text);
    if ('error' in parsed) {
      out(parsed.error);
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
    await show(await dispatch(ctx, { kind: 'command', name: parsed.command.data.name }, rt.logger), ctx);
  }
  lines.close();
}
