import {
  type APIChatInputApplicationCommandInteraction,
  type APIDMChannel,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  InteractionType,
  type Locale,
} from 'discord-api-types/v10';
import { buildUser, type LocaleInput, type UserInit } from './fixtures.js';
import { type InteractionWorld, interactionToken } from './interactions.js';
import { snowflake } from './snowflake.js';

export interface DirectCommandInit {
  name: string;
  /** Defaults to a made-up user. */
  user?: UserInit;
  /** Defaults to `'en-US'`. */
  locale?: LocaleInput;
  /** Plain values only; sent as they are (strings, integers, booleans). */
  options?: Record<string, string | number | boolean>;
}

/**
 * A chat-input command used in the bot's DM channel: `user` instead of `member`, no guild, context 1
 * (BOT_DM), installed for the user. Real Discord only offers commands whose `contexts` allow DMs there;
 * the fake sends whatever a test asks, to see how the bot copes.
 */
export function buildDirectCommandInteraction(
  world: InteractionWorld,
  init: DirectCommandInit,
): APIChatInputApplicationCommandInteraction {
  const user = buildUser(init.user);
  const id = snowflake();
  const channel: APIDMChannel = {
    id: snowflake(),
    type: ChannelType.DM,
    name: null,
    last_message_id: null,
    last_pin_timestamp: null,
    recipients: [user],
  };
  const options = Object.entries(init.options ?? {}).map(([name, value]) => ({
    name,
    type:
      typeof value === 'string'
        ? ApplicationCommandOptionType.String
        : typeof value === 'boolean'
          ? ApplicationCommandOptionType.Boolean
          : ApplicationCommandOptionType.Integer,
    value,
  }));
  return {
    id,
    application_id: world.applicationId,
    token: interactionToken(id),
    version: 1,
    type: InteractionType.ApplicationCommand,
    channel,
    channel_id: channel.id,
    user,
    app_permissions: '0',
    locale: (init.locale ?? 'en-US') as Locale,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: user.id },
    context: InteractionContextType.BotDM,
    attachment_size_limit: 10 * 1024 * 1024,
    data: {
      id: snowflake(),
      name: init.name,
      type: ApplicationCommandType.ChatInput,
      ...(options.length ? { options } : {}),
    },
  } as APIChatInputApplicationCommandInteraction;
}
