import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Profile } from '../../services/radar';
import type { CategoryId } from '../../services/taxonomy/schema';
import type { Context } from '../types';
import { fitEmbed, joinLines, LIMITS } from './limits';
import { skillName } from './skill';
import { safe } from './text';

const COLOR = 0x12a150;

/** A member's skills by category, and what else the profile counts (Django ⇒ Python, MySQL ⇒ RDBMS). */
export function profileEmbed(ctx: Context, profile: Profile): APIEmbed {
  const { normalizer } = ctx.services;
  const name = (id: string) => {
    const skill = normalizer.skill(id);
    return safe(skill ? skillName(ctx, skill) : id);
  };
  const byCategory = new Map<CategoryId, string[]>();
  for (const id of profile.explicit) {
    const category = normalizer.skill(id)?.category;
    if (!category) continue;
    byCategory.set(category, [...(byCategory.get(category) ?? []), name(id)]);
  }
  const more = (count: number) => ctx.t('summary.more', { count });
  const fields: APIEmbedField[] = [...byCategory].map(([category, names]) => ({
    name: normalizer.categoryLabel(category, ctx.locale),
    value: joinLines([names.join(' · ')], LIMITS.fieldValue, more),
    inline: true,
  }));
  if (profile.derived.size > 0) {
    const lines = [...profile.derived].map(
      ([id, reason]) => `${name(id)} *(${ctx.t('profile.from', { skill: name(reason.by) })})*`,
    );
    fields.push({
      name: ctx.t('profile.derived'),
      value: joinLines([lines.join(' · ')], LIMITS.fieldValue, more),
    });
  }
  return fitEmbed({
    color: COLOR,
    title: ctx.t('profile.title'),
    description:
      profile.explicit.length === 0
        ? ctx.t('profile.empty')
        : ctx.t('profile.listed', { count: profile.explicit.length }),
    fields,
    footer: { text: ctx.t('profile.footer') },
  });
}
