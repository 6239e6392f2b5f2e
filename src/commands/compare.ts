import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../services/errors';
import type { Comparison } from '../services/radar';
import { described, named } from './shared/builders';
import { imageOf, rolesChart } from './shared/charts';
import { inGuild, parseOptions } from './shared/guard';
import { fitEmbed, joinLines, LIMITS } from './shared/limits';
import { resolveRole, roleChoices } from './shared/role';
import { skillName } from './shared/skill';
import { percent, safe } from './shared/text';
import { type Command, type Context, ephemeral, reply } from './types';

const optionsSchema = z.object({ a: z.string(), b: z.string() });
export const compareOptions = z.object({
  'role-a': z.string().trim().min(1).max(100),
  'role-b': z.string().trim().min(1).max(100),
});

const roleOptionNamed = (name: 'a' | 'b') => ({
  type: ApplicationCommandOptionType.String as const,
  ...named(name === 'a' ? 'role-a' : 'role-b', name === 'a' ? '직무1' : '직무2'),
  ...described(name === 'a' ? 'option.role-a.description' : 'option.role-b.description'),
  required: true,
  autocomplete: true,
  max_length: 100,
});

type Line = Comparison['both'][number];

/** The comparison as embed fields, shares of role a then role b. */
export function comparisonFields(ctx: Pick<Context, 't' | 'locale'>, c: Comparison) {
  const more = (count: number) => ctx.t('summary.more', { count });
  const both = (s: Line) => `**${safe(skillName(ctx, s))}** ${percent(s.a)} · ${percent(s.b)}`;
  const one = (share: number) => (s: Line) =>
    `**${safe(skillName(ctx, s))}** ${percent(share === 0 ? s.a : s.b)}`;
  const value = (lines: string[]) =>
    lines.length === 0 ? ctx.t('compare.none') : joinLines(lines, LIMITS.fieldValue, more);
  const a = c.a.label[ctx.locale];
  const b = c.b.label[ctx.locale];
  return [
    { name: `${ctx.t('compare.both')} (${a} · ${b})`, value: value(c.both.map(both)) },
    { name: ctx.t('compare.only', { role: a }), value: value(c.onlyA.map(one(0))), inline: true },
    { name: ctx.t('compare.only', { role: b }), value: value(c.onlyB.map(one(1))), inline: true },
    {
      name: `${ctx.t('compare.differences')} (${a} · ${b})`,
      value: value(
        c.differences.map((s) => `${both(s)} (${s.a > s.b ? '+' : '−'}${percent(Math.abs(s.a - s.b))})`),
      ),
    },
  ];
}

export const compare = {
  data: {
    ...named('compare', '비교'),
    ...described('command.compare.description'),
    contexts: [0],
    options: [roleOptionNamed('a'), roleOptionNamed('b')],
  },
  guildOnly: true,

  async execute(ctx) {
    inGuild(ctx);
    const raw = parseOptions(compareOptions, ctx);
    const options = optionsSchema.parse({ a: raw['role-a'], b: raw['role-b'] });
    const a = resolveRole(ctx, options.a);
    const b = resolveRole(ctx, options.b);
    if (a === b) throw new UserError('compare.same-role', { role: ctx.services.roles.label(a, ctx.locale) });
    const { comparison, summaries } = await ctx.services.radar.compare(ctx.guildId, a, b);
    const empty = summaries.find((s) => s.postings === 0);
    if (empty) return ephemeral({ content: ctx.t('compare.empty', { role: empty.roleLabel[ctx.locale] }) });
    await ctx.defer({ ephemeral: false });
    const title = ctx.t('compare.title', {
      a: comparison.a.label[ctx.locale],
      b: comparison.b.label[ctx.locale],
    });
    const files = await rolesChart(ctx.locale, summaries, ctx.services.clock.now(), {
      title,
      name: `compare-${a}-${b}.png`,
    });
    const embed = fitEmbed({
      color: 0x4f5bd5,
      title,
      description: ctx.t('compare.counts', {
        a: comparison.a.label[ctx.locale],
        an: comparison.a.postings,
        b: comparison.b.label[ctx.locale],
        bn: comparison.b.postings,
      }),
      fields: comparisonFields(ctx, comparison),
      ...imageOf(files),
    });
    return reply({ embeds: [embed], files });
  },

  autocomplete: (ctx, focused) => roleChoices(ctx, focused.value),
} satisfies Command;
