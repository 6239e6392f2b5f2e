import { type Client, DiscordAPIError, Events, RateLimitError, REST } from 'discord.js';
import { type APIMessage, Routes } from 'discord-api-types/v10';
import { weekRadar } from '../commands/shared/charts';
import { toLocale } from '../i18n';
import type { Logger } from '../logger';
import {
  createDigestRunner,
  DIGEST_SENDS_PER_SECOND,
  type DigestRunner,
  type DigestSend,
  DigestSendError,
  type DigestSendFailure,
} from '../scheduler/digest-runner';
import type { Services } from '../services';
import type { Clock } from '../services/clock';

/** Discord error codes that mean the channel is not there for the bot any more, or that it may not post. */
const GONE = new Set([10003 /* Unknown Channel */, 10004 /* Unknown Guild */]);
const FORBIDDEN = new Set([
  50001 /* Missing Access */, 50013 /* Missing Permissions */,
  50008 /* Cannot send messages in a non-text channel */,
]);

export function classifySendError(error: unknown): DigestSendFailure {
  if (error instanceof RateLimitError) return 'rate-limited';
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    if (GONE.has(code) || error.status === 404) return 'gone';
    if (FORBIDDEN.has(code) || error.status === 403) return 'forbidden';
    return error.status >= 500 || error.status === 429 ? 'transient' : 'rejected';
  }
  // HTTPError (5xx after discord.js's own retries), the network, a timeout: may pass on a later try.
  return 'transient';
}

/**
 * The REST client digests post with: the bot's, except that a 429 (or a limit discord.js knows is spent)
 * comes back as a RateLimitError instead of being waited out inside discord.js, so the digest runner holds
 * all its sends for the `retry_after` and retries once within the nonce's lifetime.
 */
export function digestRest(client: Client): REST {
  const rest = new REST({ ...client.options.rest, rejectOnRateLimit: () => true });
  // The token is the client's, known once it logs in (digests are sent only after that).
  client.once(Events.ClientReady, (ready) => rest.setToken(ready.token));
  return rest;
}

/** The shard (of `count`) that holds a server, by Discord's formula: (guild_id >> 22) % count. */
export const shardOf = (guildId: string, count: number): number =>
  Number((BigInt(guildId) >> 22n) % BigInt(count));

/**
 * Posts through the REST API with `enforce_nonce`, so a send repeated with the same nonce (a retry after a
 * lost response) gets the message Discord already created. Nothing the digest says can mention anyone.
 */
export function discordDigestSend(rest: REST): DigestSend {
  return async (channelId, message, nonce) => {
    try {
      const files = message.files ?? [];
      const created = (await rest.post(Routes.channelMessages(channelId), {
        body: {
          ...(message.content ? { content: message.content } : {}),
          embeds: message.embeds ?? [],
          ...(files.length > 0
            ? {
                attachments: files.map((f, id) => ({
                  id,
                  filename: f.name,
                  ...(f.description ? { description: f.description } : {}),
                })),
              }
            : {}),
          nonce,
          enforce_nonce: true,
          allowed_mentions: { parse: [] },
        },
        ...(files.length > 0
          ? { files: files.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' })) }
          : {}),
      })) as APIMessage;
      return { messageId: created.id };
    } catch (error) {
      throw new DigestSendError(classifySendError(error), (error as Error).message ?? String(error), {
        cause: error,
        ...(error instanceof RateLimitError ? { retryAfterMs: error.retryAfter } : {}),
      });
    }
  };
}

export interface DigestWiring {
  runner: DigestRunner;
  stop(): Promise<void>;
}

/**
 * The weekly digest for a bot: schedules every configured server once the client is ready (posting runs
 * missed within 24 hours), follows `/digest set|off` through the digest service's change events, turns a
 * server's digest off when the bot leaves it, and stops with the bot.
 */
export function attachDigests(
  client: Client,
  deps: { services: Services; logger: Logger; clock?: Clock; retryDelayMs?: number },
): DigestWiring {
  const logger = deps.logger.child({ component: 'digest' });
  // Under the ShardingManager each process holds some shards: it runs only those servers' digests, at its
  // share of the rate (Discord's global limit is per bot, not per process).
  const shards = client.shard ? { ids: new Set(client.shard.ids), count: client.shard.count } : undefined;
  const runner = createDigestRunner({
    digest: deps.services.digest,
    send: discordDigestSend(digestRest(client)),
    logger,
    sendsPerSecond: Math.max(1, Math.floor(DIGEST_SENDS_PER_SECOND / (shards?.count ?? 1))),
    ...(shards ? { owns: (guildId: string) => shards.ids.has(shardOf(guildId, shards.count)) } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.retryDelayMs !== undefined ? { retryDelayMs: deps.retryDelayMs } : {}),
    chart: (_guildId, model, locale) =>
      weekRadar(deps.services, model, locale, deps.clock?.now() ?? new Date()),
    localeOf: (guildId) => {
      const guild = client.guilds.cache.get(guildId);
      return guild ? toLocale(guild.preferredLocale) : undefined;
    },
  });
  client.once(Events.ClientReady, () => {
    runner.start().then(
      ({ scheduled, caughtUp }) => logger.info({ scheduled, caughtUp: caughtUp.length }, 'digests scheduled'),
      (err: unknown) => logger.error({ err }, 'digests could not be scheduled'),
    );
  });
  client.on(Events.GuildDelete, (guild) => {
    void runner.guildRemoved(guild.id);
  });
  return { runner, stop: () => runner.stop() };
}
