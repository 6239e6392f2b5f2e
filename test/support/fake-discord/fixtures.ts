import {
  type APIGuildCategoryChannel,
  type APIGuildMember,
  type APIGuildVoiceChannel,
  type APINewsChannel,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIUser,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  type Locale,
  PermissionFlagsBits,
  type RoleFlags,
} from 'discord-api-types/v10';
import { snowflake } from './snowflake.js';

/** A locale as a plain string (`'ko'`, `'en-US'`) or the enum member. */
export type LocaleInput = Locale | `${Locale}`;

/** Permissions as a bitfield or Discord's decimal string form. */
export type PermissionsInput = bigint | string;

export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** Roughly what a fresh server grants @everyone. */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.ChangeNickname |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.Connect |
  PermissionFlagsBits.Speak;

/** What the bot's managed role grants unless a test says otherwise. */
export const DEFAULT_BOT_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

export function toPermissions(value: PermissionsInput): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

// ---------------------------------------------------------------- users

export interface UserInit {
  id?: string;
  username?: string;
  globalName?: string | null;
  bot?: boolean;
  avatar?: string | null;
}

let userCounter = 0;

export function buildUser(init: UserInit = {}): APIUser {
  userCounter += 1;
  const username = init.username ?? `user${userCounter}`;
  return {
    id: init.id ?? snowflake(),
    username,
    discriminator: '0',
    global_name: init.globalName === undefined ? username : init.globalName,
    avatar: init.avatar ?? null,
    ...(init.bot ? { bot: true } : {}),
  };
}

// ---------------------------------------------------------------- roles

export interface RoleInit {
  id?: string;
  name: string;
  permissions?: PermissionsInput;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
  position?: number;
}

