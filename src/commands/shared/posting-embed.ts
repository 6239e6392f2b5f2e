import type { APIEmbed } from 'discord-api-types/v10';
import type { Posting, Section } from '../../services/postings/schema';
import { postingExperience } from '../../services/summary/aggregate';
import type { CategoryId } from '../../services/taxonomy/schema';
import type { Context } from '../types';
import { companyLabel } from './company';
import { fitEmbed, LIMITS, truncate } from './limits';
import { formatYears, safe } from './text';

const COLOR = 0x5865f2;

/**
 * The posting and what the bot understood of it: the skills of its requirements, then those only its
 * preferred items name, each list grouped by category; skills added by an implication are in brackets, with
 * a legend; then its experience.
 */
export function postingEmbed(ctx: Context, posting: Posting, heading?: string): APIEmbed {
  const { normalizer, roles } = ctx.services;
  const seen = new Set<string>();
  let anyImplied = false;
  const sectionField = (section: Section) => {
    const byCategory = new Map<CategoryId | 'unknown', string[]>();
    for (const item of posting.items.filter((i) => i.section === section)) {
      for (const { id, implied } of item.skills) {
        if (seen.has(id)) continue;
        seen.add(id);
        const skill = normalizer.skill(id);
        const category = skill?.category ?? 'unknown';
        const label = safe((ctx.locale === 'ko' ? skill?.labelKo : undefined) ?? skill?.label ?? id);
        anyImplied ||= implied === true;
        byCategory.set(category, [...(byCategory.get(category) ?? []), implied ? `*(${label})*` : label]);
      }
    }
    const lines = [...byCategory].map(([category, skills]) => {
      const name = category === 'unknown' ? '?' : normalizer.categoryLabel(category, ctx.locale);
      return `${name}: ${skills.join(' · ')}`;
    });
    return lines.length === 0
      ? []
      : [
          {
            name: ctx.t(section === 'required' ? 'posting.required' : 'posting.preferred-only'),
            value: lines.join('\n'),
          },
        ];
  };
  const fields = [...sectionField('required'), ...sectionField('preferred')];
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
    fields.push({ name: ctx.t('posting.experience'), value: parts.join(' · ') });
  }
  const required = posting.items.filter((i) => i.section === 'required').length;
  const company = companyLabel(ctx.t, posting.company);
  const title = posting.title ? `${company} — ${posting.title}` : company;
  const description =
    seen.size === 0 ? ctx.t('posting.no-skills') : anyImplied ? ctx.t('posting.implied-legend') : undefined;
  return fitEmbed({
    color: COLOR,
    ...(heading ? { author: { name: truncate(heading, LIMITS.authorName) } } : {}),
    title: truncate(`#${posting.id} ${title}`, LIMITS.title),
    ...(posting.url ? { url: posting.url } : {}),
    ...(description ? { description } : {}),
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
