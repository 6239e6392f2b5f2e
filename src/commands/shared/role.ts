import { type APIApplicationCommandStringOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserError } from '../../services/errors';
import type { RoleDirectory } from '../../services/roles';
import type { Choice, Context } from '../types';
import { described, named } from './builders';
import { closest } from './closest';
import { LIMITS, truncate } from './limits';
import { perLocale } from './options';

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

/** A role nobody knows: the error names the closest roles and lists every role, in the reader's language. */
export function unknownRole(roles: RoleDirectory, text: string): UserError {
  const words = roles.all.flatMap((r) => [r.id, r.label.en, r.label.ko, ...r.aliases]);
  const near = [
    ...new Set(
      closest(text, words, 6)
        .map((w) => roles.resolve(w)?.id)
        .filter(Boolean),
    ),
  ];
  return new UserError('role.unknown', {
    role: truncate(text, 50),
    ...(near.length > 0
      ? perLocale('closest', (l) =>
          near
            .map((id) => roles.label(String(id), l))
            .slice(0, 3)
            .join(', '),
        )
      : {}),
    ...perLocale('valid', (l) => roles.all.map((r) => r.label[l]).join(', ')),
  });
}

/** The role a member typed or picked (any alias, either language), as a role id. */
export function resolveRole(ctx: Context, text: string): string {
  const role = ctx.services.roles.resolve(text);
  if (!role) throw unknownRole(ctx.services.roles, text);
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
