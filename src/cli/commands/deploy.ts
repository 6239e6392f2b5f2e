import { DiscordAPIError, HTTPError } from 'discord.js';
import { ConfigError, loadConfig } from '../../config';
import { type DeployResult, deployCommands, fetchApplicationId } from '../../discord/deploy';
import type { CliCommand } from './types';

/**
 * Registers the slash commands with Discord: in DEV_GUILD_ID when it is set (instant, for development),
 * globally otherwise (or with --global). The application comes from DISCORD_CLIENT_ID, else from the token.
 */
export const deployCommand: CliCommand = {
  name: 'deploy-commands',
  usage: 'deploy-commands [--global] [--json]   (reads DISCORD_TOKEN, DISCORD_CLIENT_ID, DEV_GUILD_ID)',
  options: { global: { type: 'boolean', default: false } },
  async run(args, io) {
    const config = loadConfig();
    const token = config.DISCORD_TOKEN;
    if (!token) throw new ConfigError('DISCORD_TOKEN is not set: deploying commands needs the bot token');
    const api = config.DISCORD_API_URL;
    const guildId = args.values.global === true ? undefined : config.DEV_GUILD_ID;
    let applicationId: string;
    let result: DeployResult;
    try {
      applicationId = config.DISCORD_CLIENT_ID ?? (await fetchApplicationId({ token, api }));
      result = await deployCommands({ token, applicationId, guildId, api });
    } catch (error) {
      io.stderr(`deploy-commands: Discord refused: ${describeDiscordError(error)}`);
      return 1;
    }
    if (args.json) {
      io.stdout(JSON.stringify({ applicationId, ...result }, null, 2));
      return 0;
    }
    const where = result.guildId ? `in server ${result.guildId}` : 'globally';
    const names = result.commands.map((c) => `/${c.name}`).join(', ');
    io.stdout(
      `Registered ${result.commands.length} commands ${where} for application ${applicationId}: ${names}`,
    );
    return 0;
  },
};

/** One line about what went wrong; never the request itself (its headers hold the token). */
function describeDiscordError(error: unknown): string {
  if (error instanceof DiscordAPIError) {
    const hint =
      error.status === 401
        ? ' (is DISCORD_TOKEN the bot token from the Developer Portal?)'
        : error.status === 403 || error.code === 50001
          ? ' (is the bot in DEV_GUILD_ID, and is DISCORD_CLIENT_ID its application?)'
          : '';
    return `${error.status} ${error.message} [code ${error.code}]${hint}`;
  }
  if (error instanceof HTTPError) return `${error.status} ${error.message}`;
  throw error;
}
