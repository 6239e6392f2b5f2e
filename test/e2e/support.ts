import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  InteractionResponseType,
} from 'discord-api-types/v10';
import { pino } from 'pino';
import { expect } from 'vitest';
import type { Config } from '../../src/config';
import { deployCommands } from '../../src/discord/deploy';
import { type Bot, createBot } from '../../src/discord/start';
import type { Logger } from '../../src/logger';
import { createServices, type Services } from '../../src/services';
import type { Clock } from '../../src/services/clock';
import { openStore, type Store } from '../../src/services/store/repository';
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  type GuildFixture,
  type GuildInit,
  type InteractionContextInit,
  type RecordedMessage,
  startFakeDiscord,
} from '../support/fake-discord/index';

export interface LogRecord {
  level: number;
  msg?: string;
  err?: { message?: string; type?: string };
  [key: string]: unknown;
}

/** A logger that keeps every record in memory (and shows nothing), for tests to look at. */
export function memoryLogger(level = 'trace'): { logger: Logger; records: LogRecord[]; text: () => string } {
  const lines: string[] = [];
  const records: LogRecord[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = chunk.toString('utf8');
      lines.push(line);
      for (const part of line.split('\n').filter(Boolean)) records.push(JSON.parse(part) as LogRecord);
      done();
    },
  });
  return { logger: pino({ level }, sink), records, text: () => lines.join('') };
}

export const tempDir = () => mkdtemp(join(tmpdir(), 'role-radar-e2e-'));

export interface HarnessOptions {
  /** Guilds to create; one default guild when omitted. */
  guilds?: GuildInit[];
  fake?: FakeDiscordOptions;
  deferAfterMs?: number;
  clock?: Clock;
  /** Wraps the services the bot gets (e.g. to slow one down). */
  wrapServices?: (services: Services) => Services;
  /** Registers the commands in every guild first (so the fake types options like Discord). Default true. */
  deploy?: boolean;
}

export interface Harness {
  discord: FakeDiscord;
  bot: Bot;
  services: Services;
  store: Store;
  guilds: GuildFixture[];
  guild: GuildFixture;
  logs: ReturnType<typeof memoryLogger>;
  config: Config;
  close(): Promise<void>;
}

/** The fake Discord, a temp SQLite store and the real bot wiring (createBot) logged in to the fake. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = await tempDir();
  const discord = await startFakeDiscord(options.fake);
  const closers: (() => Promise<void>)[] = [
    () => discord.close(),
    () => rm(dir, { recursive: true, force: true }),
  ];
  /** Closes everything, even when one part fails to close, then reports the first failure. */
  const close = async () => {
    const failures: unknown[] = [];
    for (const closeOne of closers.splice(0))
      await closeOne().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  };
  try {
    const guilds = (options.guilds ?? [{}]).map((init) => discord.addGuild(init));
    const storeUrl = `sqlite://${join(dir, 'x.sqlite')}`;
    const store = await openStore(storeUrl);
    closers.unshift(() => store.close());
    const services = createServices({ store, ...(options.clock ? { clock: options.clock } : {}) });
    const config: Config = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      STORE_URL: storeUrl,
      LOG_LEVEL: 'silent',
    };
    if (options.deploy !== false) {
      for (const guild of guilds) {
        await deployCommands({
          token: discord.token,
          applicationId: discord.applicationId,
          guildId: guild.id,
          api: discord.apiUrl,
        });
      }
    }
    const logs = memoryLogger();
    const bot = await createBot({
      config,
      logger: logs.logger,
      services: options.wrapServices ? options.wrapServices(services) : services,
      ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    });
    closers.unshift(() => bot.stop());
    await bot.ready;
    await discord.waitForReady();
    const [guild] = guilds;
    if (!guild) throw new Error('no guild');
    return { discord, bot, services, store, guilds, guild, logs, config, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface PostingFields {
  company: string;
  title?: string;
  url?: string;
  requirements: string;
  preferred?: string;
}

/** Runs `/add-posting role:<role>` and submits the modal it opens; returns the bot's answer to the submission. */
export async function addPosting(
  h: Harness,
  role: string,
  fields: PostingFields,
  who: InteractionContextInit = {},
): Promise<RecordedMessage> {
  const command = h.discord.sendCommand({ ...who, name: 'add-posting', options: { role } });
  const callback = await command.response();
  expect(callback.type).toBe(InteractionResponseType.Modal);
  const modal = (callback as { data: APIModalInteractionResponseCallbackData }).data;
  const submit = h.discord.sendModalSubmit({
    ...who,
    customId: modal.custom_id,
    fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >,
  });
  return submit.nextMessage();
}

export const embedText = (embed: APIEmbed): string =>
  [
    embed.author?.name,
    embed.title,
    embed.description,
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
    embed.footer?.text,
  ]
    .filter(Boolean)
    .join('\n');

export const messageText = (message: { content?: string | undefined; embeds?: APIEmbed[] }): string =>
  [message.content ?? '', ...(message.embeds ?? []).map(embedText)].join('\n');

/** Discord refuses a whole message that breaks any one of these. */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
} as const;

