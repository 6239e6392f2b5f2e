import { ConfigError, loadConfig } from '../../config';
import { deployCommands, fetchApplicationId } from '../../discord/deploy';
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
    const applicationId = config.DISCORD_CLIENT_ID ?? (await fetchApplicationId({ token, api }));
    const guildId = args.values.global === true ? undefined : config.DEV_GUILD_ID;
    const result = await deployCommands({ token, applicationId, guildId, api });
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
