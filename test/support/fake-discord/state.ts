import type { APIApplicationCommand, APIInteraction, APIUser } from 'discord-api-types/v10';
import { AttachmentCdn } from './cdn.js';
import { CommandRegistry } from './commands.js';
import type { FakeInteraction } from './fake-interaction.js';
import { Feed } from './feed.js';
import type { GuildChannel, GuildFixture } from './fixtures.js';
import type { InteractionWorld } from './interactions.js';
import { MessageStore } from './messages.js';
import type { RecordedMessage, RecordedRequest } from './types.js';

export interface FakeStateOptions {
  applicationId: string;
  botUser: APIUser;
  token: string;
  /** How long after dispatch an interaction can still be answered (Discord: 3 s). */
  callbackDeadlineMs: number;
  /** How long Discord remembers an `enforce_nonce` nonce. */
  nonceWindowMs: number;
}

/** Everything the fake Discord knows: guilds, commands, messages, interactions and the request log. */
export class FakeState implements InteractionWorld {
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly token: string;
  readonly callbackDeadlineMs: number;
  readonly nonceWindowMs: number;
  readonly guilds = new Map<string, GuildFixture>();
  readonly globalCommands: CommandRegistry;
  readonly #guildCommands = new Map<string, CommandRegistry>();
  readonly cdn: AttachmentCdn;
  readonly messages: MessageStore;
  readonly interactions = new Map<string, FakeInteraction>();
  readonly requests: RecordedRequest[] = [];
  readonly #channelMessages = new Map<string, Feed<RecordedMessage>>();
  readonly #nonces = new Map<string, { messageId: string; at: number }>();
  readonly #modalOpeners = new Map<string, FakeInteraction>();
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  baseUrl = '';

  constructor(options: FakeStateOptions) {
    this.applicationId = options.applicationId;
    this.botUser = options.botUser;
    this.token = options.token;
    this.callbackDeadlineMs = options.callbackDeadlineMs;
    this.nonceWindowMs = options.nonceWindowMs;
    this.globalCommands = new CommandRegistry(this.applicationId, undefined);
    this.cdn = new AttachmentCdn(() => this.baseUrl);
    this.messages = new MessageStore(this.cdn);
  }

  guild(id?: string): GuildFixture {
    const guild = id === undefined ? this.guilds.values().next().value : this.guilds.get(id);
    if (!guild)
      throw new Error(id === undefined ? 'No guild yet: call discord.addGuild() first' : `No guild ${id}`);
    return guild;
  }

  guildOfChannel(channelId: string): GuildFixture | undefined {
    return [...this.guilds.values()].find((g) => g.channels.some((c) => c.id === channelId));
  }

  channel(channelId: string): { guild: GuildFixture; channel: GuildChannel } | undefined {
    const guild = this.guildOfChannel(channelId);
    const channel = guild?.channels.find((c) => c.id === channelId);
    return guild && channel ? { guild, channel } : undefined;
  }

  guildCommands(guildId: string): CommandRegistry {
    let registry = this.#guildCommands.get(guildId);
    if (!registry) {
      registry = new CommandRegistry(this.applicationId, guildId);
      this.#guildCommands.set(guildId, registry);
    }
    return registry;
  }

  findCommand(name: string, guildId: string): APIApplicationCommand | undefined {
    return this.#guildCommands.get(guildId)?.find(name) ?? this.globalCommands.find(name);
  }

  channelFeed(channelId: string): Feed<RecordedMessage> {
    let feed = this.#channelMessages.get(channelId);
    if (!feed) {
      feed = new Feed();
      this.#channelMessages.set(channelId, feed);
    }
    return feed;
  }

  /** The message an earlier POST with this nonce created, if Discord would still remember it. */
  messageForNonce(channelId: string, nonce: string | number): string | undefined {
    const seen = this.#nonces.get(`${channelId}:${nonce}`);
    return seen && Date.now() - seen.at < this.nonceWindowMs ? seen.messageId : undefined;
  }

  rememberNonce(channelId: string, nonce: string | number, messageId: string): void {
    this.#nonces.set(`${channelId}:${nonce}`, { messageId, at: Date.now() });
  }

  modalOpener(customId: string): APIInteraction | undefined {
    return this.#modalOpeners.get(customId)?.payload;
  }

  rememberModal(customId: string, opener: FakeInteraction): void {
    this.#modalOpeners.set(customId, opener);
  }

  findInteraction(id: string, token: string): FakeInteraction | undefined {
    const interaction = this.interactions.get(id);
    return interaction?.token === token ? interaction : undefined;
  }

  findInteractionByToken(token: string): FakeInteraction | undefined {
    return [...this.interactions.values()].find((i) => i.token === token);
  }

  close(reason: string): void {
    for (const interaction of this.interactions.values()) interaction.close(reason);
    for (const feed of this.#channelMessages.values()) feed.close(reason);
  }
}
