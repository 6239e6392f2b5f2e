import { type Client, DiscordAPIError, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord.js';
import type { ChannelCheck, Platform } from '../commands/types';

/** What the bot needs in a channel it is asked to post in (a digest, an announcement). */
export const CHANNEL_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

const GONE = new Set<number | string>([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.UnknownGuild]);
const FORBIDDEN = new Set<number | string>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
]);

/**
 * Answers from the gateway cache (the Guilds intent keeps guilds, channels, roles and the bot's member). A
 * channel the cache does not hold is asked for over REST; when the bot can read it but cannot work out its
 * own permissions there, the channel is taken as usable and a failed post turns the digest off later.
 */
export function discordPlatform(client: Client): Platform {
  return {
    name: 'discord',
    async checkChannel(guildId, channelId): Promise<ChannelCheck> {
      let channel = client.guilds.cache.get(guildId)?.channels.cache.get(channelId) ?? null;
      if (!channel) {
        try {
          const fetched = await client.channels.fetch(channelId);
          if (!fetched || !('guildId' in fetched) || fetched.guildId !== guildId) return 'missing';
          channel = fetched;
        } catch (error) {
          if (error instanceof DiscordAPIError && GONE.has(error.code)) return 'missing';
          if (error instanceof DiscordAPIError && FORBIDDEN.has(error.code)) return 'no-permission';
          if (error instanceof DiscordAPIError && error.status === 404) return 'missing';
          if (error instanceof DiscordAPIError && error.status === 403) return 'no-permission';
          throw error;
        }
      }
      if (!channel.isTextBased() || channel.isVoiceBased()) return 'not-text';
      const me = client.user;
      if (!me || !channel.guild.members.me) return 'ok';
      return channel.permissionsFor(me)?.has(CHANNEL_PERMISSIONS) ? 'ok' : 'no-permission';
    },
  };
}
