import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  ComponentType,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
} from 'discord.js';
import { createContext } from '../commands/context';
import type { Invocation } from '../commands/dispatch';
import type { Attachment, Context, OptionValue, Platform } from '../commands/types';
import { toLocale } from '../i18n';
import type { Services } from '../services';
import { MAX_ATTACHMENT_BYTES, toAttachment } from './attachments';

/** The interactions the bot answers; everything else (context menus, other kinds of select menu) is ignored. */
export type CommandInteraction =
  | ChatInputCommandInteraction
  | AutocompleteInteraction
  | ModalSubmitInteraction
  | MessageComponentInteraction;

export interface ContextDeps {
  services: Services;
  platform: Platform;
  maxAttachmentBytes?: number;
}

interface FlatOptions {
  subcommand?: string;
  options: Record<string, OptionValue>;
  attachments: Record<string, Attachment>;
}

/**
 * `/postings remove id:3` arrives as a subcommand option wrapping the value options: handlers see the
 * subcommand's name and a flat `{ id: 3 }`. A subcommand group, should one appear, joins as `group.sub`.
 */
export function flattenOptions(
  data: readonly CommandInteractionOption[],
  maxAttachmentBytes = MAX_ATTACHMENT_BYTES,
): FlatOptions {
  const flat: FlatOptions = { options: {}, attachments: {} };
  const walk = (options: readonly CommandInteractionOption[], prefix: string) => {
    for (const option of options) {
      switch (option.type) {
        case ApplicationCommandOptionType.SubcommandGroup:
          walk(option.options ?? [], `${prefix}${option.name}.`);
          break;
        case ApplicationCommandOptionType.Subcommand:
          flat.subcommand = `${prefix}${option.name}`;
          walk(option.options ?? [], prefix);
          break;
        case ApplicationCommandOptionType.Attachment:
          if (option.attachment)
            flat.attachments[option.name] = toAttachment(option.attachment, maxAttachmentBytes);
          break;
        default:
          if (option.value !== undefined) flat.options[option.name] = option.value;
      }
    }
  };
  walk(data, '');
  return flat;
}

/** Who asked, where, in which language, with which options: the same Context the console builds. */
export function toContext(
  interaction: CommandInteraction,
  deps: ContextDeps,
  defer?: Context['defer'],
): Context {
  const flat =
    interaction.isChatInputCommand() || interaction.isAutocomplete()
      ? flattenOptions(interaction.options.data, deps.maxAttachmentBytes)
      : { options: {}, attachments: {} };
  const permissions = interaction.memberPermissions;
  return createContext({
    services: deps.services,
    platform: deps.platform,
    locale: toLocale(interaction.locale),
    guildLocale: toLocale(interaction.guildLocale ?? interaction.locale),
    // A DM (or a user-installed command outside a server we are in) has no guild: guild-only commands say so.
    guildId: interaction.guildId ?? null,
    userId: interaction.user.id,
    userName: interaction.user.globalName ?? interaction.user.username,
    canManageMessages: permissions?.has(PermissionFlagsBits.ManageMessages) ?? false,
    canManageGuild: permissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    ...(flat.subcommand ? { subcommand: flat.subcommand } : {}),
    options: flat.options,
    attachments: flat.attachments,
    ...(defer ? { defer } : {}),
  });
}

/** Text inputs of a submitted modal by custom id (action-row and label layouts alike). */
export function modalFields(interaction: ModalSubmitInteraction): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [customId, field] of interaction.fields.fields) {
    if (field.type === ComponentType.TextInput) fields[customId] = field.value;
  }
  return fields;
}

/** What dispatch should run for an interaction; undefined for kinds the bot has nothing for. */
export function toInvocation(interaction: CommandInteraction): Invocation | undefined {
  if (interaction.isChatInputCommand()) return { kind: 'command', name: interaction.commandName };
  if (interaction.isModalSubmit()) {
    return { kind: 'modal', customId: interaction.customId, fields: modalFields(interaction) };
  }
  if (interaction.isButton()) return { kind: 'component', customId: interaction.customId };
  if (interaction.isStringSelectMenu()) {
    return { kind: 'component', customId: interaction.customId, values: [...interaction.values] };
  }
  return undefined;
}
