import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessage,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  GatewayDispatchEvents,
} from 'discord-api-types/v10';
import { buildDirectCommandInteraction, type DirectCommandInit } from './direct-messages.js';
import type { FailureInit, FailureRule } from './failures.js';
import { FakeInteraction, type WaitOptions } from './fake-interaction.js';
import { DEFAULT_WAIT_MS } from './feed.js';
import { buildGuild, buildUser, type GuildFixture, type GuildInit, type UserInit } from './fixtures.js';
import { Gateway, type GatewayReady, type GatewayReceived } from './gateway.js';
import { errors, writeReply } from './http.js';
import {
  type AutocompleteInit,
  buildAutocompleteInteraction,
  buildCommandInteraction,
  buildComponentInteraction,
  buildModalSubmitInteraction,
  type CommandInit,
  type ComponentInit,
  type ModalSubmitInit,
} from './interactions.js';
import { RestApi } from './rest.js';
import { FakeServer } from './server.js';
import { snowflake } from './snowflake.js';
import { FakeState } from './state.js';
import type { RecordedMessage, RecordedRequest } from './types.js';

export type { DirectCommandInit } from './direct-messages.js';
export type { FailureInit, FailureRule } from './failures.js';
export { FakeInteraction, type InteractionCallback, type WaitOptions } from './fake-interaction.js';
export type { ChannelInit, GuildFixture, GuildInit, MemberInit, RoleInit, UserInit } from './fixtures.js';
export type { GatewayReady, GatewayReceived } from './gateway.js';
export type {
  AutocompleteInit,
  CommandInit,
  ComponentInit,
  InteractionContextInit,
  ModalSubmitInit,
  OptionValue,
  RawOption,
} from './interactions.js';
export { snowflake } from './snowflake.js';
export type { MessageSource, RecordedMessage, RecordedRequest, UploadedFile } from './types.js';

export interface FakeDiscordOptions {
  applicationId?: string;
  /** The bot's user; its id defaults to the application id, as for real bots. */
  botUser?: UserInit;
  /** Defaults to a random, realistic-looking token. */
  token?: string;
  /** Guilds to add right away. */
  guilds?: GuildInit[];
  /** HELLO's heartbeat interval (Discord: ~41 s). Lower it to see heartbeats in a short test. */
  heartbeatIntervalMs?: number;
  /** How long an interaction can go unanswered before its callback fails with 10062 (Discord: 3000). */
  callbackDeadlineMs?: number;
  /** How long an `enforce_nonce` nonce is remembered (Discord: "a few minutes"). */
  nonceWindowMs?: number;
  /** Discord's global rate limit (50 requests a second): unset, the fake never limits on its own. */
  globalRateLimit?: number;
  /** What `GET /gateway/bot` recommends: `shards` (default 1) and `max_concurrency` (default 1). */
  recommendedShards?: number;
  maxConcurrency?: number;
}

/**
 * A local, in-memory Discord that the real discord.js `Client` and `REST` log in to and talk to:
 * REST under `apiUrl`, the gateway at `gatewayUrl`, both on one 127.0.0.1 port.
 */
export class FakeDiscord {
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly token: string;
  readonly #state: FakeState;
  readonly #rest: RestApi;
  readonly #gateway: Gateway;
  #server: FakeServer | undefined;
  #closed = false;

