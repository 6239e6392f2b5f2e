import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import type { Trends } from '../services/radar';
import { TREND_MONTHS } from '../services/radar/trends';
import { described, named } from './shared/builders';
import { imageOf, monthLabels, trendsChart } from './shared/charts';
import { inGuild } from './shared/guard';
import { fitEmbed, joinLines, LIMITS } from './shared/limits';
import { parseOptions, wholeNumber } from './shared/options';
import { resolveRole, roleChoices, roleOption } from './shared/role';
import { skillName } from './shared/skill';
import { percent, safe } from './shared/text';
import { type Command, type Context, ephemeral, reply } from './types';

export const trendsOptions = z.object({
  role: z.string().trim().min(1).max(100),
  months: wholeNumber(1)
    .optional()
    .transform((m) => m ?? TREND_MONTHS.default),
});

const MOVES_SHOWN = 4;

/** "Kubernetes 12% → 31% since June", the largest moves first; or why there is no trend yet. */
export function trendsText(ctx: Pick<Context, 't' | 'locale'>, trends: Trends): string {
  const withPostings = trends.postings.filter((n) => n > 0).length;
  if (withPostings < 2) return ctx.t('trends.too-few', { months: withPostings });
  const labels = monthLabels(ctx.locale, trends.months);
  const month = (key: string) => labels[trends.months.indexOf(key)] ?? key;
  const lines = trends.moves.slice(0, MOVES_SHOWN).map((m) =>
    ctx.t('trends.move', {
      skill: safe(skillName(ctx, m)),
      from: percent(m.from),
      to: percent(m.to),
      month: month(m.since),
    }),
  );
  return lines.length > 0 ? lines.join('\n') : ctx.t('digest.steady', { week: labels[0] ?? '' });
}

export const trends = {
  data: {
    ...named('trends', '추세'),
    ...described('command.trends.description'),
    contexts: [0],
    options: [
      roleOption(true),
      {
        type: ApplicationCommandOptionType.Integer,
        ...named('months', '개월'),
        ...described('option.months.description'),
        min_value: TREND_MONTHS.min,
        max_value: TREND_MONTHS.max,
      },
    ],
  },
  guildOnly: true,

  async execute(ctx) {
    inGuild(ctx);
    const options = parseOptions(trendsOptions, ctx);
    const roleId = resolveRole(ctx, options.role);
    const result = await ctx.services.radar.trends(ctx.guildId, roleId, options.months);
    const role = result.roleLabel[ctx.locale];
    if (result.postings.every((n) => n === 0)) {
      return ephemeral({ content: ctx.t('trends.empty', { role, months: result.months.length }) });
    }
    await ctx.defer({ ephemeral: false });
    const files = await trendsChart(ctx.locale, result, ctx.services.clock.now());
    const labels = monthLabels(ctx.locale, result.months);
    const perMonth = labels.map((label, i) => `${label} **${result.postings[i] ?? 0}**`).join(' · ');
    const embed = fitEmbed({
      color: 0x4f5bd5,
      title: ctx.t('trends.title', { role }),
      description: trendsText(ctx, result),
      fields: [
        { name: ctx.t('trends.postings'), value: joinLines([perMonth], LIMITS.fieldValue, () => '…') },
      ],
      footer: { text: ctx.t('trends.footnote', { timeZone: result.timeZone }) },
      ...imageOf(files),
    });
    return reply({ embeds: [embed], files });
  },

  autocomplete: (ctx, focused) => roleChoices(ctx, focused.value),
} satisfies Command;
