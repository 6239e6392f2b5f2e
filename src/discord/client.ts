import { Client, Events, GatewayIntentBits, RESTEvents } from 'discord.js';
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