  private constructor(options: FakeDiscordOptions) {
    this.applicationId = options.applicationId ?? snowflake();
    this.botUser = buildUser({
      id: this.applicationId,
      username: 'Role Radar',
      ...options.botUser,
      bot: true,
    });
    this.token = options.token ?? fakeToken(this.botUser.id);
    this.#state = new FakeState({
      applicationId: this.applicationId,
      botUser: this.botUser,
      token: this.token,
      callbackDeadlineMs: options.callbackDeadlineMs ?? 3_000,
      nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
    });
    this.#rest = new RestApi(this.#state, () => this.gatewayUrl, {
      ...(options.globalRateLimit !== undefined ? { globalRateLimit: options.globalRateLimit } : {}),
      shards: options.recommendedShards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
    });
    this.#gateway = new Gateway({
      state: this.#state,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      url: () => this.gatewayUrl,
    });
    for (const guild of options.guilds ?? []) this.addGuild(guild);
  }

  /** Starts the fake on 127.0.0.1 with a free port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const discord = new FakeDiscord(options);
    discord.#server = await FakeServer.listen({
      request: (req, res, url) => discord.#handleHttp(req, res, url),
      upgrade: (req, socket, head, url) => discord.#gateway.handleUpgrade(req, socket, head, url),
    });
    discord.#state.baseUrl = discord.#server.origin;
    return discord;
  }

  // ---------------------------------------------------------------- addresses

  get origin(): string {
    if (!this.#server) throw new Error('fake Discord is not listening');
    return this.#server.origin;
  }

  /** `http://127.0.0.1:PORT/api`: pass as `rest: { api }` to the Client and to `new REST({ api })`. */
  get apiUrl(): string {
    return `${this.origin}/api`;
  }

  /** What `GET /gateway/bot` hands out. */
  get gatewayUrl(): string {
    return this.origin.replace(/^http/, 'ws');
  }

  // ---------------------------------------------------------------- guilds

  /** Adds a guild: part of READY/GUILD_CREATE at identify, and sent as GUILD_CREATE right away if connected. */
  addGuild(init: GuildInit = {}): GuildFixture {
    const guild = buildGuild(init, { botUser: this.botUser });
    if (this.#state.guilds.has(guild.id)) throw new Error(`Guild ${guild.id} exists already`);
    this.#state.guilds.set(guild.id, guild);
    this.#gateway.dispatch(GatewayDispatchEvents.GuildCreate, guild.payload);
    return guild;
  }

  /** Removes the bot from a guild: GUILD_DELETE. */
  removeGuild(id: string): void {
    if (!this.#state.guilds.delete(id)) throw new Error(`No guild ${id}`);
    this.#gateway.dispatch(GatewayDispatchEvents.GuildDelete, { id, unavailable: false });
  }

  /** A guild by id; without one, the first guild added. */
  guild(id?: string): GuildFixture {
    return this.#state.guild(id);
  }

  // ---------------------------------------------------------------- gateway

  /** Resolves once a client has identified (or resumed) and been sent READY and its guilds. */
  waitForReady(options: WaitOptions = {}): Promise<GatewayReady> {
    return this.#gateway.waitForReady(options);
  }

  /** Sends any dispatch event (e.g. `GUILD_MEMBER_ADD`) to connected clients. */
  dispatch(event: GatewayDispatchEvents | string, data: unknown): void {
    this.#gateway.dispatch(event, data);
  }

  /** Whether a client is connected to the gateway with a live session right now. */
  get gatewayConnected(): boolean {
    return this.#gateway.connected;
  }

  /** The `[shard_id, num_shards]` of each connected session (undefined for an unsharded one). */
  get gatewayShards(): ([number, number] | undefined)[] {
    return this.#gateway.shards;
  }

  /** Every READY/RESUMED the fake sent, in order: tells identifies from resumes. */
  get gatewayReadies(): readonly GatewayReady[] {
    return this.#gateway.readies;
  }

  /** Every payload clients sent over the gateway (heartbeats, identify, resume…), tokens redacted. */
  get gatewayLog(): readonly GatewayReceived[] {
    return this.#gateway.received;
  }

  /** Op 7 RECONNECT: discord.js reconnects and resumes. */
  requestReconnect(): void {
    this.#gateway.requestReconnect();
  }

  /** Closes gateway connections with `code` (default 4000: discord.js resumes). */
  dropGatewayConnections(code?: number): void {
    this.#gateway.dropConnections(code);
  }

  // ---------------------------------------------------------------- interactions

  /** Dispatches a chat-input command (type 2). Option types come from the registered command if any. */
  sendCommand(init: CommandInit): FakeInteraction<APIChatInputApplicationCommandInteraction> {
    return this.#send(buildCommandInteraction(this.#state, init));
  }

  /** Dispatches an autocomplete request (type 4) with one focused option. */
  sendAutocomplete(init: AutocompleteInit): FakeInteraction<APIApplicationCommandAutocompleteInteraction> {
    return this.#send(buildAutocompleteInteraction(this.#state, init));
  }

  /** Dispatches a component interaction (type 3): a button click by default. */
  sendComponent(init: ComponentInit): FakeInteraction<APIMessageComponentInteraction> {
    return this.#send(buildComponentInteraction(this.#state, init));
  }

  /** Dispatches a modal submission (type 5) with text inputs in action rows. */
  sendModalSubmit(init: ModalSubmitInit): FakeInteraction<APIModalSubmitInteraction> {
    return this.#send(buildModalSubmitInteraction(this.#state, init));
  }

  /** Dispatches a chat-input command used in a DM with the bot: no guild, no member (see direct-messages.ts). */
  sendDirectCommand(init: DirectCommandInit): FakeInteraction<APIChatInputApplicationCommandInteraction> {
    return this.#send(buildDirectCommandInteraction(this.#state, init));
  }

  #send<Payload extends APIInteraction>(payload: Payload): FakeInteraction<Payload> {
    if (!this.#gateway.hasSession) {
      throw new Error('No gateway session: log a client in (and await discord.waitForReady()) first');
    }
    const interaction = new FakeInteraction(payload);
    this.#state.interactions.set(interaction.id, interaction);
    this.#gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return interaction;
  }

  // ---------------------------------------------------------------- what the bot did

  /** Messages the bot POSTed to a channel, in order (one per created message: nonce retries are not doubled). */
  channelMessages(channelId: string): readonly RecordedMessage[] {
    return this.#state.channelFeed(channelId).items;
  }

  /** Resolves once the bot has POSTed at least `count` messages to the channel. */
  async waitForChannelMessages(
    channelId: string,
    count = 1,
    { timeoutMs = DEFAULT_WAIT_MS }: WaitOptions = {},
  ): Promise<readonly RecordedMessage[]> {
    const feed = this.#state.channelFeed(channelId);
    if (count <= 0) return feed.items;
    await feed.at(
      count - 1,
      timeoutMs,
      () => `${count} message(s) in channel ${channelId} (got ${feed.items.length})`,
    );
    return feed.items;
  }

  /** A message as the fake stores it now (after edits), or undefined (never created, or deleted). */
  message(id: string): APIMessage | undefined {
    return this.#state.messages.get(id);
  }

  /** Registered commands: global ones, or one guild's. */
  commands({ guildId }: { guildId?: string } = {}): APIApplicationCommand[] {
    return guildId === undefined
      ? this.#state.globalCommands.list()
      : this.#state.guildCommands(guildId).list();
  }

  /** Every REST request received, in order. */
  get requests(): readonly RecordedRequest[] {
    return this.#state.requests;
  }

  /** Requests that matched no route (answered 404 `{message, code: 0}`): usually a sign of a missing fake route. */
  get unknownRequests(): readonly RecordedRequest[] {
    return this.#state.requests.filter(
      (r) => r.status === 404 && (r.response as { code?: number }).code === 0,
    );
  }

  /** REST requests answered 429 (injected or over the global limit). */
  get rateLimited(): readonly RecordedRequest[] {
    return this.#state.requests.filter((r) => r.status === 429);
  }

  /** Makes the next matching REST request(s) fail; see `FailureInit`. */
  failNext(init: FailureInit): FailureRule {
    return this.#rest.failures.add(init);
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Stops everything: pending waits reject, gateway connections close with 4004 (so a client that is
   * still logged in stops instead of reconnecting forever; destroy clients first to avoid its
   * `shardError`), then the HTTP server closes.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#state.close('fake Discord closed');
    await this.#gateway.close();
    await this.#server?.close();
  }

  async #handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (RestApi.handles(url.pathname)) return this.#rest.handle(req, res, url);
    const attachment = /^\/attachments\/\d+\/(\d+)\//.exec(url.pathname);
    const stored = attachment?.[1] ? this.#state.cdn.get(attachment[1]) : undefined;
    if (req.method === 'GET' && stored) {
      writeReply(res, { status: 200, raw: { data: stored.file.data, contentType: stored.file.contentType } });
      return;
    }
    writeReply(res, errors.notFound());
  }
}

/** Starts a fake Discord on 127.0.0.1 with a free port. */
export function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return FakeDiscord.start(options);
}

/** Shaped like a real bot token: base64 user id, timestamp part, HMAC part. */
function fakeToken(userId: string): string {
  const id = Buffer.from(userId).toString('base64url');
  return `${id}.${randomBytes(4).toString('base64url')}.${randomBytes(28).toString('base64url')}`;
}
