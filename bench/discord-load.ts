import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { type APIModalInteractionResponseCallbackData, InteractionResponseType } from 'discord-api-types/v10';
import { pino } from 'pino';
import { deployCommands } from '../src/discord/deploy';
import { createBot } from '../src/discord/start';
import { DIGEST_SENDS_PER_SECOND } from '../src/scheduler/digest-runner';
import { createServices } from '../src/services';
import type { Clock } from '../src/services/clock';
import { openStore } from '../src/services/store/repository';
import { type FakeDiscord, startFakeDiscord } from '../test/support/fake-discord/index';
import { p50p99 } from './stats';
import { rng, syntheticPosting } from './synthetic';

const TIMEOUT_MS = 30_000;

/** A logger that writes nothing and counts the records at error level or above. */
function countingLogger() {
  let errors = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        if ((JSON.parse(line) as { level: number }).level >= 50) errors += 1;
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, sink), errors: () => errors };
}

/** The bot (createBot, as `npm run bot` wires it) on a temp SQLite store, logged in to a fake Discord. */
async function botOn(discord: FakeDiscord, clock?: Clock) {
  const dir = mkdtempSync(join(tmpdir(), 'role-radar-bench-discord-'));
  const storeUrl = `sqlite://${join(dir, 'bot.sqlite')}`;
  const store = await openStore(storeUrl);
  const services = createServices({ store, ...(clock ? { clock } : {}) });
  const log = countingLogger();
  const config = {
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    STORE_URL: storeUrl,
    LOG_LEVEL: 'warn' as const,
  };
  const bot = await createBot({ config, logger: log.logger, services, ...(clock ? { clock } : {}) });
  return {
    bot,
    services,
    log,
    async close() {
      await bot.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const MODAL_FIELDS = (i: number) => ({
  company: `부하 시험 ${i % 300}`,
  url: `https://career.example.com/load/${i}`,
  requirements: '- Kotlin, Spring Boot 기반 서버 개발 경험 3년 이상\n- MySQL 등 RDBMS 사용 경험\n- Git 협업',
  preferred: '- AWS, Docker 운영 경험\n- Kafka',
});

/**
 * Interactions through the fake Discord at a fixed rate, in a server of 1,000 postings: slash commands
 * (/summary and /match draw a chart) and /add-posting's modal submits. Latency is from the dispatch to the
 * bot's answer (a modal, or the reply message); errors are interactions left unanswered or refused, and
 * error records the bot logged.
 */
export async function benchInteractions(total: number, perSecond: number) {
  const discord = await startFakeDiscord({ callbackDeadlineMs: TIMEOUT_MS });
  const guild = discord.addGuild({ name: '부하 시험', preferredLocale: 'ko' });
  await deployCommands({
    token: discord.token,
    applicationId: discord.applicationId,
    guildId: guild.id,
    api: discord.apiUrl,
  });
  const { bot, services, log, close } = await botOn(discord);
  await bot.ready;
  await discord.waitForReady();
  const random = rng(3);
  await services.postings.addMany(
    guild.id,
    Array.from({ length: 1000 }, (_, i) => syntheticPosting(i, random)),
  );
  await services.radar.profiles.set(guild.id, guild.members[0]?.user.id ?? '', 'Python, Django, MySQL, AWS');

  const latencies: number[] = [];
  let errors = 0;
  let modals = 0;
  const timed = async (answered: () => Promise<unknown>) => {
    const started = performance.now();
    try {
      await answered();
      latencies.push(performance.now() - started);
    } catch {
      errors += 1;
    }
  };
  const command = (init: Parameters<FakeDiscord['sendCommand']>[0]) => () =>
    discord.sendCommand(init).nextMessage({ timeoutMs: TIMEOUT_MS });
  // Two in eight draw a chart (/summary, /match): the renderer is one process, as in the bot.
  const commands = [
    command({ name: 'summary', options: { role: 'backend' } }),
    command({ name: 'postings', subcommand: 'list' }),
    command({ name: 'skill', options: { name: 'kubernetes' } }),
    command({ name: 'profile', subcommand: 'show' }),
    command({ name: 'help' }),
    command({ name: 'match', options: { role: 'backend' } }),
    command({ name: 'skill', options: { name: 'django' } }),
    command({ name: 'skill', options: { name: 'aws' } }),
  ];
  // Every third interaction opens the form; the next one due submits it.
  const forms: string[] = [];
  const one = (i: number) => {
    const customId = forms.shift();
    if (customId) {
      modals += 1;
      return timed(() =>
        discord.sendModalSubmit({ customId, fields: MODAL_FIELDS(i) }).nextMessage({ timeoutMs: TIMEOUT_MS }),
      );
    }
    if (i % 3 === 0)
      return timed(async () => {
        const callback = await discord
          .sendCommand({ name: 'add-posting', options: { role: 'backend' } })
          .response({ timeoutMs: TIMEOUT_MS });
        if (callback.type !== InteractionResponseType.Modal) throw new Error('no modal');
        forms.push((callback as { data: APIModalInteractionResponseCallbackData }).data.custom_id);
      });
    return timed(commands[i % commands.length] ?? (async () => undefined));
  };
  const started = performance.now();
  const running: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(one(i));
  }
  await Promise.all(running);
  const seconds = (performance.now() - started) / 1000;
  const refused = discord.requests.filter((r) => r.status >= 400).length;
  await close();
  await discord.close();
  console.log(
    `interactions: ${total} at ${perSecond}/s (${modals} modal submits, the rest slash commands, a quarter of them with a chart; 1,000 postings)` +
      ` in ${seconds.toFixed(1)} s | handler latency ${p50p99(latencies)}` +
      ` | errors ${errors + refused + log.errors()} (unanswered ${errors}, refused by Discord ${refused}, logged ${log.errors()})`,
  );
}

/** Monday 2026-03-02 09:00 in Seoul (00:00 UTC), and a clock a second before it. */
const MONDAY_0900_KST = new Date('2026-03-02T00:00:00Z');

/**
 * Servers whose digests are all due Monday 09:00 KST, fired together as their jobs would be, against a
 * fake Discord holding the global limit of 50 requests a second: time until every one is posted, 429s.
 * One server in 20 had postings that week (its digest carries the week's radar); the rest get one line.
 */
export async function benchDigests(servers: number) {
  const discord = await startFakeDiscord({ globalRateLimit: 50 });
  const clock: Clock = { now: () => new Date(MONDAY_0900_KST.getTime() - 1000) };
  const guilds = Array.from({ length: servers }, (_, i) =>
    discord.addGuild({ name: `스터디 ${i}`, channels: [{ name: 'digest' }] }),
  );
  const { bot, services, log, close } = await botOn(discord, clock);
  const random = rng(11);
  for (const [i, guild] of guilds.entries()) {
    if (i % 20 === 0) await services.postings.add(guild.id, syntheticPosting(i, random));
    await services.digest.configure(guild.id, { channelId: guild.channel('digest').id });
  }
  await bot.ready;
  await discord.waitForReady();
  await bot.digests.idle();

  const started = performance.now();
  const results = await Promise.all(guilds.map((guild) => bot.digests.runNow(guild.id, MONDAY_0900_KST)));
  const seconds = (performance.now() - started) / 1000;
  const posted = results.filter((r) => r.status === 'posted');
  const retried = posted.filter((r) => r.status === 'posted' && r.attempts > 1).length;
  const rateLimited = discord.rateLimited.length;
  await close();
  await discord.close();
  console.log(
    `digests: ${servers} servers due Monday 09:00 KST | all posted in ${seconds.toFixed(1)} s` +
      ` (${posted.length} posted, ${servers - posted.length} not; ${DIGEST_SENDS_PER_SECOND}/s queue)` +
      ` | 429s from Discord ${rateLimited}, retried ${retried} | errors logged ${log.errors()}`,
  );
}
