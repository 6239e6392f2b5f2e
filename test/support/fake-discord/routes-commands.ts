import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { CommandRegistry } from './commands.js';
import { created, discordError, errors, NO_CONTENT, ok, type Reply } from './http.js';
import { type Route, type RouteContext, route } from './router.js';
import type { FakeState } from './state.js';
import { validateCommands } from './validation.js';

/** Global and guild application commands: bulk overwrite (PUT), create, list, get, edit, delete. */
export function commandRoutes(state: FakeState): Route[] {
  const scopes = [
    '/applications/:applicationId/commands',
    '/applications/:applicationId/guilds/:guildId/commands',
  ];
  return scopes.flatMap((base) => [
    route('GET', base, (c) => inScope(state, c, (registry) => ok(registry.list()))),
    route('PUT', base, (c) => inScope(state, c, (registry) => overwrite(registry, c.body))),
    route('POST', base, (c) => inScope(state, c, (registry) => create(registry, c.body))),
    route('GET', `${base}/:commandId`, (c) =>
      inScope(state, c, (registry) => {
        const command = registry.get(c.params.commandId ?? '');
        return command ? ok(command) : errors.unknownCommand();
      }),
    ),
    route('PATCH', `${base}/:commandId`, (c) =>
      inScope(state, c, (registry) => {
        const command = registry.edit(
          c.params.commandId ?? '',
          (c.body ?? {}) as RESTPostAPIApplicationCommandsJSONBody,
        );
        return command ? ok(command) : errors.unknownCommand();
      }),
    ),
    route('DELETE', `${base}/:commandId`, (c) =>
      inScope(state, c, (registry) =>
        registry.delete(c.params.commandId ?? '') ? NO_CONTENT : errors.unknownCommand(),
      ),
    ),
  ]);
}

function inScope(
  state: FakeState,
  { params }: RouteContext,
  use: (registry: CommandRegistry) => Reply,
): Reply {
  if (params.applicationId !== state.applicationId) return discordError(403, 50001, 'Missing Access');
  if (params.guildId === undefined) return use(state.globalCommands);
  // Discord refuses guild commands for guilds the application is not in.
  if (!state.guilds.has(params.guildId)) return discordError(403, 50001, 'Missing Access');
  return use(state.guildCommands(params.guildId));
}

function overwrite(registry: CommandRegistry, body: unknown): Reply {
  if (!Array.isArray(body))
    return errors.invalidFormBody({ _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }] });
  const bodies = body as RESTPostAPIApplicationCommandsJSONBody[];
  return validateCommands(bodies) ?? ok(registry.overwrite(bodies));
}

function create(registry: CommandRegistry, body: unknown): Reply {
  const command = body as RESTPostAPIApplicationCommandsJSONBody;
  const invalid = validateCommands([command]);
  if (invalid) return invalid;
  const result = registry.upsert(command);
  return result.created ? created(result.command) : ok(result.command);
}