function baseRole(id: string, name: string, permissions: bigint, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function buildEveryoneRole(guildId: string, permissions: bigint): APIRole {
  return baseRole(guildId, '@everyone', permissions, 0);
}

export function buildBotRole(botUser: APIUser, permissions: bigint, position: number): APIRole {
  return {
    ...baseRole(snowflake(), botUser.username, permissions, position),
    managed: true,
    tags: { bot_id: botUser.id },
  };
}

export function buildRole(init: RoleInit, position: number): APIRole {
  const role = baseRole(
    init.id ?? snowflake(),
    init.name,
    init.permissions === undefined ? 0n : toPermissions(init.permissions),
    init.position ?? position,
  );
  return {
    ...role,
    color: init.color ?? 0,
    colors: { primary_color: init.color ?? 0, secondary_color: null, tertiary_color: null },
    hoist: init.hoist ?? false,
    mentionable: init.mentionable ?? false,
  };
}

// ---------------------------------------------------------------- channels

export type GuildChannel = APITextChannel | APINewsChannel | APIGuildCategoryChannel | APIGuildVoiceChannel;

export type ChannelKind = 'text' | 'announcement' | 'category' | 'voice';

export interface ChannelInit {
  id?: string;
  name?: string;
  /** Defaults to `'text'`. */
  type?: ChannelKind;
  topic?: string | null;
  /** Id or name of a category channel declared earlier in the same guild. */
  parent?: string;
  nsfw?: boolean;
  permissionOverwrites?: APIOverwrite[];
}

export function buildChannel(
  guildId: string,
  init: ChannelInit,
  position: number,
  parentId: string | null,
): GuildChannel {
  const common = {
    id: init.id ?? snowflake(),
    guild_id: guildId,
    name: init.name ?? `channel-${position}`,
    position,
    permission_overwrites: init.permissionOverwrites ?? [],
    nsfw: init.nsfw ?? false,
  };
  switch (init.type ?? 'text') {
    case 'category':
      return { ...common, type: ChannelType.GuildCategory, parent_id: null };
    case 'voice':
      return {
        ...common,
        type: ChannelType.GuildVoice,
        parent_id: parentId,
        bitrate: 64_000,
        user_limit: 0,
        rtc_region: null,
        last_message_id: null,
        rate_limit_per_user: 0,
      };
    case 'announcement':
      return { ...common, ...textFields(init, parentId), type: ChannelType.GuildAnnouncement };
    case 'text':
      return { ...common, ...textFields(init, parentId), type: ChannelType.GuildText };
  }
}

function textFields(init: ChannelInit, parentId: string | null) {
  return {
    parent_id: parentId,
    topic: init.topic ?? null,
    last_message_id: null,
    rate_limit_per_user: 0,
    last_pin_timestamp: null,
  };
}

export function isTextChannel(channel: GuildChannel): channel is APITextChannel | APINewsChannel {
  return channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement;
}

// ---------------------------------------------------------------- members

export interface MemberInit extends UserInit {
  /** Role ids or names from the same guild. */
  roles?: string[];
  nick?: string | null;
  joinedAt?: string;
}

export function buildMember(user: APIUser, roleIds: string[], init: MemberInit = {}): APIGuildMember {
  return {
    user,
    nick: init.nick ?? null,
    avatar: null,
    banner: null,
    roles: roleIds,
    joined_at: init.joinedAt ?? new Date().toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
  };
}

// ---------------------------------------------------------------- guilds

export interface GuildInit {
  id?: string;
  name?: string;
  /** Defaults to a single text channel named `general`. */
  channels?: ChannelInit[];
  roles?: RoleInit[];
  /**
   * Members besides the bot and the owner. The first one is who interactions come from by default;
   * when none are given, a member named `tester` (no roles) is created.
   */
  members?: MemberInit[];
  preferredLocale?: LocaleInput;
  /** Defaults to a generated `owner` member. */
  owner?: MemberInit;
  everyonePermissions?: PermissionsInput;
  /** Permissions of the bot's managed role. */
  botPermissions?: PermissionsInput;
}

export interface GuildBuildContext {
  botUser: APIUser;
}

/** Builds a complete GUILD_CREATE payload: channels, roles (incl. @everyone and the bot's role), members. */
export function buildGuild(init: GuildInit, context: GuildBuildContext): GuildFixture {
  const id = init.id ?? snowflake();
  const everyone = buildEveryoneRole(
    id,
    init.everyonePermissions === undefined
      ? DEFAULT_EVERYONE_PERMISSIONS
      : toPermissions(init.everyonePermissions),
  );
  const customRoles = (init.roles ?? []).map((role, index) => buildRole(role, index + 1));
  const botRole = buildBotRole(
    context.botUser,
    init.botPermissions === undefined ? DEFAULT_BOT_PERMISSIONS : toPermissions(init.botPermissions),
    customRoles.length + 1,
  );
  const roles = [everyone, ...customRoles, botRole];
  const channels = buildChannels(id, init.channels ?? [{ name: 'general' }]);
  const memberInits = init.members?.length ? init.members : [{ username: 'tester' }];
  const owner = memberFrom(init.owner ?? { username: 'owner' }, roles);
  const members = [
    ...memberInits.map((member) => memberFrom(member, roles)),
    owner,
    buildMember(context.botUser, [botRole.id]),
  ];
  const payload: GatewayGuildCreateDispatchData = {
    ...guildDefaults(),
    id,
    name: init.name ?? 'Test Guild',
    owner_id: owner.user.id,
    preferred_locale: (init.preferredLocale ?? 'en-US') as Locale,
    system_channel_id: channels.find(isTextChannel)?.id ?? null,
    roles,
    channels,
    members,
    member_count: members.length,
    joined_at: new Date().toISOString(),
  };
  return new GuildFixture(payload, context.botUser.id);
}

function buildChannels(guildId: string, inits: ChannelInit[]): GuildChannel[] {
  const channels: GuildChannel[] = [];
  for (const [index, init] of inits.entries()) {
    const parent = init.parent
      ? channels.find(
          (c) => c.type === ChannelType.GuildCategory && (c.id === init.parent || c.name === init.parent),
        )
      : undefined;
    if (init.parent && !parent)
      throw new Error(`Channel ${init.name}: no category "${init.parent}" declared before it`);
    channels.push(buildChannel(guildId, init, index, parent?.id ?? null));
  }
  return channels;
}

function memberFrom(init: MemberInit, roles: APIRole[]): APIGuildMember {
  const roleIds = (init.roles ?? []).map((ref) => findRole(roles, ref).id);
  return buildMember(buildUser(init), roleIds, init);
}

function findRole(roles: APIRole[], ref: string): APIRole {
  const role = roles.find((r) => r.id === ref) ?? roles.find((r) => r.name === ref);
  if (!role) throw new Error(`No role "${ref}" in this guild (have: ${roles.map((r) => r.name).join(', ')})`);
  return role;
}

function guildDefaults() {
  return {
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    afk_channel_id: null,
    afk_timeout: 300 as const,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    max_members: 500_000,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    large: false,
    unavailable: false,
    voice_states: [],
    presences: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A guild the fake knows about: its GUILD_CREATE payload plus finders that fail loudly. */
export class GuildFixture {
  constructor(
    readonly payload: GatewayGuildCreateDispatchData,
    readonly botUserId: string,
  ) {}

  get id(): string {
    return this.payload.id;
  }

  get name(): string {
    return this.payload.name;
  }

  get preferredLocale(): Locale {
    return this.payload.preferred_locale;
  }

  get channels(): GuildChannel[] {
    return this.payload.channels as GuildChannel[];
  }

  get roles(): APIRole[] {
    return this.payload.roles;
  }

  get members(): APIGuildMember[] {
    return this.payload.members;
  }

  /** By id or name; without an argument, the first text channel. */
  channel(ref?: string): GuildChannel {
    const channel =
      ref === undefined
        ? this.channels.find(isTextChannel)
        : (this.channels.find((c) => c.id === ref) ?? this.channels.find((c) => c.name === ref));
    if (!channel) throw new Error(`Guild ${this.name}: no channel ${ref ?? '(text)'}`);
    return channel;
  }

  role(ref: string): APIRole {
    return findRole(this.roles, ref);
  }

  /** By user id or username. */
  member(ref: string): APIGuildMember {
    const member =
      this.members.find((m) => m.user.id === ref) ?? this.members.find((m) => m.user.username === ref);
    if (!member) throw new Error(`Guild ${this.name}: no member ${ref}`);
    return member;
  }

  get botMember(): APIGuildMember {
    return this.member(this.botUserId);
  }

  get owner(): APIGuildMember {
    return this.member(this.payload.owner_id);
  }

  /** Who interactions come from unless a test picks someone: the first member declared. */
  get defaultMember(): APIGuildMember {
    const member = this.members[0];
    if (!member) throw new Error(`Guild ${this.name} has no members`);
    return member;
  }

  /** Guild-level permissions of a member: @everyone plus their roles; owners and administrators get all. */
  permissionsOf(member: APIGuildMember): bigint {
    if (member.user.id === this.payload.owner_id) return ALL_PERMISSIONS;
    const granted = [this.id, ...member.roles]
      .map((id) => this.roles.find((role) => role.id === id))
      .reduce((bits, role) => bits | (role ? BigInt(role.permissions) : 0n), 0n);
    return granted & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : granted;
  }
}
