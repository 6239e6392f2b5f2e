import { randomBytes } from 'node:crypto';
import {
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIBaseInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIGuildMember,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type Locale,
} from 'discord-api-types/v10';
import { AttachmentCdn } from './cdn.js';
import {
  buildMember,
  buildUser,
  type GuildFixture,
  type LocaleInput,
  type PermissionsInput,
  toPermissions,
  type UserInit,
} from './fixtures.js';
import type { MessageStore } from './messages.js';
import { snowflake } from './snowflake.js';

/** The fields every interaction payload has, whatever its type. */
type InteractionBase = Omit<APIBaseInteraction<InteractionType, unknown>, 'type' | 'data'>;

/** What the interaction builders need to know about the fake's state. */
export interface InteractionWorld {
  applicationId: string;
  botUser: APIUser;
  /** The guild with this id; without an id, the first guild added. */
  guild(id?: string): GuildFixture;
  guildOfChannel(channelId: string): GuildFixture | undefined;
  /** A registered command by name: the guild's own first, then global ones. */
  findCommand(name: string, guildId: string): APIApplicationCommand | undefined;
  /** The latest interaction the bot answered with a modal of this custom id. */
  modalOpener(customId: string): APIInteraction | undefined;
  messages: MessageStore;
  cdn: AttachmentCdn;
}

/** Who does the interacting, and where. Everything has a sensible default. */
export interface InteractionContextInit {
  /** Defaults to the first guild added. */
  guildId?: string;
  /** Channel id or name; defaults to the guild's first text channel. */
  channelId?: string;
  /**
   * A guild member's user id or username, or a made-up user (who gets `roles`).
   * Defaults to the guild's first declared member.
   */
  user?: string | (UserInit & { roles?: string[] });
  /** The user's client language, e.g. `'ko'` or `'en-US'`. Defaults to `'en-US'`. */
  locale?: LocaleInput;
  /** Overrides the member's permissions, which otherwise come from their roles. */
  permissions?: PermissionsInput;
  /** Overrides the bot's permissions in the channel, which otherwise come from its role. */
  appPermissions?: PermissionsInput;
}

/** An option value; the type comes from the registered command, else from the JS type. */
export type OptionValue =
  | string
  | number
  | boolean
  | { type: ApplicationCommandOptionType; value: string | number | boolean }
  | { attachment: { name: string; data: string | Buffer; contentType?: string } };

export interface CommandInit extends InteractionContextInit {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /** By option name, or raw option payloads (sent as they are). */
  options?: Record<string, OptionValue> | RawOption[];
}

export interface AutocompleteInit extends CommandInit {
  /** The option being typed in; its value is sent as a string. Defaults to the last option given. */
  focused?: string;
}

export interface ComponentInit extends InteractionContextInit {
  customId: string;
  /** Defaults to a button. */
  componentType?: ComponentType;
  /** Picked values, for select menus. */
  values?: string[];
  /** The message carrying the component; defaults to the bot's newest message that has `customId`. */
  messageId?: string;
}

export interface ModalSubmitInit extends InteractionContextInit {
  customId: string;
  /** Text input values by custom id. */
  fields: Record<string, string>;
  /**
   * The message whose component opened the modal. Defaults to the one the modal was opened from, when
   * the bot showed a modal with this custom id.
   */
  messageId?: string;
}

/** A raw option as it appears in interaction data. */
export interface RawOption {
  name: string;
  type: ApplicationCommandOptionType;
  value?: string | number | boolean;
  focused?: boolean;
  options?: RawOption[];
}

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export function interactionToken(id: string): string {
  return Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
}

// ---------------------------------------------------------------- shared context

interface ResolvedContext {
  guild: GuildFixture;
  member: APIGuildMember;
  base: InteractionBase;
}

