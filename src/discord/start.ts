import { once } from 'node:events';
import { type Client, Events } from 'discord.js';
import { type Config, ConfigError } from '../config';
import type { Logger } from '../logger';
import { createServices, type Services } from '../services';
import type { Clock } from '../services/clock';
import { openStore, type Store } from '../services/store/repository';
import { createClient, discordLogger, logClientEvents } from './client';
import { attachDigests, type DigestWiring } from './digest';
import { discordPlatform } from './platform';
import { createRouter } from './router';

export interface BotOptions {
  config: Config;
  /** Create it with the token among its secrets (`createLogger(level, [token])`): it scrubs what it logs. */
  logger: Logger;
  /** Services over a store the caller opened (and closes); by default the bot opens STORE_URL and closes it. */
  services?: Services;
  clock?: Clock;
  /** See the defer policy in router.ts. */
  deferAfterMs?: number;
  /** Largest attachment a command may download. */
  maxAttachmentBytes?: number;
}

export interface BotReady {
  applicationId: string;
  userId: string;
  userTag: string;
  guilds: number;
}

export interface Bot {
  client: Client;
  /** The weekly digest scheduler (started on ready, stopped by `stop`). */
  digests: DigestWiring['runner'];
  /** Resolves once logged in and READY; rejects when the login fails (bad token, Discord unreachable). */
  ready: Promise<BotReady>;
  /**
   * Stops taking interactions, waits for those being handled, closes the store it opened, destroys the
   * client. Safe to call more than once (and after a failed login).
   */
  stop(): Promise<void>;
}

/** Checks what the Discord bot needs beyond what the schema already checked. */
export function checkDiscordConfig(config: Config): asserts config is Config & { DISCORD_TOKEN: string } {
  if (!config.DISCORD_TOKEN)
    throw new ConfigError(
      'DISCORD_TOKEN is not set: the Discord bot needs a bot token',
      'DISCORD_TOKEN',
      'missing-token',
    );
}

/** Logs the bot in and routes its interactions; no signal handling (that is startBot's). */
export async function createBot(options: BotOptions): Promise<Bot> {
  const { config } = options;
  const baseLogger = discordLogger(options.logger);
  checkDiscordConfig(config);
  let services = options.services;
  let ownStore: Store | undefined;
  if (!services) {
    ownStore = await openStore(config.STORE_URL);
    try {
      services = createServices({ store: ownStore, ...(options.clock ? { clock: options.clock } : {}) });
    } catch (error) {
      await ownStore.close();
      throw error;
    }
  }
  const client = createClient({ api: config.DISCORD_API_URL });
  // Under the ShardingManager each process says which shards it holds in everything it logs.
  const logger = client.shard ? baseLogger.child({ shards: client.shard.ids }) : baseLogger;
  logClientEvents(client, logger);
  const router = createRouter({
    services,
    platform: discordPlatform(client),
    logger,
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
    ...(options.maxAttachmentBytes !== undefined ? { maxAttachmentBytes: options.maxAttachmentBytes } : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => router.handle(interaction));
  const digests = attachDigests(client, {
    services,
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
  });

  const ready = (async (): Promise<BotReady> => {
    const readied = once(client, Events.ClientReady);
    await client.login(config.DISCORD_TOKEN);
    const [ready] = (await readied) as [Client<true>];
    const applicationId = ready.application.id;
    if (config.DISCORD_CLIENT_ID && config.DISCORD_CLIENT_ID !== applicationId) {
      logger.warn(
        { configured: config.DISCORD_CLIENT_ID, applicationId },
        'DISCORD_CLIENT_ID is not the application of this token; commands deployed with it will not reach this bot',
      );
    }
    const info = {
      applicationId,
      userId: ready.user.id,
      userTag: ready.user.tag,
      guilds: ready.guilds.cache.size,
    };
    logger.info(info, 'connected to Discord');
    return info;
  })();
  // Whoever awaits `ready` sees a failed login; nobody awaiting it must not make it an unhandled rejection.
  ready.catch(() => undefined);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await digests.stop();
      await router.drain();
      if (ownStore) {
        await ownStore.close().catch((err: unknown) => logger.error({ err }, 'closing the store failed'));
      }
      await client.destroy();
      logger.info('disconnected from Discord');
    })();
    return stopping;
  };
  return { client, digests: digests.runner, ready, stop };
}

/** Connects to Discord and serves the commands until SIGINT/SIGTERM; resolves with the exit code. */
export async function startBot(config: Config, baseLogger: Logger): Promise<number> {
  const logger = discordLogger(baseLogger);
  if (config.SHARDS !== undefined && config.DISCORD_TOKEN) {
    const { startShards } = await import('./shards');
    return startShards({ ...config, DISCORD_TOKEN: config.DISCORD_TOKEN }, logger);
  }
  let bot: Bot;
  try {
    bot = await createBot({ config, logger });
  } catch (error) {
    logger.fatal({ err: error }, 'the bot could not start');
    return error instanceof ConfigError ? 2 : 1;
  }

  let signalled: (signal: NodeJS.Signals) => void = () => undefined;
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    signalled = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    signalled(signal);
  };
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection');
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('unhandledRejection', onRejection);
  try {
    const outcome = await Promise.race([
      bot.ready.then(
        () => stopSignal.then(() => 0),
        (error: unknown) => {
          logger.fatal({ err: error }, 'could not log in to Discord');
          return 1;
        },
      ),
      stopSignal.then(() => 0),
    ]);
    await bot.stop();
    // A shard's IPC channel to the ShardingManager would keep this process alive after the bot stopped.
    if (process.env.SHARDING_MANAGER && process.connected) process.disconnect();
    return outcome;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('unhandledRejection', onRejection);
  }
}
