import { randomBytes } from 'node:crypto';
import { userErrorMessage } from '../i18n/user-error';
import type { Logger } from '../logger';
import { isUserError, UserError } from '../services/errors';
import { StoreCorruptionError } from '../services/store/repository';
import { commandByName, commandForCustomId } from './index';
import type { Choice, Context, Response } from './types';

export type Invocation =
  | { kind: 'command'; name: string }
  | { kind: 'modal'; customId: string; fields: Record<string, string> }
  /** A button press, or a select menu's choice (`values`). */
  | { kind: 'component'; customId: string; values?: string[] };

/** A short id a member can quote, also found in the log line of the failure. */
export const newErrorId = () => randomBytes(4).toString('hex');

/** Runs one invocation; a member's mistake is thrown as a UserError, for the caller to say or to act on. */
export async function execute(ctx: Context, invocation: Invocation): Promise<Response> {
  const command =
    invocation.kind === 'command'
      ? commandByName.get(invocation.name)
      : commandForCustomId(invocation.customId);
  if (!command) throw new Error(`no command for ${JSON.stringify(invocation)}`);
  if (command.guildOnly && !ctx.guildId) throw new UserError('guild.only');
  switch (invocation.kind) {
    case 'command':
      return await command.execute(ctx);
    case 'modal':
      if (!command.modalSubmit) throw new Error(`${command.data.name} has no modal`);
      return await command.modalSubmit(ctx, invocation.customId, invocation.fields);
    case 'component':
      if (!command.component) throw new Error(`${command.data.name} has no components`);
      return await command.component(ctx, invocation.customId, invocation.values ?? []);
  }
}

/**
 * Runs one invocation and always comes back with something to answer: a member's mistake becomes a message
 * in their language; anything else is logged with an id the member can quote, and the process goes on.
 */
export async function dispatch(ctx: Context, invocation: Invocation, logger: Logger): Promise<Response> {
  try {
    return await execute(ctx, invocation);
  } catch (error) {
    return failure(ctx, error, logger, invocation);
  }
}

export function failure(ctx: Context, error: unknown, logger: Logger, invocation: unknown): Response {
  if (isUserError(error)) return errorReply(userErrorMessage(ctx.t, ctx.locale, error));
  const errorId = newErrorId();
  const err = error instanceof Error ? error : new Error(String(error));
  logger.error(
    {
      err,
      errorId,
      invocation,
      guildId: ctx.guildId,
      userId: ctx.userId,
      corrupt: err instanceof StoreCorruptionError,
    },
    'command failed',
  );
  return errorReply(ctx.t('error.unexpected', { errorId }));
}

const errorReply = (content: string): Response => ({ type: 'reply', reply: { content, ephemeral: true } });

/** Autocomplete never shows an error: it answers with no choices and logs what went wrong. */
export async function autocomplete(
  ctx: Context,
  name: string,
  focused: { name: string; value: string },
  logger: Logger,
): Promise<Choice[]> {
  try {
    const command = commandByName.get(name);
    if (!command?.autocomplete) return [];
    return (await command.autocomplete(ctx, focused)).slice(0, 25);
  } catch (error) {
    logger.warn({ err: error, command: name, focused: focused.name }, 'autocomplete failed');
    return [];
  }
}
