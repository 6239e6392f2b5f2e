import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REST, Routes, type Shard, ShardingManager } from 'discord.js';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import type { Config } from '../config';
import type { Logger } from '../logger';

/** Each shard is this same command (`role-radar start`) in a process of its own. */
const BIN = fileURLToPath(new URL('../../bin/role-radar.mjs', import.meta.url));
/** Discord lets `max_concurrency` shards identify in each 5-second window. */
const IDENTIFY_WINDOW_MS = 5_500;
const SHARD_READY_TIMEOUT_MS = 60_000;

export interface ShardPlan {
  totalShards: number;
  /** Between two shards' starts. */
  spawnDelayMs: number;
}

/** How many shards (SHARDS, or Discord's recommendation for `auto`) and how fast to start them. */
export async function shardPlan(config: Config & { DISCORD_TOKEN: string }): Promise<ShardPlan> {
  const rest = new REST({ ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) });
  // discord.js's own fetchRecommendedShardCount always asks discord.com; this follows DISCORD_API_URL.
  const gateway = (await rest
    .setToken(config.DISCORD_TOKEN)
    .get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  const totalShards =
    config.SHARDS === 'auto' || config.SHARDS === undefined ? gateway.shards : config.SHARDS;
  const concurrency = Math.max(1, gateway.session_start_limit.max_concurrency);
  return { totalShards, spawnDelayMs: Math.ceil(IDENTIFY_WINDOW_MS / concurrency) };
}

/**
 * Starts discord.js's ShardingManager: one process per shard, each a whole bot on its part of the
 * servers (digests included), all on the same store. Runs until SIGINT/SIGTERM, then stops every shard
 * (each finishes what it is handling) and resolves with the exit code.
 */
export async function startShards(
  config: Config & { DISCORD_TOKEN: string },
  logger: Logger,
): Promise<number> {
  let plan: ShardPlan;
  try {
    plan = await shardPlan(config);
  } catch (error) {
    logger.fatal({ err: error }, 'could not ask Discord how to shard');
    return 1;
  }
  // A shard's process reads the store from its environment (not argv: a database URL may hold a password).
  process.env.STORE_URL = config.STORE_URL;
  const manager = new ShardingManager(BIN, {
    token: config.DISCORD_TOKEN,
    totalShards: plan.totalShards,
    shardArgs: ['start'],
    execArgv: process.execArgv,
    mode: 'process',
    respawn: true,
  });
  let stopping = false;
  manager.on('shardCreate', (shard: Shard) => {
    logger.info({ shardId: shard.id, totalShards: plan.totalShards }, 'shard started');
    shard.on('death', () => {
      if (!stopping) logger.warn({ shardId: shard.id }, 'shard process exited; starting it again');
    });
  });

  let signalled: (signal: NodeJS.Signals) => void = () => undefined;
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    signalled = resolve;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down the shards');
    signalled(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const spawned = manager
      .spawn({ amount: plan.totalShards, delay: plan.spawnDelayMs, timeout: SHARD_READY_TIMEOUT_MS })
      .then(
        () => {
          logger.info({ totalShards: plan.totalShards }, 'every shard is connected');
          return stopSignal.then(() => 0);
        },
        (error: unknown) => {
          logger.fatal({ err: error }, 'a shard could not start');
          return 1;
        },
      );
    const code = await Promise.race([spawned, stopSignal.then(() => 0)]);
    stopping = true;
    await Promise.all([...manager.shards.values()].map((shard) => stopShard(shard)));
    return code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** SIGTERM to a shard's process (it stops as a single bot does), resolved once it has exited. */
async function stopShard(shard: Shard): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  shard.kill();
  await exited;
}
