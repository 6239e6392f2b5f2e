import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDigestRunner, type DigestRunner } from '../src/scheduler/digest-runner';
import { digestNonce } from '../src/services/digest/schedule';
import { fakeChannels, jumpTo, memoryServices, recordingLogger, settle, useFakeTime } from './support/digest';

const runners: DigestRunner[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
  vi.useRealTimers();
});

function setup(channels = ['c1', 'c2'], options: { retryDelayMs?: number } = {}) {
  const services = memoryServices();
  const discord = fakeChannels(channels);
  const log = recordingLogger();
  const newRunner = () => {
    const runner = createDigestRunner({
      digest: services.digest,
      send: discord.send,
      logger: log.logger,
      retryDelayMs: options.retryDelayMs ?? 15_000,
    });
    runners.push(runner);
    return runner;
  };
  return { services, discord, log, newRunner };
}

describe('digest scheduler', () => {
  it('posts at 09:00 on Monday in Asia/Seoul, once, with the week’s nonce', async () => {
    useFakeTime('2025-03-02T23:58:00Z'); // Monday 08:58 in Seoul
    const { services, discord, newRunner } = setup();
    await services.postings.add('A', { company: 'Toss', role: 'backend', requirements: '- Python' });
    await services.digest.configure('A', { channelId: 'c1' });
    const runner = newRunner();
    expect(await runner.start()).toEqual({ scheduled: 1, caughtUp: [] });
    expect(runner.scheduled().get('A')?.toISOString()).toBe('2025-03-03T00:00:00.000Z');

    await vi.advanceTimersByTimeAsync(60_000);
    await settle(runner);
    expect(discord.posts).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(90_000);
    await settle(runner);
    expect(discord.posts).toHaveLength(1);
    expect(discord.posts[0]).toMatchObject({
      channelId: 'c1',
      at: '2025-03-03T00:00:00.000Z',
      nonce: digestNonce('A', '2025-W10'),
    });
    expect(discord.posts[0]?.message.embeds?.[0]?.title).toContain('2025-W10');
    expect(await services.digest.lastPosted('A')).toMatchObject({ week: '2025-W10', messageId: 'm1' });

    await jumpTo(runner, '2025-03-05T00:00:00Z');
    expect(discord.posts).toHaveLength(1);
    expect(runner.scheduled().get('A')?.toISOString()).toBe('2025-03-10T00:00:00.000Z');
  });

  it('keeps 09:00 New York time across the March and November daylight saving changes', async () => {
    useFakeTime('2025-03-03T13:58:00Z');
    const { services, discord, newRunner } = setup();
    await services.digest.configure('A', { channelId: 'c1', timezone: 'America/New_York' });
    const runner = newRunner();
    await runner.start();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    await settle(runner);
    // 3 March: EST, UTC-5.
    expect(discord.posts.map((p) => p.at)).toEqual(['2025-03-03T14:00:00.000Z']);

    // 10 March: EDT, UTC-4; nothing at 14:00 UTC any more.
    await jumpTo(runner, '2025-03-10T12:58:00Z');
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    await settle(runner);
    expect(discord.posts.map((p) => p.at)).toEqual(['2025-03-03T14:00:00.000Z', '2025-03-10T13:00:00.000Z']);

    await jumpTo(runner, '2025-10-27T12:58:00Z');
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    await settle(runner);
    expect(discord.posts.at(-1)?.at).toBe('2025-10-27T13:00:00.000Z');

    // 3 November: back to EST. Not at 13:00 UTC, at 14:00 UTC.
    await jumpTo(runner, '2025-11-03T12:58:00Z');
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await settle(runner);
    expect(discord.posts).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    await settle(runner);
    expect(discord.posts.map((p) => p.at).slice(2)).toEqual([
      '2025-10-27T13:00:00.000Z',
      '2025-11-03T14:00:00.000Z',
    ]);
    expect(new Set(discord.posts.map((p) => p.nonce)).size).toBe(4);
  });

  it('skips a run whose timer wakes more than 24 hours late (a suspended host)', async () => {
    useFakeTime('2025-03-02T23:00:00Z');
    const { services, discord, newRunner, log } = setup();
    await services.digest.configure('A', { channelId: 'c1' });
    const runner = newRunner();
    await runner.start();
    // The host sleeps through Monday and wakes on Wednesday.
    await jumpTo(runner, '2025-03-05T00:00:00Z');
    expect(discord.posts).toHaveLength(0);
    expect(log.lines.some((l) => l.msg === 'digest run woke too late; skipped')).toBe(true);
    await jumpTo(runner, '2025-03-09T23:59:30Z');
    expect(discord.posts.map((p) => p.at)).toEqual(['2025-03-10T00:00:00.000Z']);
  });

  it('after a restart before the scheduled time, posts at the time and not at start', async () => {
    useFakeTime('2025-03-02T23:00:00Z'); // 08:00 in Seoul
    const { services, discord, newRunner } = setup();
    await services.digest.configure('A', { channelId: 'c1' });
    const first = newRunner();
    await first.start();
    await first.stop();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    const second = newRunner();
    expect((await second.start()).caughtUp).toEqual([]);
    expect(discord.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(31 * 60_000);
    await settle(second);
    expect(discord.posts.map((p) => p.at)).toEqual(['2025-03-03T00:00:00.000Z']);
  });

  it('after a restart less than 24 hours past the time, posts once at start; later restarts do not post again', async () => {
    useFakeTime('2025-03-02T12:00:00Z');
    const { services, discord, newRunner } = setup();
    await services.digest.configure('A', { channelId: 'c1' });
    // The bot is down from Sunday to Monday 10:00 in Seoul (01:00 UTC).
    vi.setSystemTime(new Date('2025-03-03T01:00:00Z'));
    const first = newRunner();
    const started = await first.start();
    expect(started.caughtUp).toEqual([expect.objectContaining({ status: 'posted', week: '2025-W10' })]);
    expect(discord.posts).toHaveLength(1);
    await first.stop();

    vi.setSystemTime(new Date('2025-03-03T02:00:00Z'));
    const second = newRunner();
    expect((await second.start()).caughtUp).toEqual([]);
    expect(discord.posts).toHaveLength(1);
  });

  it('skips a run missed more than 24 hours ago, and posts the next week as usual', async () => {
    useFakeTime('2025-03-04T00:30:00Z'); // Tuesday 09:30 in Seoul: Monday's run is 24.5 hours old
    const { services, discord, newRunner } = setup();
    await services.digest.configure('A', { channelId: 'c1' });
    const runner = newRunner();
    expect((await runner.start()).caughtUp).toEqual([]);
    expect(discord.posts).toHaveLength(0);
    await jumpTo(runner, '2025-03-09T23:59:00Z');
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await settle(runner);
    expect(discord.posts.map((p) => p.at)).toEqual(['2025-03-10T00:00:00.000Z']);
  });

  it('retries a failed send once with the same nonce, and the message is posted once', async () => {
    useFakeTime('2025-03-02T23:59:00Z');
    const { services, discord, newRunner, log } = setup();
    await services.digest.configure('A', { channelId: 'c1' });
    // Discord created the message but the answer was lost: the retry gets the same message back.
    discord.fail('transient', { handled: true });
    const runner = newRunner();
    await runner.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await settle(runner);
    expect(discord.calls.map((c) => c.outcome)).toEqual(['failed', 'deduplicated']);
    const [firstCall, retry] = discord.calls;
    expect(retry?.nonce).toBe(firstCall?.nonce);
    expect(Date.parse(retry?.at ?? '') - Date.parse(firstCall?.at ?? '')).toBe(15_000);
    expect(discord.posts).toHaveLength(1);
    expect(await services.digest.lastPosted('A')).toMatchObject({ week: '2025-W10', messageId: 'm1' });
    expect(log.lines.some((l) => l.msg === 'digest send failed; retrying once')).toBe(true);
  });

  it('leaves the week open when the retry fails too, so a restart within 24 hours posts it', async () => {
    useFakeTime('2025-03-02T23:59:00Z');
    const { services, discord, newRunner } = setup();
    await services.digest.configure('A', { channelId: 'c1' });
    discord.fail('transient', { times: 2 });
    const runner = newRunner();
    await runner.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await settle(runner);
    expect(discord.calls.map((c) => c.outcome)).toEqual(['failed', 'failed']);
    expect(discord.posts).toHaveLength(0);
    expect(await services.digest.lastPosted('A')).toBeUndefined();
    await runner.stop();

    vi.setSystemTime(new Date('2025-03-03T03:00:00Z'));
    const restarted = newRunner();
    expect((await restarted.start()).caughtUp).toEqual([expect.objectContaining({ status: 'posted' })]);
    expect(discord.posts).toHaveLength(1);
  });

  it('never posts twice when two runs of the same week meet', async () => {
    useFakeTime('2025-03-03T00:10:00Z');
    const { services, discord, newRunner } = setup();
    await services.digest.configure('A', { channelId: 'c1' });
    const runner = newRunner();
    const results = await Promise.all([runner.runNow('A'), runner.runNow('A')]);
    expect(results.map((r) => r.status)).toEqual(['posted', 'skipped']);
    expect(discord.posts).toHaveLength(1);
  });

  it('turns off the digest of a server whose channel is gone, and others still post', async () => {
    useFakeTime('2025-03-02T23:59:00Z');
    const { services, discord, newRunner, log } = setup(['c1', 'c2']);
    await services.digest.configure('A', { channelId: 'c1' });
    await services.digest.configure('B', { channelId: 'c2' });
    discord.remove('c1');
    const runner = newRunner();
    await runner.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await settle(runner);
    expect(discord.inChannel('c2')).toHaveLength(1);
    expect(discord.calls.filter((c) => c.channelId === 'c1')).toHaveLength(1); // not retried
    const a = await services.digest.get('A');
    expect(a).toMatchObject({ enabled: false, disabledReason: 'channel-missing' });
    expect(runner.scheduled().has('A')).toBe(false);
    expect(runner.scheduled().has('B')).toBe(true);
    expect(await services.digest.configuredGuilds()).toEqual(['B']);
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        guildId: 'A',
        reason: 'channel-missing',
        msg: 'digest turned off: cannot post in its channel',
      }),
    );
  });

  it('turns off the digest when the bot may no longer post in the channel', async () => {
    useFakeTime('2025-03-03T00:10:00Z');
    const { services, discord, newRunner } = setup();
    await services.digest.configure('A', { channelId: 'c1' });
    discord.fail('forbidden');
    const runner = newRunner();
    expect(await runner.runNow('A')).toEqual({ status: 'disabled', reason: 'no-permission' });
    expect(await services.digest.get('A')).toMatchObject({ enabled: false, disabledReason: 'no-permission' });
    expect(discord.calls).toHaveLength(1);
  });

  it('keeps going when one server’s digest throws', async () => {
    useFakeTime('2025-03-02T23:59:00Z');
    const { services, discord, newRunner, log } = setup();
    await services.digest.configure('A', { channelId: 'c1' });
    await services.digest.configure('B', { channelId: 'c2' });
    const build = services.digest.build;
    services.digest.build = async (guildId, options) => {
      if (guildId === 'A') throw new Error('store exploded');
      return build(guildId, options);
    };
    const runner = newRunner();
    await runner.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await settle(runner);
    expect(discord.inChannel('c2')).toHaveLength(1);
    expect(log.lines.some((l) => l.guildId === 'A' && l.level >= 50)).toBe(true);
    expect(runner.scheduled().has('A')).toBe(true);
  });

  it('runs two servers on their own schedules', async () => {
    useFakeTime('2025-03-02T12:00:00Z');
    const { services, discord, newRunner } = setup();
    await services.digest.configure('A', { channelId: 'c1' }); // Monday 09:00 Seoul = Monday 00:00 UTC
    await services.digest.configure('B', {
      channelId: 'c2',
      weekday: 3,
      time: '18:30',
      timezone: 'Europe/Berlin',
    });
    const runner = newRunner();
    await runner.start();
    expect(runner.scheduled().get('B')?.toISOString()).toBe('2025-03-05T17:30:00.000Z');
    await jumpTo(runner, '2025-03-02T23:59:30Z');
    expect(discord.posts.map((p) => [p.channelId, p.at])).toEqual([['c1', '2025-03-03T00:00:00.000Z']]);
    await jumpTo(runner, '2025-03-05T17:29:30Z');
    expect(discord.posts.map((p) => [p.channelId, p.at])).toEqual([
      ['c1', '2025-03-03T00:00:00.000Z'],
      ['c2', '2025-03-05T17:30:00.000Z'],
    ]);
  });

  it('reschedules when the settings change, stops on /digest off and when the bot leaves', async () => {
    useFakeTime('2025-03-02T12:00:00Z');
    const { services, discord, newRunner } = setup();
    await services.digest.configure('A', { channelId: 'c1' });
    await services.digest.configure('B', { channelId: 'c2' });
    const runner = newRunner();
    await runner.start();
    await services.digest.configure('A', { channelId: 'c1', weekday: 2, time: '10:00' });
    await runner.idle();
    expect(runner.scheduled().get('A')?.toISOString()).toBe('2025-03-04T01:00:00.000Z');
    await services.digest.disable('B');
    await runner.idle();
    expect(runner.scheduled().has('B')).toBe(false);

    await jumpTo(runner, '2025-03-02T23:59:30Z');
    expect(discord.posts).toHaveLength(0);
    await jumpTo(runner, '2025-03-04T00:59:30Z');
    expect(discord.posts.map((p) => [p.channelId, p.at])).toEqual([['c1', '2025-03-04T01:00:00.000Z']]);

    await runner.guildRemoved('A');
    expect(runner.scheduled().size).toBe(0);
    expect(await services.digest.get('A')).toMatchObject({ enabled: false, disabledReason: 'left-guild' });
    await jumpTo(runner, '2025-03-11T00:59:30Z');
    expect(discord.posts).toHaveLength(1);
  });
});