function resolveContext(
  world: InteractionWorld,
  init: InteractionContextInit,
  memberOverride?: APIGuildMember,
): ResolvedContext {
  const guild =
    init.guildId !== undefined
      ? world.guild(init.guildId)
      : (init.channelId && world.guildOfChannel(init.channelId)) || world.guild();
  const channel = guild.channel(init.channelId);
  const member = memberOverride ?? resolveMember(guild, init.user);
  const id = snowflake();
  const memberPermissions =
    init.permissions === undefined ? guild.permissionsOf(member) : toPermissions(init.permissions);
  const appPermissions =
    init.appPermissions === undefined
      ? guild.permissionsOf(guild.botMember)
      : toPermissions(init.appPermissions);
  const interactionMember: APIInteractionGuildMember = {
    ...member,
    permissions: memberPermissions.toString(),
  };
  const base = {
    id,
    application_id: world.applicationId,
    token: interactionToken(id),
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
    // Discord adds the member's permissions in the channel to the partial channel.
    channel: Object.assign({}, channel, { permissions: memberPermissions.toString() }),
    channel_id: channel.id,
    member: interactionMember,
    app_permissions: appPermissions.toString(),
    locale: (init.locale ?? 'en-US') as Locale,
    guild_locale: guild.preferredLocale,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  } satisfies InteractionBase;
  return { guild, member, base };
}

function resolveMember(guild: GuildFixture, user: InteractionContextInit['user']): APIGuildMember {
  if (user === undefined) return guild.defaultMember;
  if (typeof user === 'string') return guild.member(user);
  const known = user.id ? guild.members.find((m) => m.user.id === user.id) : undefined;
  if (known) return known;
  const roles = (user.roles ?? []).map((ref) => guild.role(ref).id);
  return buildMember(buildUser(user), roles);
}

// ---------------------------------------------------------------- application commands

export function buildCommandInteraction(
  world: InteractionWorld,
  init: CommandInit,
): APIChatInputApplicationCommandInteraction {
  const { base, guild } = resolveContext(world, init);
  const command = world.findCommand(init.name, guild.id);
  const options = buildCommandOptions(world, guild, command, init, { requireAll: true });
  return {
    ...base,
    type: InteractionType.ApplicationCommand,
    data: commandData(command, init.name, guild.id, options.options, options.resolved),
  } as APIChatInputApplicationCommandInteraction;
}

export function buildAutocompleteInteraction(
  world: InteractionWorld,
  init: AutocompleteInit,
): APIApplicationCommandAutocompleteInteraction {
  const { base, guild } = resolveContext(world, init);
  const command = world.findCommand(init.name, guild.id);
  const options = buildCommandOptions(world, guild, command, init, { requireAll: false });
  focus(options.leaves, init.focused);
  return {
    ...base,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: commandData(command, init.name, guild.id, options.options, undefined),
  } as APIApplicationCommandAutocompleteInteraction;
}

function commandData(
  command: APIApplicationCommand | undefined,
  name: string,
  guildId: string,
  options: RawOption[],
  resolved: APIInteractionDataResolved | undefined,
) {
  return {
    id: command?.id ?? snowflake(),
    name,
    type: ApplicationCommandType.ChatInput,
    ...(command?.guild_id ? { guild_id: guildId } : {}),
    ...(options.length ? { options } : {}),
    ...(resolved ? { resolved } : {}),
  };
}

function focus(leaves: RawOption[], focused: string | undefined): void {
  const target = focused === undefined ? leaves.at(-1) : leaves.find((o) => o.name === focused);
  if (!target) throw new Error(`Autocomplete: no option "${focused}" among the options given`);
  target.focused = true;
  target.value = String(target.value ?? '');
}

interface BuiltOptions {
  /** The top-level option list (wrapping leaves in subcommand/group options). */
  options: RawOption[];
  /** The value options themselves. */
  leaves: RawOption[];
  resolved: APIInteractionDataResolved | undefined;
}

function buildCommandOptions(
  world: InteractionWorld,
  guild: GuildFixture,
  command: APIApplicationCommand | undefined,
  init: CommandInit,
  { requireAll }: { requireAll: boolean },
): BuiltOptions {
  if (Array.isArray(init.options))
    return { options: init.options, leaves: init.options, resolved: undefined };
  const declared = declaredLeafOptions(command, init);
  const resolved: APIInteractionDataResolved = {};
  const leaves = Object.entries(init.options ?? {}).map(([name, value]) =>
    leafOption(world, guild, name, value, declared, resolved),
  );
  if (declared && requireAll) {
    const missing = declared.filter(
      (o) => 'required' in o && o.required && !leaves.some((l) => l.name === o.name),
    );
    if (missing.length) {
      throw new Error(`/${init.name}: missing required options ${missing.map((o) => o.name).join(', ')}`);
    }
  }
  return {
    options: wrapInSubcommands(leaves, init),
    leaves,
    resolved: Object.keys(resolved).length ? resolved : undefined,
  };
}

