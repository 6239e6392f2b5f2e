import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../services/errors';
import { described, named } from './shared/builders';
import { imageOf, matchChart } from './shared/charts';
import { inGuild, parseOptions } from './shared/guard';
import { matchEmbed } from './shared/match-embed';
import { resolveRole, roleChoices, roleOption } from './shared/role';
import { type Command, ephemeral } from './types';

export const matchOptions = z.object({
  role: z.string().trim().min(1).max(100),
  member: z.string().optional(),
});

/** The caller's profile against a role. Ephemeral: the answer tells what the member's profile holds. */
export const match = {
  data: {
    ...named('match', '매칭'),
    ...described('command.match.description'),
    contexts: [0],
    options: [
      roleOption(true),
      {
        type: ApplicationCommandOptionType.User,
        ...named('member', '멤버'),
        ...described('option.member.description'),
      },
    ],
  },
  guildOnly: true,

  async execute(ctx) {
    inGuild(ctx);
    const options = parseOptions(matchOptions, ctx);
    if (options.member && options.member !== ctx.userId) throw new UserError('profile.private');
    const roleId = resolveRole(ctx, options.role);
    const result = await ctx.services.radar.match(ctx.guildId, ctx.userId, roleId);
    if (result.postings === 0) {
      return ephemeral({ content: ctx.t('match.empty-role', { role: result.roleLabel[ctx.locale] }) });
    }
    await ctx.defer({ ephemeral: true });
    const files = await matchChart(ctx.locale, result, ctx.services.clock.now());
    return ephemeral({ embeds: [{ ...matchEmbed(ctx, result), ...imageOf(files) }], files });
  },

  autocomplete: (ctx, focused) => roleChoices(ctx, focused.value),
} satisfies Command;
