import {
  type APIApplicationCommand,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { snowflake } from './snowflake.js';

/** The commands registered in one scope (global, or one guild), as Discord would store them. */
export class CommandRegistry {
  readonly #commands = new Map<string, APIApplicationCommand>();

  constructor(
    private readonly applicationId: string,
    private readonly guildId: string | undefined,
  ) {}

  list(): APIApplicationCommand[] {
    return [...this.#commands.values()];
  }

  get(id: string): APIApplicationCommand | undefined {
    return this.#commands.get(id);
  }

  find(name: string, type = ApplicationCommandType.ChatInput): APIApplicationCommand | undefined {
    return this.list().find((c) => c.name === name && c.type === type);
  }

  /** PUT: replaces everything; commands keep their id when a same-named one existed. */
  overwrite(bodies: RESTPostAPIApplicationCommandsJSONBody[]): APIApplicationCommand[] {
    const previous = this.list();
    this.#commands.clear();
    for (const body of bodies) {
      const existing = previous.find(
        (c) => c.name === body.name && c.type === (body.type ?? ApplicationCommandType.ChatInput),
      );
      this.#store(body, existing?.id);
    }
    return this.list();
  }

  /** POST: creates, or replaces the command with the same name and type. */
  upsert(body: RESTPostAPIApplicationCommandsJSONBody): { command: APIApplicationCommand; created: boolean } {
    const existing = this.find(body.name, body.type ?? ApplicationCommandType.ChatInput);
    return { command: this.#store(body, existing?.id), created: !existing };
  }

  edit(
    id: string,
    patch: Partial<RESTPostAPIApplicationCommandsJSONBody>,
  ): APIApplicationCommand | undefined {
    const existing = this.#commands.get(id);
    if (!existing) return undefined;
    return this.#store({ ...existing, ...patch } as RESTPostAPIApplicationCommandsJSONBody, id);
  }

  delete(id: string): boolean {
    return this.#commands.delete(id);
  }

  #store(body: RESTPostAPIApplicationCommandsJSONBody, id = snowflake()): APIApplicationCommand {
    const command = {
      ...body,
      id,
      application_id: this.applicationId,
      ...(this.guildId ? { guild_id: this.guildId } : {}),
      type: body.type ?? ApplicationCommandType.ChatInput,
      description: 'description' in body ? (body.description ?? '') : '',
      default_member_permissions: body.default_member_permissions ?? null,
      nsfw: body.nsfw ?? false,
      integration_types: body.integration_types ?? [ApplicationIntegrationType.GuildInstall],
      contexts: body.contexts ?? [
        InteractionContextType.Guild,
        InteractionContextType.BotDM,
        InteractionContextType.PrivateChannel,
      ],
      version: snowflake(),
    } as APIApplicationCommand;
    this.#commands.set(id, command);
    return command;
  }
}