function wrapInSubcommands(leaves: RawOption[], init: CommandInit): RawOption[] {
  if (init.subcommand === undefined) return leaves;
  const subcommand: RawOption = {
    name: init.subcommand,
    type: ApplicationCommandOptionType.Subcommand,
    options: leaves,
  };
  if (init.subcommandGroup === undefined) return [subcommand];
  return [
    { name: init.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options: [subcommand] },
  ];
}

/** The options a registered command declares at the chosen (sub)command; undefined when not registered. */
function declaredLeafOptions(
  command: APIApplicationCommand | undefined,
  init: CommandInit,
): APIApplicationCommandOption[] | undefined {
  if (!command) return undefined;
  let options = command.options ?? [];
  for (const [name, type] of [
    [init.subcommandGroup, ApplicationCommandOptionType.SubcommandGroup],
    [init.subcommand, ApplicationCommandOptionType.Subcommand],
  ] as const) {
    if (name === undefined) continue;
    const next = options.find((o) => o.name === name && o.type === type);
    if (!next || !('options' in next))
      throw new Error(`/${init.name}: no registered subcommand (group) "${name}"`);
    options = (next.options ?? []) as APIApplicationCommandOption[];
  }
  return options;
}

function leafOption(
  world: InteractionWorld,
  guild: GuildFixture,
  name: string,
  value: OptionValue,
  declared: APIApplicationCommandOption[] | undefined,
  resolved: APIInteractionDataResolved,
): RawOption {
  const declaredOption = declared?.find((o) => o.name === name);
  if (declared && !declaredOption) {
    throw new Error(
      `Option "${name}" is not declared (have: ${declared.map((o) => o.name).join(', ') || 'none'})`,
    );
  }
  if (typeof value === 'object' && 'attachment' in value) {
    const attachment = world.cdn.put(
      guild.channel().id,
      AttachmentCdn.file(value.attachment.name, value.attachment.data, value.attachment.contentType),
    );
    resolveAttachment(resolved, attachment);
    return { name, type: ApplicationCommandOptionType.Attachment, value: attachment.id };
  }
  const type = typeof value === 'object' ? value.type : (declaredOption?.type ?? inferType(value));
  const raw = typeof value === 'object' ? value.value : value;
  resolveEntity(guild, type, String(raw), resolved);
  return { name, type, value: raw };
}

function inferType(value: string | number | boolean): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  }
  return ApplicationCommandOptionType.String;
}

function resolveAttachment(resolved: APIInteractionDataResolved, attachment: APIAttachment): void {
  resolved.attachments = { ...resolved.attachments, [attachment.id]: attachment };
}

/** Fills `resolved` for user, channel, role and mentionable options, like Discord does. */
function resolveEntity(
  guild: GuildFixture,
  type: ApplicationCommandOptionType,
  id: string,
  resolved: APIInteractionDataResolved,
): void {
  const member = guild.members.find((m) => m.user.id === id);
  const role = guild.roles.find((r) => r.id === id);
  const wantsUser =
    type === ApplicationCommandOptionType.User || type === ApplicationCommandOptionType.Mentionable;
  const wantsRole =
    type === ApplicationCommandOptionType.Role || type === ApplicationCommandOptionType.Mentionable;
  if (wantsUser && member) {
    const { user, ...rest } = member;
    resolved.users = { ...resolved.users, [id]: user };
    resolved.members = {
      ...resolved.members,
      [id]: { ...rest, permissions: guild.permissionsOf(member).toString() },
    };
  }
  if (wantsRole && role) resolved.roles = { ...resolved.roles, [id]: role };
  if (type === ApplicationCommandOptionType.Channel) {
    const channel = guild.channel(id);
    resolved.channels = {
      ...resolved.channels,
      [id]: { id, name: channel.name, type: channel.type, permissions: '0' },
    } as APIInteractionDataResolved['channels'];
  }
}

