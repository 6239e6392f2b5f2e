import { setTimeout as sleep } from 'node:timers/promises';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot } from '../../src/discord/start';
import type { Services } from '../../src/services';
import { startFakeDiscord } from '../support/fake-discord/index';
import {
  addPosting,
  errorLogs,
  type Harness,
  type HarnessOptions,
  memoryLogger,
  messageText,
  startHarness,
} from './support';

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

let h: Harness | undefined;

async function start(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness(options);
  return h;
}

afterEach(async () => {
  if (!h) return;
  // Whatever happened, the token is nowhere in what the bot logged.
  expect(h.logs.text()).not.toContain(h.discord.token);
  expect(h.logs.text()).not.toMatch(/\/(interactions|webhooks)\/\d+\/(?!\[token\])/);
  await h.close();
  h = undefined;
});

/** Services whose summary takes `ms` longer (and tells when it starts). */
function slowSummary(ms: number, started?: () => void) {
  return (services: Services): Services => ({
    ...services,
    summary: {
      ...services.summary,
      forRole: async (...args: Parameters<Services['summary']['forRole']>) => {
        started?.();
        await sleep(ms);
        return services.summary.forRole(...args);
      },
    },
  });
}

const seed = (harness: Harness) =>
  harness.services.postings.add(harness.guild.id, {
    company: 'Toss',
    role: 'backend',
    requirements: '- Java, Spring',
  });

describe('Discord failing', () => {
  it('retries a 500 on the interaction callback; the reply arrives', async () => {
    const harness = await start();
    await seed(harness);
    const rule = harness.discord.failNext({ method: 'POST', path: CALLBACK, status: 500 });
    const command = harness.discord.sendCommand({ name: 'summary', options: { role: 'backend' } });
    const reply = await command.nextMessage();
    expect(messageText(reply)).toContain('Java');
    expect(rule.hits).toHaveLength(1);
    expect(command.callbacks).toHaveLength(1);
    expect(errorLogs(harness)).toEqual([]);
  });

  it('waits out a 429 with retry_after on the interaction callback; the reply arrives', async () => {
    const harness = await start();
    await seed(harness);
    const rule = harness.discord.failNext({ method: 'POST', path: CALLBACK, status: 429, retryAfter: 0.3 });
    const sentAt = Date.now();
    const command = harness.discord.sendCommand({ name: 'summary', options: { role: 'backend' } });
    const reply = await command.nextMessage();
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(300);
    expect(messageText(reply)).toContain('Java');
    expect(rule.hits).toHaveLength(1);
    expect(harness.logs.records.some((r) => r.msg === 'rate limited by Discord')).toBe(true);
    expect(errorLogs(harness)).toEqual([]);
  });

  it('survives Discord refusing a reply: logs it with an error id and tells the member', async () => {
    const harness = await start();
    await seed(harness);
    harness.discord.failNext({
      method: 'POST',
      path: CALLBACK,
      status: 400,
      code: 50035,
      message: 'Invalid Form Body',
    });
    const command = harness.discord.sendCommand({ name: 'summary', options: { role: 'backend' } });
    const reply = await command.nextMessage();
    expect(reply.ephemeral).toBe(true);
    const errorId = /`([0-9a-f]{8})`/.exec(reply.content ?? '')?.[1];
    expect(errorId).toBeDefined();
    const [logged] = errorLogs(harness);
    expect(logged).toMatchObject({ msg: 'interaction failed', errorId, command: 'summary' });

    // The bot goes on answering.
    const next = await harness.discord.sendCommand({ name: 'help' }).nextMessage();
    expect(next.embeds).toHaveLength(1);
  });

  it('turns a bug in a handler into an error id, and goes on', async () => {
    const harness = await start({
      wrapServices: (services) => ({
        ...services,
        summary: {
          ...services.summary,
          forRole: () => Promise.reject(new Error(`boom with a secret-looking value`)),
        },
      }),
    });
    const reply = await harness.discord
      .sendCommand({ name: 'summary', options: { role: 'backend' }, locale: 'ko' })
      .nextMessage();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/오류 ID: `[0-9a-f]{8}`/);
    expect(errorLogs(harness)[0]).toMatchObject({
      msg: 'command failed',
      err: { message: expect.stringContaining('boom') },
    });
  });
});

