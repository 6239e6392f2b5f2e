import { z } from 'zod';
import type { SkillDetail } from '../services/radar';
import { described, named } from './shared/builders';
import { linkTarget } from './shared/digest-embed';
import { inGuild, parseOptions } from './shared/guard';
import { fitEmbed, joinLines, LIMITS, truncate } from './shared/limits';
import { skillChoices, skillName, skillOption } from './shared/skill';
import { percent, safe } from './shared/text';
import { type Command, type Context, reply } from './types';

export const skillOptions = z.object({ name: z.string().trim().min(1).max(100) });

/** One skill across the server, as an embed. */
export function skillEmbed(ctx: Context, detail: SkillDetail) {
  const more = (count: number) => ctx.t('summary.more', { count });
  const { normalizer, roles } = ctx.services;
  const name = skillName(ctx, detail);
  const title = name === detail.label ? name : `${name} (${detail.label})`;
  const fields = [];
  if (detail.roles.length > 0) {
    const lines = detail.roles.map((r) =>
      ctx.t('skill.role-line', {
        role: safe(r.label[ctx.locale]),
        share: percent(r.share),
        count: r.either,
        postings: r.postings,
        required: r.required,
        preferred: r.preferred,
      }),
    );
    fields.push({ name: ctx.t('skill.roles'), value: joinLines(lines, LIMITS.fieldValue, more) });
  }
  if (detail.together.length > 0) {
    const line = detail.together
      .map((s) => `${safe(skillName(ctx, s))} ${percent(s.share)} (${s.count})`)
      .join(' · ');
    fields.push({ name: ctx.t('skill.together'), value: truncate(line, LIMITS.fieldValue) });
  }
  if (detail.latest.length > 0) {
    const lines = detail.latest.map((p) => {
      const target = p.url ? linkTarget(p.url) : undefined;
      const company = target
        ? `[${safe(p.company).replace(/[[\]]/g, '\\$&')}](${target})`
        : `**${safe(p.company)}**`;
      const postingTitle = p.title ? ` — ${safe(truncate(p.title, 60))}` : '';
      return truncate(
        `#${p.id} ${company}${postingTitle} · ${roles.label(p.role, ctx.locale)} · ${p.createdAt.slice(0, 10)}`,
        300,
      );
    });
    fields.push({ name: ctx.t('skill.latest'), value: joinLines(lines, LIMITS.fieldValue, more) });
  }
  const groups = detail.groups.map((g) => g.label[ctx.locale]).join(' · ');
  fields.push({
    name: ctx.t('skill.category'),
    value: normalizer.categoryLabel(detail.category, ctx.locale),
    inline: true,
  });
  if (groups)
    fields.push({ name: ctx.t('skill.groups'), value: truncate(groups, LIMITS.fieldValue), inline: true });
  if (detail.docs) fields.push({ name: ctx.t('skill.docs'), value: detail.docs, inline: true });
  return fitEmbed({
    color: 0x4f5bd5,
    title: truncate(title, LIMITS.title),
    ...(detail.docs ? { url: detail.docs } : {}),
    description:
      detail.postings === 0
        ? ctx.t('skill.none', { skill: safe(name) })
        : ctx.t('skill.summary', {
            count: detail.postings,
            of: detail.of,
            share: percent(detail.of > 0 ? detail.postings / detail.of : 0),
          }),
    fields,
    ...(detail.window.complete || detail.window.read === 0
      ? {}
      : {
          footer: { text: ctx.t('skill.window', { read: detail.window.read, naming: detail.window.naming }) },
        }),
  });
}

export const skill = {
  data: {
    ...named('skill', '기술'),
    ...described('command.skill.description'),
    contexts: [0],
    options: [{ ...skillOption(true), ...named('name', '이름') }],
  },
  guildOnly: true,

  async execute(ctx) {
    inGuild(ctx);
    const { name: text } = parseOptions(skillOptions, ctx);
    const id = ctx.services.radar.resolveSkill(text);
    const detail = await ctx.services.radar.skill(ctx.guildId, id);
    return reply({ embeds: [skillEmbed(ctx, detail)] });
  },

  autocomplete: (ctx, focused) => skillChoices(ctx, focused.value),
} satisfies Command;
