import { z } from 'zod';
import { DEFAULT_STORE_URL } from './services/store/repository';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const snowflake = z
  .string()
  .trim()
  .regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

export const configSchema = z.object({
  DISCORD_TOKEN: optional,
  DISCORD_CLIENT_ID: optional.pipe(snowflake.optional()),
  DEV_GUILD_ID: optional.pipe(snowflake.optional()),
  // discord.js adds the API version itself: `…/api/v10` and `…/api/` both mean `…/api`.
  DISCORD_API_URL: optional.pipe(
    z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, '').replace(/\/v\d+$/, ''))
      .optional(),
  ),
  STORE_URL: optional.transform((v) => v ?? DEFAULT_STORE_URL),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: one process. `auto` (Discord's recommended count) or a number: that many shards, one process each. */
  SHARDS: optional.pipe(
    z
      .union([
        z.literal('auto'),
        z
          .string()
          .regex(/^\d{1,4}$/)
          .transform(Number)
          .pipe(z.number().int().min(1).max(1000)),
      ])
      .optional(),
  ),
});
export type Config = z.infer<typeof configSchema>;

/** Reads the environment once, at start; a bad value stops the process with a message that names it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // In a shard's own process discord.js's ShardingManager sets SHARDS to that shard's id.
  const parsed = configSchema.safeParse(env.SHARDING_MANAGER ? { ...env, SHARDS: undefined } : env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    const setting = String(parsed.error.issues[0]?.path[0] ?? '');
    throw new ConfigError(
      `invalid configuration:\n${lines.join('\n')}`,
      setting,
      PROBLEMS[setting] ?? 'invalid',
    );
  }
  return parsed.data;
}

/** What is wrong with a setting, as a word the catalog says in each language (`config.problem.<word>`). */
export type ConfigProblem = 'snowflake' | 'url' | 'log-level' | 'shards' | 'missing-token' | 'invalid';

const PROBLEMS: Record<string, ConfigProblem> = {
  DISCORD_CLIENT_ID: 'snowflake',
  DEV_GUILD_ID: 'snowflake',
  DISCORD_API_URL: 'url',
  LOG_LEVEL: 'log-level',
  SHARDS: 'shards',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    /** The first setting that is wrong (`DEV_GUILD_ID`). */
    readonly setting = '',
    readonly problem: ConfigProblem = 'invalid',
  ) {
    super(message);
  }
}
