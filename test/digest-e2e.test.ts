import { MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { discordDigestSend } from '../src/discord/digest';
import { type Bot, createBot } from '../src/discord/start';
import { createDigestRunner } from '../src/scheduler/digest-runner';
import { digestNonce, isoWeekKey } from '../src/services/digest/schedule';
import {
  addPosting,
  errorLogs,
  type Harness,
  memoryLogger,
  messageText,
  startHarness,
  waitUntil,
} from './e2e/support';

const GUILD = {
  name: '스터디',
  preferredLocale: 'ko' as const,
  channels: [{ name: 'general' }, { name: 'digest' }],
  roles: [{ name: 'Admin', permissions: PermissionFlagsBits.ManageGuild }],
  members: [{ username: 'admin', roles: ['Admin'] }, { username: 'member' }],
};

let h: Harness | undefined;
const extraBots: Bot[] = [];
afterEach(async () => {
  for (const bot of extraBots.splice(0)) await bot.stop();
  if (h) expect(errorLogs(h)).toEqual([]);
  await h?.close();
  h = undefined;
});

const postingsOf = (harness: Harness) =>
  harness.discord.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));

async function withPosting(harness: Harness) {
  await addPosting(
    harness,
    'backend',
    {
      company: '토스 @everyone',
      url: 'https://toss.im/career/job-detail?job_id=1',
      requirements: '- Java, Spring Boot 경험 3년 이상\n- MySQL',
    },
    { user: 'admin' },
  );
}

