import type { APIEmbed } from 'discord-api-types/v10';
import type { Posting } from '../../services/postings/schema';
import { postingExperience } from '../../services/summary/aggregate';
import type { CategoryId } from '../../services/taxonomy/schema';
import type { Context } from '../types';
import { fitEmbed, LIMITS, truncate } from './limits';
import { formatYears, safe } from './text';

const COLOR = 0x5865f2;

/** The posting and what the bot understood of it: its skills grouped by category, its experience. */
export function postingEmbed(ctx: Context, posting: Posting, heading?: string): APIEmbed {
  const { normalizer, roles } = ctx.services;
  const byCategory = new Map<CategoryId | 'unknown', { label: string; implied: boolean }[]>();
  const seen = new Set<string>();
  for (const item of posting.items) {
    for (const { id, implied } of item.skills) {
      if (seen.has(id)) continue;
      seen.add(id);
      const skill = normalizer.skill(id);
      const category = skill?.category ?? 'unknown';
      const list = byCategory.get(category) ?? [];
      const label = (ctx.locale === 'ko' ? skill?.labelKo : undefined) ?? skill?.label ?? id;
      list.push({ label, implied: implied === true });
      byCategory.set(category, list);
    }
  }
  const fields = [...byCategory].map(([category, skills]) => ({
    name: category === 'unknown' ? '?' : normalizer.categoryLabel(category, ctx.locale),
    value: skills.map((s) => (s.implied ? `*(${safe(s.label)})*` : safe(s.label))).join(' · '),
    inline: true,
  }));
  const experience = postingExperience(posting);
  if (experience.years !== undefined || experience.juniorFriendly) {
    const parts = [];
    const { years, maxYears } = experience;
    if (years !== undefined && maxYears !== undefined && maxYears > years) {
      parts.push(
        years > 0
          ? ctx.t('posting.experience-range', { min: formatYears(years), max: formatYears(maxYears) })
          : ctx.t('posting.experience-up-to', { max: formatYears(maxYears) }),
      );
    } else if (years !== undefined && years > 0) {
      parts.push(ctx.t('posting.experience-years', { years: formatYears(years) }));
    }
    if (experience.juniorFriendly) parts.push(ctx.t('posting.experience-junior'));
    fields.push({ name: ctx.t('posting.experience'), value: parts.join(' · '), inline: true });
  }
  const required = posting.items.filter((i) => i.section === 'required').length;
  const title = posting.title ? `${posting.company} — ${posting.title}` : posting.company;
  return fitEmbed({
    color: COLOR,
    ...(heading ? { author: { name: truncate(heading, LIMITS.authorName) } } : {}),
    title: truncate(`#${posting.id} ${title}`, LIMITS.title),
    ...(posting.url ? { url: posting.url } : {}),
    description: fields.length === 0 ? ctx.t('posting.no-skills') : undefined,
    fields,
    footer: {
      text: `${roles.label(posting.roleId, ctx.locale)} · ${ctx.t('posting.items', {
        required,
        preferred: posting.items.length - required,
      })}`,
    },
  });
}

/** The posting's items as the member wrote them, for /postings show. */
export function postingItemsEmbed(ctx: Context, posting: Posting): APIEmbed {
  const list = (section: 'required' | 'preferred') =>
    posting.items
      .filter((i) => i.section === section)
      .map((i) => `• ${safe(i.text)}`)
      .join('\n');
  const fields = [
    { name: ctx.t('posting.required'), value: list('required') },
    { name: ctx.t('posting.preferred'), value: list('preferred') },
  ].filter((f) => f.value);
  return fitEmbed({ color: COLOR, fields });
}
