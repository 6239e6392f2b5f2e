import { loadConfig } from '../../config';
import type { Translate } from '../../i18n';
import { UserError } from '../../services/errors';
import type { CliCommand } from './types';

/**
 * Registers the slash commands with Discord: in DEV_GUILD_ID when it is set (instant, for development),
 * globally otherwise (or with --global). The application comes from DISCORD_CLIENT_ID, else from the token.
 * discord.js is loaded here only, when the command runs.
 */
export const deployCommand: CliCommand = {
  name: 'deploy-commands',
  about: 'cli.about.deploy-commands',
  syntax: () => '[--global] [--json]   (DISCORD_TOKEN, DISCORD_CLIENT_ID, DEV_GUILD_ID)',
  flags: { global: { type: 'boolean', default: false } },
  maxPositionals: 0,
  async run(args, io) {
    const config = loadConfig();
    const token = config.DISCORD_TOKEN;
    if (!token) throw new UserError('deploy.no-token');
    const [{ deployCommands, fetchApplicationId }, { DiscordAPIError, HTTPError }] = await Promise.all([
      import('../../discord/deploy'),
      import('discord.js'),
    ]);
    const api = config.DISCORD_API_URL;
    const guildId = args.values.global === true ? undefined : config.DEV_GUILD_ID;
    let applicationId: string;
    let result: Awaited<ReturnType<typeof deployCommands>>;
    try {
      applicationId = config.DISCORD_CLIENT_ID ?? (await fetchApplicationId({ token, api }));
      result = await deployCommands({ token, applicationId, guildId, api });
    } catch (error) {
      if (error instanceof DiscordAPIError) {
        io.stderr(
          args.t('deploy.refused', {
            reason: `${error.status} ${error.message} [${error.code}]${hint(args.t, error.status, error.code)}`,
          }),
        );
        return 1;
      }
      if (error instanceof HTTPError) {
        io.stderr(args.t('deploy.refused', { reason: `${error.status} ${error.message}` }));
        return 1;
      }
      throw error;
    }
    if (args.json) {
      io.stdout(JSON.stringify({ applicationId, ...result }, null, 2));
      return 0;
    }
    io.stdout(
      args.t(result.guildId ? 'deploy.done-guild' : 'deploy.done-global', {
        count: result.commands.length,
        guild: result.guildId ?? '',
        application: applicationId,
        names: result.commands.map((c) => `/${c.name}`).join(', '),
      }),
    );
    return 0;
  },
};

/** What to check, for the refusals a wrong setting causes. The request itself is never shown (its headers hold the token). */
function hint(t: Translate, status: number, code: number | string): string {
  if (status === 401) return ` ${t('deploy.hint.token')}`;
  if (status === 403 || code === 50001) return ` ${t('deploy.hint.access')}`;
  return '';
}
