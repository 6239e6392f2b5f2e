import { z } from 'zod';
import { UserError } from '../../services/errors';
import type { Context, GuildContext } from '../types';

export function inGuild(ctx: Context): asserts ctx is GuildContext {
  if (!ctx.guildId) throw new UserError('guild.only');
}

/** Parses a command's options with its schema; a mismatch is the member's input, not a crash. */
export function parseOptions<T extends z.ZodType>(schema: T, ctx: Context): z.infer<T> {
  const parsed = schema.safeParse(ctx.options);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'input');
    throw new UserError('input.invalid', { field });
  }
  return parsed.data;
}

export const postingId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
