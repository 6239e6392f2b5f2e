import { REST, Routes } from 'discord.js';
import type {
  APIApplication,
  RESTPutAPIApplicationCommandsResult,
  RESTPutAPIApplicationGuildCommandsResult,
} from 'discord-api-types/v10';
import { commands } from '../commands/index';

export interface DeployOptions {
  token: string;
  applicationId: string;
  /** Registers in this server only (instant, for development); globally when unset. */
  guildId?: string | undefined;
  /** `DISCORD_API_URL`; Discord's own API when unset. */
  api?: string | undefined;
}

export interface DeployResult {
  scope: 'guild' | 'global';
  guildId?: string;
  /** The commands as Discord stored them: name and id. */
  commands: { id: string; name: string }[];
}

const restClient = (token: string, api: string | undefined) =>
  new REST({ version: '10', ...(api ? { api } : {}) }).setToken(token);

/**
 * Registers every command of the registry with one bulk overwrite: guild-scoped when a guild id is given,
 * global otherwise. A PUT replaces the whole set, so running it again changes nothing, and commands that
 * were removed from the registry disappear.
 */
export async function deployCommands({
  token,
  applicationId,
  guildId,
  api,
}: DeployOptions): Promise<DeployResult> {
  const rest = restClient(token, api);
  const body = commands.map((command) => command.data);
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const stored = (await rest.put(route, { body })) as
    | RESTPutAPIApplicationCommandsResult
    | RESTPutAPIApplicationGuildCommandsResult;
  return {
    scope: guildId ? 'guild' : 'global',
    ...(guildId ? { guildId } : {}),
    commands: stored.map((command) => ({ id: command.id, name: command.name })),
  };
}

/** The application a bot token belongs to, for when DISCORD_CLIENT_ID is not set. */
export async function fetchApplicationId({
  token,
  api,
}: Pick<DeployOptions, 'token' | 'api'>): Promise<string> {
  const application = (await restClient(token, api).get(Routes.currentApplication())) as APIApplication;
  return application.id;
}