describe('slow work (defer policy)', () => {
  it('defers a slow public answer, then edits it in', async () => {
    const harness = await start({ deferAfterMs: 50, wrapServices: slowSummary(300) });
    await seed(harness);
    const command = harness.discord.sendCommand({ name: 'summary', options: { role: 'backend' } });
    const callback = await command.response();
    expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect((callback as { data?: { flags?: number } }).data?.flags ?? 0).toBe(0);
    const answer = await command.nextMessage();
    expect(answer.source).toBe('edit');
    expect(answer.messageId).toBe(command.originalMessageId);
    expect(messageText(answer)).toContain('Java');
    expect(answer.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps a slow ephemeral answer private: the public placeholder goes, an ephemeral follow-up comes', async () => {
    const harness = await start({ deferAfterMs: 50, wrapServices: slowSummary(300) });
    const command = harness.discord.sendCommand({ name: 'summary', options: { role: 'frontend' } });
    expect((await command.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const placeholder = command.originalMessageId;
    const answer = await command.nextMessage();
    expect(answer.source).toBe('follow-up');
    expect(answer.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(answer.content).toContain('Frontend developer');
    expect(placeholder && harness.discord.message(placeholder)).toBeUndefined();
  });

  it('defers a slow modal submission', async () => {
    const harness = await start({
      deferAfterMs: 50,
      wrapServices: (services) => ({
        ...services,
        postings: {
          ...services.postings,
          add: async (...args: Parameters<Services['postings']['add']>) => {
            await sleep(300);
            return services.postings.add(...args);
          },
        },
      }),
    });
    const answer = await addPosting(harness, 'backend', { company: 'Slow Inc', requirements: '- Python' });
    expect(answer.source).toBe('edit');
    expect(messageText(answer)).toContain('Slow Inc');
  });

  it('answers fast work directly, without deferring', async () => {
    const harness = await start({ deferAfterMs: 1_000 });
    await seed(harness);
    // /summary defers on purpose before drawing its chart; /skill has no chart to draw.
    const command = harness.discord.sendCommand({ name: 'skill', options: { name: 'java' } });
    expect((await command.response()).type).toBe(InteractionResponseType.ChannelMessageWithSource);
  });
});

describe('shutdown', () => {
  it('stops taking interactions, finishes the one in flight, then disconnects', async () => {
    let signalStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      signalStarted = resolve;
    });
    const harness = await start({ wrapServices: slowSummary(400, () => signalStarted()) });
    await seed(harness);
    const inFlight = harness.discord.sendCommand({ name: 'summary', options: { role: 'backend' } });
    await started;
    const stopping = harness.bot.stop();
    const late = harness.discord.sendCommand({ name: 'help' });
    await stopping;
    expect(messageText(await inFlight.nextMessage())).toContain('Java');
    await sleep(50);
    expect(late.acknowledged).toBe(false);
    expect(harness.logs.records.some((r) => r.msg === 'shutting down: interaction not taken')).toBe(true);
    expect(harness.bot.client.isReady()).toBe(false);
  });
});

describe('startBot', () => {
  it('gives up with exit code 1 on a token Discord refuses, leaving no signal handlers behind', async () => {
    const discord = await startFakeDiscord();
    const logs = memoryLogger();
    const handlers = process.listenerCount('SIGTERM');
    try {
      const wrongToken = `${discord.token.slice(0, -4)}abcd`;
      const code = await startBot(
        {
          DISCORD_TOKEN: wrongToken,
          DISCORD_API_URL: discord.apiUrl,
          STORE_URL: 'memory://',
          LOG_LEVEL: 'trace',
        },
        logs.logger,
      );
      expect(code).toBe(1);
      expect(process.listenerCount('SIGTERM')).toBe(handlers);
      expect(logs.records.some((r) => r.msg === 'could not log in to Discord')).toBe(true);
      expect(logs.text()).not.toContain(wrongToken);
    } finally {
      await discord.close();
    }
  });

  it('refuses to start without a token (exit code 2)', async () => {
    const logs = memoryLogger();
    await expect(startBot({ STORE_URL: 'memory://', LOG_LEVEL: 'info' }, logs.logger)).resolves.toBe(2);
    expect(logs.text()).toContain('DISCORD_TOKEN');
  });
});
