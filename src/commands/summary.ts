import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { described, named } from './shared/builders';
import { imageOf, summaryChart } from './shared/charts';
import { inGuild } from './shared/guard';
import { choiceSet, parseOptions } from './shared/options';
import { resolveRole, roleChoices, roleOption } from './shared/role';
import { summaryEmbed } from './shared/summary-embed';
import { type Command, ephemeral, reply } from './types';

/** Which list of a summary to show; the CLI's `--section` takes the same words. */
export const sectionChoices = choiceSet([
  {
    value: 'both',
    label: 'choice.section.both',
    words: { en: ['both', 'all', 'either'], ko: ['전체', '모두', '둘다'] },
  },
  {
    value: 'required',
    label: 'choice.section.required',
    words: { en: ['required', 'requirements', 'req'], ko: ['자격요건', '자격', '필수'] },
  },
  {
    value: 'preferred',
    label: 'choice.section.preferred',
    words: { en: ['preferred', 'pref', 'plus'], ko: ['우대사항', '우대'] },
  },
] as const);

export const summaryOptions = z.object({
  role: z.string().trim().min(1).max(100),
  section: sectionChoices.schema.optional().transform((v) => v ?? 'both'),
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
        choices: sectionChoices.discord,
      },
    ],
  },
  guildOnly: true,

  async execute(ctx) {
    inGuild(ctx);
    const options = parseOptions(summaryOptions, ctx);
    const roleId = resolveRole(ctx, options.role);
    const result = await ctx.services.summary.forRole(ctx.guildId, roleId);
    if (result.postings === 0) {
      return ephemeral({ content: ctx.t('summary.empty', { role: result.roleLabel[ctx.locale] }) });
    }
    const own = await ctx.services.imports.authorSummaries(ctx.guildId, roleId);
    await ctx.defer({ ephemeral: false });
    const files = await summaryChart(ctx.locale, result, ctx.services.clock.now());
    return reply({
      embeds: [{ ...summaryEmbed(ctx, result, options.section, own), ...imageOf(files) }],
      files,
    });
  },

  autocomplete: (ctx, focused) => roleChoices(ctx, focused.value),
} satisfies Command;
