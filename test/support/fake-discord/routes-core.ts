import type { APIApplication, APIGuild, RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import type { GuildFixture } from './fixtures.js';
import { errors, ok, type Reply } from './http.js';
import { type Route, route } from './router.js';
import type { FakeState } from './state.js';

/** What discord.js asks for while logging in, plus users, the application and guild look-ups. */
export function coreRoutes(
  state: FakeState,
  gatewayUrl: () => string,
  recommended: { shards: number; maxConcurrency: number },
): Route[] {
  return [
    route('GET', '/gateway', () => ok({ url: gatewayUrl() })),
    route('GET', '/gateway/bot', () => ok(gatewayBot(gatewayUrl(), recommended))),
    route('GET', '/users/@me', () => ok(state.botUser)),
    route('GET', '/users/:userId', ({ params }) => {
      const user = findUser(state, params.userId ?? '');
      return user ? ok(user) : errors.unknownUser();
    }),
    route('GET', '/applications/@me', () => ok(application(state))),
    route('GET', '/oauth2/applications/@me', () => ok(application(state))),
    route('GET', '/guilds/:guildId', ({ params, query }) =>
      withGuild(state, params, (guild) => ok(restGuild(guild, query.get('with_counts') === 'true'))),
    ),
    route('GET', '/guilds/:guildId/channels', ({ params }) =>
      withGuild(state, params, (guild) => ok(guild.channels)),
    ),
    route('GET', '/guilds/:guildId/roles', ({ params }) =>
      withGuild(state, params, (guild) => ok(guild.roles)),
    ),
    route('GET', '/guilds/:guildId/members', ({ params, query }) =>
      withGuild(state, params, (guild) => ok(guild.members.slice(0, Number(query.get('limit') ?? 1)))),
    ),
    route('GET', '/guilds/:guildId/members/:userId', ({ params }) =>
      withGuild(state, params, (guild) => {
        const member = guild.members.find((m) => m.user.id === params.userId);
        return member ? ok(member) : errors.unknownMember();
      }),
    ),
  ];
}

function gatewayBot(
  url: string,
  { shards, maxConcurrency }: { shards: number; maxConcurrency: number },
): RESTGetAPIGatewayBotResult {
  return {
    url,
    shards,
    session_start_limit: {
      total: 1000,
      remaining: 999,
      reset_after: 14_400_000,
      max_concurrency: maxConcurrency,
    },
  };
}

function withGuild(
  state: FakeState,
  params: Record<string, string>,
  use: (guild: GuildFixture) => Reply,
): Reply {
  const guild = state.guilds.get(params.guildId ?? '');
  return guild ? use(guild) : errors.unknownGuild();
}

function findUser(state: FakeState, id: string) {
  if (id === state.botUser.id) return state.botUser;
  for (const guild of state.guilds.values()) {
    const member = guild.members.find((m) => m.user.id === id);
    if (member) return member.user;
  }
  return undefined;
}

/** A guild as REST returns it: no channels, members or other gateway-only fields. */
function restGuild(guild: GuildFixture, withCounts: boolean): APIGuild {
  const {
    channels: _channels,
    members: _members,
    threads: _threads,
    voice_states: _voiceStates,
    presences: _presences,
    stage_instances: _stageInstances,
    guild_scheduled_events: _events,
    soundboard_sounds: _sounds,
    joined_at: _joinedAt,
    large: _large,
    unavailable: _unavailable,
    member_count: memberCount,
    ...rest
  } = guild.payload;
  return withCounts
    ? { ...rest, approximate_member_count: memberCount, approximate_presence_count: 0 }
    : rest;
}

function application(state: FakeState): APIApplication {
  return {
    id: state.applicationId,
    name: state.botUser.username,
    icon: null,
    description: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot: state.botUser,
    verify_key: '0'.repeat(64),
    team: null,
    flags: 0,
    flags_new: '0',
    approximate_guild_count: state.guilds.size,
    summary: '',
    owner: { id: '1', username: 'owner', discriminator: '0', global_name: 'owner', avatar: null },
    redirect_uris: [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    event_webhooks_url: null,
    event_webhooks_status: 1,
  } as unknown as APIApplication;
}
