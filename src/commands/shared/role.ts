import { type APIApplicationCommandStringOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserError } from '../../services/errors';
import type { Choice, Context } from '../types';
import { described, named } from './builders';
import { LIMITS, truncate } from './limits';

export function roleOption(required: boolean): APIApplicationCommandStringOption {
  return {
    type: ApplicationCommandOptionType.String,
    ...named('role', '직무'),
    ...described('option.role.description'),
    required,
    autocomplete: true,
    max_length: 100,
  };
}

/** The role a member typed or picked, as a role id; unknown roles are a UserError naming some real ones. */
export function resolveRole(ctx: Context, text: string): string {
  const role = ctx.services.roles.resolve(text);
  if (!role) {
    const examples = ctx.services.roles.all
      .slice(0, 6)
      .map((r) => r.label[ctx.locale])
      .join(', ');
    throw new UserError('role.unknown', { role: truncate(text, 50), examples });
  }
  return role.id;
}

/** Roles matching what was typed: those the server already uses first, then the rest of the table. */
export async function roleChoices(ctx: Context, query: string): Promise<Choice[]> {
  const { roles, postings } = ctx.services;
  const inUse = ctx.guildId ? await postings.rolesInUse(ctx.guildId) : [];
  const counts = new Map(inUse.map((r) => [r.roleId, r.postings]));
  const matches = roles.search(query, 50);
  const ordered = [
    ...matches
      .filter((r) => counts.has(r.id))
      .sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0)),
    ...matches.filter((r) => !counts.has(r.id)),
  ];
  return ordered.slice(0, LIMITS.choices).map((role) => {
    const count = counts.get(role.id);
    const label = ctx.locale === 'ko' ? `${role.label.ko} (${role.label.en})` : role.label.en;
    return { name: truncate(count ? `${label} · ${count}` : label, LIMITS.choiceName), value: role.id };
  });
}
