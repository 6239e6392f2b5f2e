import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy';
import { shardPlan } from '../../src/discord/shards';
import { createServices } from '../../src/services';
import { openStore } from '../../src/services/store/repository';
import { shardOf } from '../support/fake-discord/gateway';
import {
  type FakeDiscord,
  type GuildFixture,
  snowflake,
  startFakeDiscord,
} from '../support/fake-discord/index';
import { type BinProcess, messageText, spawnBin, stopRun, tempDir, waitUntil } from './support';

let discord: FakeDiscord | undefined;
let bin: BinProcess | undefined;
let dir: string | undefined;

afterEach(async () => {
  await stopRun({ bin, discord, dir });
  bin = discord = dir = undefined;
});

/** Log lines (pino JSON) the processes wrote, with `msg`. */
const logLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; shards?: number[]; scheduled?: number });

describe('sharding', () => {
  it('SHARDS=2: guilds split by Discord’s formula, each shard answers its own, digests posted once per guild', async () => {
    // max_concurrency 16: shards may identify a third of a second apart instead of five seconds.
    discord = await startFakeDiscord({ maxConcurrency: 16 });
    const fake = discord;
    // Ids minted a millisecond apart: (id >> 22) % 2 alternates, two servers on each shard.
    const base = Date.now() + 10_000;
    const guilds: GuildFixture[] = [0, 1, 2, 3].map((i) =>
      fake.addGuild({
        id: snowflake(base + i),
        name: `스터디 ${i}`,
        preferredLocale: 'ko',
        channels: [{ name: 'general' }, { name: 'digest' }],
        roles: [{ name: 'Admin', permissions: PermissionFlagsBits.ManageGuild }],
        members: [{ username: 'admin', roles: ['Admin'] }],
      }),
    );
    expect(guilds.map((g) => shardOf(g.id, 2)).sort()).toEqual([0, 0, 1, 1]);
    for (const guild of guilds)
      await deployCommands({
        token: fake.token,
        applicationId: fake.applicationId,
        guildId: guild.id,
        api: fake.apiUrl,
      });
    const deploys = fake.requests.filter((r) => r.method === 'PUT').length;

    // Every server's digest was due an hour ago: each shard posts its own servers' on start (catch-up).
    dir = await tempDir();
    const storeUrl = `sqlite://${join(dir, 'shared.sqlite')}`;
    const store = await openStore(storeUrl);
    const services = createServices({ store });
    const due = new Date(Date.now() - 60 * 60_000);
    const time = due.toISOString().slice(11, 16);
    for (const guild of guilds) {
      await services.postings.add(guild.id, {
        company: '당근',
        role: 'backend',
        requirements: '- Kotlin\n- MySQL',
      });
      await services.digest.configure(guild.id, {
        channelId: guild.channel('digest').id,
        weekday: due.getUTCDay(),
        time,
        timezone: 'UTC',
      });
    }
    await store.close();

    bin = spawnBin(['start'], {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      STORE_URL: storeUrl,
      SHARDS: '2',
      LOG_LEVEL: 'info',
    });
    const running = bin;
    await waitUntil(
      () => logLines(running.stderr()).filter((l) => l.msg === 'digests scheduled').length === 2,
      'both shards ready and their digests scheduled',
      40_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}:\n${running.stderr()}`);
    });
    expect(fake.gatewayShards.map((s) => s?.join('/')).sort()).toEqual(['0/2', '1/2']);
    const scheduled = logLines(running.stderr()).filter((l) => l.msg === 'digests scheduled');
    expect(scheduled.map((l) => [l.shards, l.scheduled]).sort()).toEqual([
      [[0], 2],
      [[1], 2],
    ]);

    // Each guild's command reaches only the shard holding it, which answers it.
    for (const guild of guilds) {
      const summary = await fake
        .sendCommand({ guildId: guild.id, name: 'summary', options: { role: 'backend' }, locale: 'ko' })
        .nextMessage({ timeoutMs: 15_000 });
      expect(messageText(summary)).toContain('Kotlin');
    }

    for (const guild of guilds) {
      const channel = guild.channel('digest').id;
      await fake.waitForChannelMessages(channel, 1, { timeoutMs: 15_000 });
      const posts = fake.requests.filter(
        (r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`,
      );
      expect(posts, `digest posts in ${guild.name}`).toHaveLength(1);
    }
    // Commands were deployed once, beforehand: no shard registers them again.
    expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(deploys);

    running.child.kill('SIGTERM');
    const timer = setTimeout(() => running.child.kill('SIGKILL'), 20_000);
    const code = await running.exited;
    clearTimeout(timer);
    expect(code, running.stderr()).toBe(0);
    expect(logLines(running.stderr()).filter((l) => l.msg === 'disconnected from Discord')).toHaveLength(2);
    expect(running.stderr()).not.toContain(fake.token);
  }, 90_000);

  it('SHARDS=auto takes Discord’s recommended count, and spaces starts by max_concurrency', async () => {
    discord = await startFakeDiscord({ recommendedShards: 3, maxConcurrency: 1 });
    const base = {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      STORE_URL: 'x',
      LOG_LEVEL: 'info' as const,
    };
    expect(await shardPlan({ ...base, SHARDS: 'auto' })).toEqual({ totalShards: 3, spawnDelayMs: 5500 });
    expect(await shardPlan({ ...base, SHARDS: 2 })).toEqual({ totalShards: 2, spawnDelayMs: 5500 });
  });
});
