import { type APIApplicationCommandStringOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Skill } from '../../services/taxonomy/schema';
import type { Choice, Context } from '../types';
import { described, named } from './builders';
import { LIMITS, truncate } from './limits';

export function skillOption(required: boolean): APIApplicationCommandStringOption {
  return {
    type: ApplicationCommandOptionType.String,
    ...named('skill', '기술'),
    ...described('option.skill.description'),
    required,
    autocomplete: true,
    max_length: 200,
  };
}

/** A skill's name in the reader's language. */
export const skillName = (ctx: Pick<Context, 'locale'>, s: { label: string; labelKo?: string }) =>
  ctx.locale === 'ko' ? (s.labelKo ?? s.label) : s.label;

const HANGUL = /[\uac00-\ud7a3]/;

/** `Django · 장고`: the label, and a Korean name beside it when the label has none. */
function choiceName(ctx: Context, skill: Skill): string {
  const label = skillName(ctx, skill);
  if (HANGUL.test(label)) return label === skill.label ? label : `${label} (${skill.label})`;
  const korean = skill.aliases.find((a) => HANGUL.test(a));
  return korean ? `${label} · ${korean}` : label;
}

/** How often the server's postings name each skill, to put common skills first among equal matches. */
async function popularity(ctx: Context): Promise<(id: string) => number> {
  if (!ctx.guildId) return () => 0;
  const { postings, summary } = ctx.services;
  const counts = new Map<string, number>();
  for (const { roleId } of await postings.rolesInUse(ctx.guildId)) {
    const aggregate = await summary.aggregate(ctx.guildId, roleId);
    for (const [id, n] of Object.entries(aggregate.skills.either)) counts.set(id, (counts.get(id) ?? 0) + n);
  }
  return (id) => counts.get(id) ?? 0;
}

/**
 * Skills matching what was typed, for autocomplete: Korean or English names and aliases, initial
 * consonants (`ㅈㄱ`), a half-typed syllable. `only` restricts them (the member's own skills, for removal),
 * `except` leaves some out (those already in the profile, for adding).
 */
export async function skillChoices(
  ctx: Context,
  query: string,
  options: { only?: ReadonlySet<string>; except?: ReadonlySet<string> } = {},
): Promise<Choice[]> {
  const rank = await popularity(ctx);
  const found = ctx.services.radar.skills.search(query, { limit: 1000, rank });
  return found
    .filter((s) => (!options.only || options.only.has(s.id)) && !options.except?.has(s.id))
    .slice(0, LIMITS.choices)
    .map((s) => ({ name: truncate(choiceName(ctx, s), LIMITS.choiceName), value: s.id }));
}