describe('weekly digest through Discord', () => {
  it('is set with /digest set and arrives in the configured channel, once, with no mentions', async () => {
    h = await startHarness({ guilds: [GUILD] });
    const harness = h;
    const channel = harness.guild.channel('digest');
    await withPosting(harness);

    const set = harness.discord.sendCommand({
      name: 'digest',
      subcommand: 'set',
      options: { channel: channel.id },
      user: 'admin',
    });
    const answer = await set.nextMessage();
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).toContain(`<#${channel.id}>`);
    expect(answer.content).toMatch(/<t:\d+:F>/);
    await harness.bot.digests.idle();
    expect(harness.bot.digests.scheduled().has(harness.guild.id)).toBe(true);

    const result = await harness.bot.digests.runNow(harness.guild.id);
    expect(result.status).toBe('posted');
    const [message] = await harness.discord.waitForChannelMessages(channel.id, 1);
    const week = isoWeekKey(new Date(), 'Asia/Seoul');
    expect(message?.body).toMatchObject({
      allowed_mentions: { parse: [] },
      nonce: digestNonce(harness.guild.id, week),
      enforce_nonce: true,
    });
    expect(message?.embeds[0]?.title).toBe(`주간 요약 · ${week}`);
    expect(messageText(message ?? {})).toContain('토스');
    // The week's radar goes with it, shown as the embed's image.
    expect(message?.files.map((f) => [f.name, f.contentType])).toEqual([['digest-radar.png', 'image/png']]);
    expect(message?.embeds[0]?.image?.url).toBe('attachment://digest-radar.png');
    expect(message?.message.attachments.map((a) => a.filename)).toEqual(['digest-radar.png']);
    expect(harness.discord.channelMessages(harness.guild.channel('general').id)).toHaveLength(0);

    // A second run in the same week posts nothing.
    expect(await harness.bot.digests.runNow(harness.guild.id)).toEqual({
      status: 'skipped',
      reason: 'already-posted',
    });
    expect(harness.discord.channelMessages(channel.id)).toHaveLength(1);

    const status = harness.discord.sendCommand({
      name: 'digest',
      subcommand: 'status',
      user: 'admin',
      locale: 'ko',
    });
    const shown = await status.nextMessage();
    expect(shown.flags & MessageFlags.Ephemeral).toBeTruthy();
    expect(messageText(shown)).toContain(week);
  });

  it('refuses a channel the bot may not post in, and members without Manage Server', async () => {
    const viewOnly = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.UseApplicationCommands;
    h = await startHarness({
      guilds: [{ ...GUILD, everyonePermissions: viewOnly, botPermissions: viewOnly }],
    });
    const harness = h;
    const channel = harness.guild.channel('digest');
    const refused = await harness.discord
      .sendCommand({
        name: 'digest',
        subcommand: 'set',
        options: { channel: channel.id },
        user: 'admin',
        locale: 'ko',
      })
      .nextMessage();
    expect(refused.content).toContain(`<#${channel.id}>`);
    expect(refused.content).toContain('보기, 메시지 보내기, 링크 첨부');
    const member = await harness.discord
      .sendCommand({
        name: 'digest',
        subcommand: 'set',
        options: { channel: channel.id },
        user: 'member',
        locale: 'ko',
      })
      .nextMessage();
    expect(member.content).toContain('서버 관리 권한');
    expect(await harness.services.digest.get(harness.guild.id)).toBeUndefined();
  });

  it('retries a send that failed after Discord created the message, without a second message', async () => {
    h = await startHarness({ guilds: [GUILD] });
    const harness = h;
    const channel = harness.guild.channel('digest');
    await harness.services.digest.configure(harness.guild.id, { channelId: channel.id });
    // Every attempt discord.js makes fails after the message was created; then the scheduler's own retry.
    const rule = harness.discord.failNext({
      method: 'POST',
      path: `/channels/${channel.id}/messages`,
      status: 500,
      handled: true,
      times: 4,
    });
    const log = memoryLogger();
    const runner = createDigestRunner({
      digest: harness.services.digest,
      send: discordDigestSend(harness.bot.client.rest),
      logger: log.logger,
      retryDelayMs: 50,
    });
    const result = await runner.runNow(harness.guild.id);
    expect(rule.hits).toHaveLength(4);
    expect(result).toMatchObject({ status: 'posted', attempts: 2 });
    const requests = postingsOf(harness);
    expect(requests).toHaveLength(5);
    expect(new Set(requests.map((r) => (r.body as { nonce?: string }).nonce)).size).toBe(1);
    expect(requests.filter((r) => r.deduplicatedNonce)).toHaveLength(4);
    expect(harness.discord.channelMessages(channel.id)).toHaveLength(1);
    expect((await harness.services.digest.lastPosted(harness.guild.id))?.messageId).toBe(
      harness.discord.channelMessages(channel.id)[0]?.messageId,
    );
    await runner.stop();
  });

  it('turns the digest off when its channel is gone, and /digest status says so', async () => {
    h = await startHarness({ guilds: [GUILD] });
    const harness = h;
    await harness.services.digest.configure(harness.guild.id, { channelId: '123456789012345678' });
    expect(await harness.bot.digests.runNow(harness.guild.id)).toEqual({
      status: 'disabled',
      reason: 'channel-missing',
    });
    expect(harness.bot.digests.scheduled().has(harness.guild.id)).toBe(false);
    expect(harness.logs.records).toContainEqual(
      expect.objectContaining({
        msg: 'digest turned off: cannot post in its channel',
        reason: 'channel-missing',
      }),
    );
    const status = await harness.discord
      .sendCommand({ name: 'digest', subcommand: 'status', user: 'admin', locale: 'en-US' })
      .nextMessage();
    expect(messageText(status)).toContain('the channel was deleted or I can no longer see it');
  });

  it('stops when the bot leaves the server', async () => {
    h = await startHarness({ guilds: [GUILD, { ...GUILD, name: 'other' }] });
    const harness = h;
    const [first, second] = harness.guilds;
    if (!first || !second) throw new Error('two guilds');
    await harness.services.digest.configure(first.id, { channelId: first.channel('digest').id });
    await harness.services.digest.configure(second.id, { channelId: second.channel('digest').id });
    await harness.bot.digests.idle();
    harness.discord.removeGuild(first.id);
    await waitUntil(() => !harness.bot.digests.scheduled().has(first.id), 'the digest to be unscheduled');
    await harness.bot.digests.idle();
    expect(await harness.services.digest.get(first.id)).toMatchObject({
      enabled: false,
      disabledReason: 'left-guild',
    });
    expect(harness.bot.digests.scheduled().has(second.id)).toBe(true);
  });

  it('posts a run missed less than a day ago when the bot starts again', async () => {
    h = await startHarness({ guilds: [GUILD] });
    const harness = h;
    const channel = harness.guild.channel('digest');
    await withPosting(harness);
    const missed = new Date(Date.now() - 2 * 60_000);
    const time = `${String(missed.getUTCHours()).padStart(2, '0')}:${String(missed.getUTCMinutes()).padStart(2, '0')}`;
    await harness.services.digest.configure(harness.guild.id, {
      channelId: channel.id,
      weekday: missed.getUTCDay(),
      time,
      timezone: 'UTC',
    });
    await harness.bot.stop();
    expect(harness.discord.channelMessages(channel.id)).toHaveLength(0);

    const restarted = await createBot({
      config: harness.config,
      logger: harness.logs.logger,
      services: harness.services,
    });
    extraBots.push(restarted);
    await restarted.ready;
    const [message] = await harness.discord.waitForChannelMessages(channel.id, 1);
    expect(message?.body.nonce).toBe(digestNonce(harness.guild.id, isoWeekKey(missed, 'UTC')));
    await restarted.digests.idle();
    expect(harness.discord.channelMessages(channel.id)).toHaveLength(1);
  });
});
