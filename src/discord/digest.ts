import { type Client, DiscordAPIError, Events, type REST } from 'discord.js';
import { type APIMessage, Routes } from 'discord-api-types/v10';
import { weekRadar } from '../commands/shared/charts';
import { toLocale } from '../i18n';
import type { Logger } from '../logger';
import {
  createDigestRunner,
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
  const runner = createDigestRunner({
    digest: deps.services.digest,
    send: discordDigestSend(client.rest),
    logger,
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