/** Fails the test with every limit the message breaks. */
export function assertWithinDiscordLimits(message: {
  content?: string | undefined;
  embeds?: APIEmbed[];
}): void {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  over('content', message.content?.length ?? 0, DISCORD_LIMITS.content);
  const embeds = message.embeds ?? [];
  over('embeds', embeds.length, DISCORD_LIMITS.embeds);
  let total = 0;
  for (const [i, embed] of embeds.entries()) {
    const sized = (what: string, text: string | undefined, max: number) => {
      total += text?.length ?? 0;
      over(`embeds[${i}].${what}`, text?.length ?? 0, max);
    };
    sized('title', embed.title, DISCORD_LIMITS.title);
    sized('description', embed.description, DISCORD_LIMITS.description);
    sized('footer', embed.footer?.text, DISCORD_LIMITS.footer);
    sized('author', embed.author?.name, DISCORD_LIMITS.author);
    over(`embeds[${i}].fields`, embed.fields?.length ?? 0, DISCORD_LIMITS.fields);
    for (const [j, field] of (embed.fields ?? []).entries()) {
      sized(`fields[${j}].name`, field.name, DISCORD_LIMITS.fieldName);
      sized(`fields[${j}].value`, field.value, DISCORD_LIMITS.fieldValue);
      if (!field.name || !field.value) problems.push(`embeds[${i}].fields[${j}] is empty`);
    }
  }
  over('all embeds together', total, DISCORD_LIMITS.total);
  expect(problems, problems.join('; ')).toEqual([]);
}

/** Log records at error level or above (pino: 50 error, 60 fatal). */
export const errorLogs = (h: Harness) => h.logs.records.filter((r) => r.level >= 50);

// ---------------------------------------------------------------- the real bin, in a child process

export const BIN = fileURLToPath(new URL('../../bin/role-radar.mjs', import.meta.url));

/** The parent's environment without anything that would point the child at a real Discord or store. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(DISCORD_|DEV_GUILD_ID$|STORE_URL$|LOG_LEVEL$)/.test(name)) delete env[name];
  }
  return { ...env, ...extra };
}

export interface BinProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export function spawnBin(args: string[], env: Record<string, string>): BinProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs the bin to completion (killing it after `timeoutMs`). */
/** After a test that ran the program: kills it if it still runs, closes the fake Discord, removes its folder. */
export async function stopRun(run: { bin?: BinProcess; discord?: { close(): Promise<void> }; dir?: string }) {
  const { bin, discord, dir } = run;
  if (bin && bin.child.exitCode === null && bin.child.signalCode === null) {
    bin.child.kill('SIGKILL');
    await bin.exited;
  }
  await discord?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}

export async function runBin(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = spawnBin(args, env);
  const timer = setTimeout(() => bin.child.kill('SIGKILL'), timeoutMs);
  try {
    const code = await bin.exited;
    return { code, stdout: bin.stdout(), stderr: bin.stderr() };
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until `check` is true (or fails after `timeoutMs`). */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
