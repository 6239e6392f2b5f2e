import { UserError } from '../../services/errors';

export { parseOptions, postingId } from './options';

import type { Context, GuildContext } from '../types';

export function inGuild(ctx: Context): asserts ctx is GuildContext {
  if (!ctx.guildId) throw new UserError('guild.only');
}
