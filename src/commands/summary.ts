import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { localized } from '../i18n';
import { described, named } from './shared/builders';
import { imageOf, summaryChart } from './shared/charts';
import { inGuild, parseOptions } from './shared/guard';
import { resolveRole, roleChoices, roleOption } from './shared/role';
import { summaryEmbed } from './shared/summary-embed';
import { type Command, ephemeral, reply } from './types';

const choice = (value: 'both' | 'required' | 'preferred') => {
  const name = localized(`choice.section.${value}`);
  return { name: name.en, name_localizations: { ko: name.ko }, value };
};

const optionsSchema = z.object({
  role: z.string(),
  section: z.enum(['both', 'required', 'preferred']).default('both'),
});

export const summary = {
  data: {
    ...named('summary', '요약'),
    ...described('command.summary.description'),
    contexts: [0],
    options: [
      roleOption(true),
      {
        type: ApplicationCommandOptionType.String,
        ...named('section', '항목'),
        ...described('option.section.description'),
        choices: [choice('both'), choice('required'), choice('preferred')],
      },
    ],
  },
  guildOnly: true,

  async execute(ctx) {
    inGuild(ctx);
    const options = parseOptions(optionsSchema, ctx);
    const roleId = resolveRole(ctx, options.role);
    const result = await ctx.services.summary.forRole(ctx.guildId, roleId);
    if (result.postings === 0) {
      return ephemeral({ content: ctx.t('summary.empty', { role: result.roleLabel[ctx.locale] }) });
    }
    const own = await ctx.services.imports.authorSummary(ctx.guildId, roleId);
    await ctx.defer({ ephemeral: false });
    const files = summaryChart(ctx.locale, result, ctx.services.clock.now());
    return reply({
      embeds: [{ ...summaryEmbed(ctx, result, options.section, own?.text), ...imageOf(files) }],
      files,
    });
  },

  autocomplete: (ctx, focused) => roleChoices(ctx, focused.value),
} satisfies Command;
