import { REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { discordDigestSend } from '../src/discord/digest';
import {
  createDigestRunner,
  type DigestRunner,
  DigestSendError,
  NONCE_RETRY_WINDOW_MS,
} from '../src/scheduler/digest-runner';
import { digestNonce } from '../src/services/digest/schedule';
import { memoryServices, recordingLogger } from './support/digest';
import { type FakeDiscord, startFakeDiscord } from './support/fake-discord/index';

let discord: FakeDiscord | undefined;
const runners: DigestRunner[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
  await discord?.close();
  discord = undefined;
});

/** Servers whose digests are all due at once, a fake Discord holding the global limit of 50 a second. */
async function dueTogether(servers: number, sendsPerSecond: number, restPerSecond = 50) {
  discord = await startFakeDiscord({ globalRateLimit: 50 });
  const services = memoryServices();
  const guilds = Array.from({ length: servers }, (_, i) =>
    discord?.addGuild({ name: `스터디 ${i}`, channels: [{ name: 'digest' }] }),
  ).filter((g) => g !== undefined);
  for (const guild of guilds)
    await services.digest.configure(guild.id, { channelId: guild.channel('digest').id });
  // As the bot's digests do: a 429 comes back to the runner instead of being waited out inside discord.js.
  const rest = new REST({
    api: discord.apiUrl,
    rejectOnRateLimit: () => true,
    globalRequestsPerSecond: restPerSecond,
  }).setToken(discord.token);
  const log = recordingLogger();
  const runner = createDigestRunner({
    digest: services.digest,
    send: discordDigestSend(rest),
    logger: log.logger,
    sendsPerSecond,
  });
  runners.push(runner);
  const results = await Promise.all(guilds.map((guild) => runner.runNow(guild.id)));
  return { fake: discord, guilds, results, log };
}

describe('digest fan-out', () => {
  it('spreads a minute of due servers below the global limit: no 429, one message each', async () => {
    const { fake, guilds, results } = await dueTogether(70, 40);
    expect(results.map((r) => r.status)).toEqual(guilds.map(() => 'posted'));
    expect(fake.rateLimited).toHaveLength(0);
    for (const guild of guilds) expect(fake.channelMessages(guild.channel('digest').id)).toHaveLength(1);
  });

  it('honours a 429: holds the sends for retry_after, retries once with the same nonce, posts once', async () => {
    // Far above the limit, as several processes sending everything at once would be (discord.js spaces
    // one process's requests to 50 a second; shards are processes of their own).
    const { fake, guilds, results, log } = await dueTogether(70, 1000, 1000);
    expect(fake.rateLimited.length).toBeGreaterThan(0);
    expect(results.map((r) => r.status)).toEqual(guilds.map(() => 'posted'));
    const retried = results.filter((r) => r.status === 'posted' && r.attempts === 2);
    expect(retried.length).toBe(fake.rateLimited.length);
    for (const guild of guilds) {
      const [message, ...more] = fake.channelMessages(guild.channel('digest').id);
      expect(more).toEqual([]);
      expect(message?.body).toMatchObject({ enforce_nonce: true });
    }
    // Each refused send was tried again with its own nonce, after the wait Discord asked for.
    for (const refused of fake.rateLimited) {
      const nonce = (refused.body as { nonce: string }).nonce;
      const tries = fake.requests.filter((r) => (r.body as { nonce?: string } | undefined)?.nonce === nonce);
      expect(tries.map((r) => r.status)).toEqual([429, 200]);
      const retryAfter = (refused.response as { retry_after: number }).retry_after;
      expect((tries[1]?.at ?? 0) - refused.at).toBeGreaterThanOrEqual(Math.floor(retryAfter * 1000) - 5);
    }
    expect(log.lines.filter((l) => l.msg === 'digest send failed; retrying once')).toHaveLength(
      retried.length,
    );
  });

  it('does not retry when Discord asks to wait longer than a nonce is remembered', async () => {
    const services = memoryServices();
    await services.digest.configure('A', { channelId: 'c1' });
    const nonces: string[] = [];
    const runner = createDigestRunner({
      digest: services.digest,
      send: async (_channel, _message, nonce) => {
        nonces.push(nonce);
        throw new DigestSendError('rate-limited', 'You are being rate limited.', {
          retryAfterMs: NONCE_RETRY_WINDOW_MS + 1,
        });
      },
      logger: recordingLogger().logger,
    });
    runners.push(runner);
    const result = await runner.runNow('A');
    expect(result.status).toBe('failed');
    expect(nonces).toHaveLength(1);
    expect(nonces[0]).toMatch(/./);
    expect(await services.digest.lastPosted('A')).toBeUndefined();
  });

  it('retries a 429 once, after its retry_after, with the week’s nonce', async () => {
    const services = memoryServices();
    await services.digest.configure('A', { channelId: 'c1' });
    const nonces: string[] = [];
    const runner = createDigestRunner({
      digest: services.digest,
      send: async (_channel, _message, nonce) => {
        nonces.push(nonce);
        if (nonces.length === 1)
          throw new DigestSendError('rate-limited', 'You are being rate limited.', { retryAfterMs: 20 });
        return { messageId: 'm1' };
      },
      logger: recordingLogger().logger,
    });
    runners.push(runner);
    const result = await runner.runNow('A');
    expect(result).toMatchObject({ status: 'posted', attempts: 2, messageId: 'm1' });
    expect(new Set(nonces)).toEqual(
      new Set([digestNonce('A', result.status === 'posted' ? result.week : '')]),
    );
  });
});