// ---------------------------------------------------------------- components and modals

export function buildComponentInteraction(
  world: InteractionWorld,
  init: ComponentInit,
): APIMessageComponentInteraction {
  const carrier = init.messageId
    ? world.messages.get(init.messageId)
    : world.messages.withComponent(init.customId);
  if (init.messageId && !carrier)
    throw new Error(`No message ${init.messageId} for component ${init.customId}`);
  const { base } = resolveContext(world, { ...init, channelId: init.channelId ?? carrier?.channel_id });
  // A copy: the stored message may be edited later, the payload is what was sent.
  const message = structuredClone(carrier ?? stubMessage(world, base.channel_id ?? '', init.customId));
  const componentType = init.componentType ?? ComponentType.Button;
  if (componentType === ComponentType.StringSelect && carrier) checkPicked(carrier, init);
  return {
    ...base,
    type: InteractionType.MessageComponent,
    message,
    data: {
      custom_id: init.customId,
      component_type: componentType,
      ...(componentType === ComponentType.Button ? {} : { values: init.values ?? [] }),
    },
  } as APIMessageComponentInteraction;
}

/** What a member picks in a string select can only be among its options, as many as it allows. */
function checkPicked(message: { components?: unknown[] }, init: ComponentInit): void {
  type Select = {
    custom_id?: string;
    options?: { value: string }[];
    min_values?: number;
    max_values?: number;
  };
  const rows = (message.components ?? []) as { components?: Select[] }[];
  const select = rows.flatMap((row) => row.components ?? []).find((c) => c.custom_id === init.customId);
  if (!select) throw new Error(`No select ${init.customId} on that message`);
  const values = init.values ?? [];
  const allowed = new Set((select.options ?? []).map((o) => o.value));
  const unknown = values.filter((v) => !allowed.has(v));
  if (unknown.length > 0) throw new Error(`Not an option of ${init.customId}: ${unknown.join(', ')}`);
  if (values.length < (select.min_values ?? 1) || values.length > (select.max_values ?? 1)) {
    throw new Error(`${init.customId} takes ${select.min_values ?? 1}–${select.max_values ?? 1} values`);
  }
}

/**
 * A modal submission. When the bot opened a modal with this custom id, the submission comes from the
 * same user, channel and locale, and carries the component's message if the modal was opened from one.
 */
export function buildModalSubmitInteraction(
  world: InteractionWorld,
  init: ModalSubmitInit,
): APIModalSubmitInteraction {
  const opener = world.modalOpener(init.customId);
  const messageId = init.messageId ?? (opener && 'message' in opener ? opener.message?.id : undefined);
  const carrier = messageId ? world.messages.get(messageId) : undefined;
  if (messageId && !carrier) throw new Error(`No message ${messageId} for modal ${init.customId}`);
  const { base } = resolveContext(
    world,
    {
      ...init,
      guildId: init.guildId ?? opener?.guild_id,
      channelId: init.channelId ?? carrier?.channel_id ?? opener?.channel_id,
      locale: init.locale ?? (opener && 'locale' in opener ? opener.locale : undefined),
    },
    init.user === undefined ? opener?.member : undefined,
  );
  return {
    ...base,
    type: InteractionType.ModalSubmit,
    ...(carrier ? { message: structuredClone(carrier) } : {}),
    data: {
      custom_id: init.customId,
      components: Object.entries(init.fields).map(([customId, value]) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
      })),
    },
  } as APIModalSubmitInteraction;
}

/** A bot message carrying a single button, for components clicked on messages the fake never saw. */
function stubMessage(world: InteractionWorld, channelId: string, customId: string): APIMessage {
  return world.messages.create({
    channelId,
    author: world.botUser,
    body: {
      content: '',
      components: [
        {
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.Button, style: 1, custom_id: customId, label: customId }],
        },
      ],
    },
    files: [],
    applicationId: world.applicationId,
  });
}
