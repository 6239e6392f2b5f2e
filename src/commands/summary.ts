import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { localized } from '../i18n';
import { inGuild, parseOptions } from './shared/guard';
import { resolveRole, roleChoices, roleOption } from './shared/role';
import { summaryEmbed } from './shared/summary-embed';
import { type Command, ephemeral, reply } from './types';

const description = localized('command.summary.description');
const sectionDescription = localized('option.section.description');
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
    name: 'summary',
    name_localizations: { ko: '요약' },
    description: description.en,
    description_localizations: { ko: description.ko },
    contexts: [0],
    options: [
      roleOption(true),
      {
        type: ApplicationCommandOptionType.String,
        name: 'section',
        name_localizations: { ko: '항목' },
        description: sectionDescription.en,
        description_localizations: { ko: sectionDescription.ko },
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
    return reply({ embeds: [summaryEmbed(ctx, result, options.section, own?.text)] });
  },

  autocomplete: (ctx, focused) => roleChoices(ctx, focused.value),
} satisfies Command;
