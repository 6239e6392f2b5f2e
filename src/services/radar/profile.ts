import { z } from 'zod';
import type { Clock } from '../clock';
import { UserError } from '../errors';
import type { Normalizer } from '../normalize';
import { recordType, type Store } from '../store/repository';
import type { Knowledge, KnownSkills } from './knowledge';

export const profileSchema = z.object({
  schema: z.literal(1),
  /** The skills the member listed, as taxonomy ids; implications are worked out when the profile is read. */
  skills: z.array(z.string()).max(5000),
  updatedAt: z.iso.datetime(),
});
export type StoredProfile = z.infer<typeof profileSchema>;
/** One member's skills in one server, keyed by their user id. Only that member's commands read it. */
export const profileRecord = recordType('profile', profileSchema);

/** Longest text `/profile set` reads (a 600-skill list fits). */
export const MAX_PROFILE_TEXT = 20_000;

export interface Profile extends KnownSkills {
  updatedAt: string | null;
}

export interface ProfileChange {
  profile: Profile;
  /** Skills this change added or took away. */
  changed: string[];
  /** Pieces of the text in which no skill was found (`엑셀 조금`), for the reply to mention. */
  notUnderstood: string[];
}

const PIECES = /[,\n;|·•、]+|\s+(?:and|및|그리고)\s+/;

export function createProfileService(deps: {
  store: Store;
  clock: Clock;
  normalizer: Normalizer;
  knowledge: Knowledge;
}) {
  const { store, clock, normalizer, knowledge } = deps;

  const toProfile = (stored: StoredProfile | undefined): Profile => ({
    ...knowledge.know(stored?.skills ?? []),
    updatedAt: stored?.updatedAt ?? null,
  });

  /** The skills a member's text names, and the pieces of it that name none. */
  function understand(text: string): { ids: string[]; notUnderstood: string[] } {
    if (text.length > MAX_PROFILE_TEXT) {
      throw new UserError('input.too-long', { field: 'skills', max: MAX_PROFILE_TEXT });
    }
    const trimmed = text.trim();
    if (!trimmed) throw new UserError('input.empty', { field: 'skills' });
    // A skill id picked from autocomplete is taken as it is.
    if (normalizer.skill(trimmed)) return { ids: [trimmed], notUnderstood: [] };
    // The whole text at once, so names that need a neighbour to count as technology (Go, C, R) have one.
    const found = normalizer
      .normalizeItem(trimmed, 'required')
      .skills.filter((s) => !s.implied)
      .map((s) => s.id);
    // What a name counts as (GitHub → Git → version control) is known through it, not listed by the member.
    const counted = new Set(found.flatMap((id) => normalizer.skill(id)?.counts ?? []));
    const named = found.filter((id) => !counted.has(id));
    const namedNames = new Set(
      named.flatMap((id) => {
        const skill = normalizer.skill(id);
        return [skill?.label ?? id, ...(skill?.aliases ?? []), ...(skill?.contextAliases ?? [])].map((n) =>
          n.toLowerCase(),
        );
      }),
    );
    const notUnderstood: string[] = [];
    for (const piece of trimmed.split(PIECES)) {
      const p = piece.trim();
      if (!p || notUnderstood.length >= 20 || namedNames.has(p.toLowerCase())) continue;
      if (normalizer.normalizeItem(p, 'required').skills.length === 0) notUnderstood.push(p.slice(0, 60));
    }
    return { ids: named, notUnderstood };
  }

  const write = (guildId: string, userId: string, next: (current: string[]) => string[]) => {
    return store.guild(guildId).change(async (tx) => {
      const stored = await tx.read(profileRecord, userId);
      const before = stored?.skills ?? [];
      const skills = knowledge.know(next(before)).explicit;
      const changed = [
        ...skills.filter((id) => !before.includes(id)),
        ...before.filter((id) => !skills.includes(id)),
      ];
      const updated = { schema: 1 as const, skills, updatedAt: clock.now().toISOString() };
      tx.write(profileRecord, userId, updated);
      return { profile: toProfile(updated), changed };
    });
  };

  return {
    async get(guildId: string, userId: string): Promise<Profile> {
      return toProfile(await store.guild(guildId).get(profileRecord, userId));
    },

    /** Replaces the profile with the skills the text names. A text naming none changes nothing. */
    async set(guildId: string, userId: string, text: string): Promise<ProfileChange> {
      const { ids, notUnderstood } = understand(text);
      if (ids.length === 0)
        throw new UserError('profile.nothing-understood', { text: text.trim().slice(0, 60) });
      return { ...(await write(guildId, userId, () => ids)), notUnderstood };
    },

    async add(guildId: string, userId: string, text: string): Promise<ProfileChange> {
      const { ids, notUnderstood } = understand(text);
      if (ids.length === 0)
        throw new UserError('profile.nothing-understood', { text: text.trim().slice(0, 60) });
      return { ...(await write(guildId, userId, (current) => [...current, ...ids])), notUnderstood };
    },

    async remove(guildId: string, userId: string, text: string): Promise<ProfileChange> {
      const { ids, notUnderstood } = understand(text);
      if (ids.length === 0)
        throw new UserError('profile.nothing-understood', { text: text.trim().slice(0, 60) });
      return {
        ...(await write(guildId, userId, (current) => current.filter((id) => !ids.includes(id)))),
        notUnderstood,
      };
    },

    /** Deletes the profile. Returns whether there was one. */
    async clear(guildId: string, userId: string): Promise<boolean> {
      return store.guild(guildId).change(async (tx) => {
        const existed = (await tx.read(profileRecord, userId)) !== undefined;
        if (existed) tx.delete(profileRecord, userId);
        return existed;
      });
    },

    /** Stores exactly these skill ids (tests, and tools that already hold ids). */
    async setIds(guildId: string, userId: string, ids: readonly string[]): Promise<Profile> {
      return (await write(guildId, userId, () => [...ids])).profile;
    },
  };
}
export type ProfileService = ReturnType<typeof createProfileService>;
