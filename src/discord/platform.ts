import { type Client, PermissionFlagsBits } from 'discord.js';
import type { ChannelCheck, Platform } from '../commands/types';

/** What the bot needs in a channel it is asked to post in (a digest, an announcement). */
export const CHANNEL_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

/** Answers from the gateway cache (the Guilds intent keeps guilds, channels, roles and the bot's member). */
export function discordPlatform(client: Client): Platform {
  return {
    name: 'discord',
    async checkChannel(guildId, channelId): Promise<ChannelCheck> {
      const guild = client.guilds.cache.get(guildId);
      const channel = guild?.channels.cache.get(channelId);
      if (!guild || !channel) return 'missing';
      if (!channel.isTextBased() || channel.isVoiceBased()) return 'not-text';
      const me = client.user;
      const permissions = me ? channel.permissionsFor(me) : null;
      return permissions?.has(CHANNEL_PERMISSIONS) ? 'ok' : 'no-permission';
    },
  };
}
