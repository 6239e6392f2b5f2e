import type { Clock } from '../clock';
import { UserError } from '../errors';
import type { Normalizer } from '../normalize';
import { recentPostings } from '../postings/recent';
import type { PostingService } from '../postings/service';
import type { RoleDirectory } from '../roles';
import type { Store } from '../store/repository';
import type { SummaryService } from '../summary';
import { compareSummaries } from './compare';
import { type DocsTable, loadDocs, loadMatchRules, type MatchRules } from './data';
import { createKnowledge } from './knowledge';
import { matchProfile } from './match';
import { createProfileService } from './profile';
import { skillDetail } from './skill-detail';
import { createSkillSearch } from './skill-search';
import { TREND_MONTHS, trendsOf } from './trends';

export type { Comparison } from './compare';
export type { Gap, MatchResult } from './match';
export type { Profile, ProfileChange } from './profile';
export type { SkillDetail } from './skill-detail';
export type { Trends } from './trends';

/**
 * The bounded windows of latest postings that per-posting answers read (postings met fully, skills asked
 * together, latest postings naming a skill): at most `limit` postings, found among the `scan` newest.
 */
export const MATCH_WINDOW = { limit: 200, scan: 2000 } as const;
export const SKILL_WINDOW = { limit: 300, scan: 300 } as const;

export interface RadarDeps {
  store: Store;
  clock: Clock;
  normalizer: Normalizer;
  roles: RoleDirectory;
  postings: PostingService;
  summary: SummaryService;
  rules?: MatchRules;
  docs?: DocsTable;
}

/** A member's skills against the server's postings: profiles, /match, /trends, /compare and /skill. */
export function createRadarService(deps: RadarDeps) {
  const { store, clock, normalizer, roles, postings, summary } = deps;
  const knowledge = createKnowledge(normalizer, deps.rules ?? loadMatchRules());
  const docs = (deps.docs ?? loadDocs()).docs;
  const profiles = createProfileService({ store, clock, normalizer, knowledge });
  const skills = createSkillSearch(normalizer);
  const roleLabel = (id: string) => roles.get(id)?.label ?? { en: id, ko: id };

  const aggregatesInUse = async (guildId: string) =>
    Promise.all((await postings.rolesInUse(guildId)).map((r) => summary.aggregate(guildId, r.roleId)));

  return {
    profiles,
    skills,
    knowledge,
    docs,

    /** The member's own profile against a role. Nobody else's profile can be asked for. */
    async match(guildId: string, userId: string, roleId: string) {
      const [profile, aggregate, scope] = await Promise.all([
        profiles.get(guildId, userId),
        summary.aggregate(guildId, roleId),
        postings.open(guildId),
      ]);
      const window = await recentPostings(scope, { roleId, ...MATCH_WINDOW });
      return matchProfile(
        { normalizer, knowledge, docs },
        { aggregate, roleLabel: roleLabel(roleId), profile, window },
      );
    },

    async trends(guildId: string, roleId: string, months: number = TREND_MONTHS.default) {
      if (!Number.isInteger(months) || months < TREND_MONTHS.min || months > TREND_MONTHS.max) {
        throw new UserError('trends.bad-months', { min: TREND_MONTHS.min, max: TREND_MONTHS.max });
      }
      const aggregate = await summary.aggregate(guildId, roleId);
      return trendsOf(normalizer, { aggregate, roleLabel: roleLabel(roleId), now: clock.now(), months });
    },

    async compare(guildId: string, a: string, b: string) {
      if (a === b) throw new UserError('compare.same-role', { role: roleLabel(a).en });
      const [left, right] = await Promise.all([summary.forRole(guildId, a), summary.forRole(guildId, b)]);
      return { comparison: compareSummaries(left, right), summaries: [left, right] as const };
    },

    /** One skill across the server's roles. */
    async skill(guildId: string, skillId: string) {
      const [aggregates, scope] = await Promise.all([aggregatesInUse(guildId), postings.open(guildId)]);
      const window = await recentPostings(scope, SKILL_WINDOW);
      return skillDetail({ normalizer, docs, roleLabel }, { skillId, aggregates, window });
    },

    /** A skill from what a member typed or picked: an id, a label or an alias, in either language. */
    resolveSkill(text: string): string {
      const query = text.trim();
      if (normalizer.skill(query)) return query;
      const named = query
        ? normalizer.normalizeItem(query, 'required').skills.find((s) => !s.implied)
        : undefined;
      const found = named?.id ?? skills.search(query, { limit: 1 })[0]?.id;
      if (!found) throw new UserError('skill.unknown', { skill: query.slice(0, 50) });
      return found;
    },
  };
}
export type RadarService = ReturnType<typeof createRadarService>;
