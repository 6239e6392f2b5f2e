import { Client, Events, GatewayIntentBits, RESTEvents } from 'discord.js';
import { pino } from 'pino';
import type { Logger } from '../logger';

/** Nothing the bot sends may ping anyone: members paste postings that can contain `@everyone`. */
export const noMentions = (): { parse: [] } => ({ parse: [] });

export interface ClientOptions {
  /** `DISCORD_API_URL`: another API base (a local fake Discord in tests); Discord's own when unset. */
  api?: string | undefined;
}

/**
 * The discord.js client: slash commands need the Guilds intent only (no privileged intents, no message
 * content). Mentions are off by default, and `respond` turns them off again on every message.
 */
export function createClient({ api }: ClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: noMentions(),
    ...(api ? { rest: { api } } : {}),
  });
}

/**
 * Sends what discord.js reports to the logger (which scrubs the token from anything it is given). Without
 * an `error` listener an error event would crash the process.
 */
export function logClientEvents(client: Client, logger: Logger): void {
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ discord: message }, 'discord client warning'));
  // discord.js shows the first two parts of the token in one debug line; the logger only knows the whole token.
  client.on(Events.Debug, (message) =>
    logger.trace({ discord: message.replace(/(Provided token:\s*)\S+/, '$1[redacted]') }, 'discord debug'),
  );
  client.on(Events.ShardError, (err, shardId) => logger.warn({ err, shardId }, 'gateway connection error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, 'gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway resumed'));
  // A 429 Discord did not announce shows up only here. Interaction and webhook tokens are cut from URLs.
  client.rest.on(RESTEvents.Debug, (message) => {
    const rest = hideUrlTokens(message);
    if (message.includes('unexpected 429')) logger.warn({ rest }, 'rate limited by Discord');
    else logger.trace({ rest }, 'rest debug');
  });
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn(
      {
        route: info.route,
        method: info.method,
        retryAfter: info.retryAfter,
        global: info.global,
        scope: info.scope,
      },
      'rate limited by Discord',
    ),
  );
  client.rest.on(RESTEvents.InvalidRequestWarning, (info) =>
    logger.warn({ count: info.count, remainingTime: info.remainingTime }, 'many invalid requests to Discord'),
  );
}

/** `/interactions/<id>/<token>/callback` and `/webhooks/<app>/<token>` carry a secret of their own. */
export const hideUrlTokens = (text: string): string =>
  text.replace(/\/(interactions|webhooks)\/(\d+)\/[\w.-]+/g, '/$1/$2/[token]');

/**
 * Errors from discord.js carry the request URL, which for interaction callbacks and webhooks includes the
 * interaction token: every `err` the Discord side logs goes through this serializer.
 */
export function serializeError(err: unknown): unknown {
  const serialized = err instanceof Error ? pino.stdSerializers.err(err) : err;
  return JSON.parse(hideUrlTokens(JSON.stringify(serialized) ?? 'null'));
}

/** The logger for everything Discord: the caller's (which scrubs the bot token), with errors' URL tokens cut. */
export const discordLogger = (logger: Logger): Logger =>
  logger.child({}, { serializers: { err: serializeError } });
