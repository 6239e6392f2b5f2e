import type { Normalizer } from '../normalize';
import type { PostingService } from '../postings/service';
import type { RoleDirectory } from '../roles';
import type { CategoryId } from '../taxonomy/schema';
import { type Aggregate, aggregateRecord, emptyAggregate, histogramStats } from './aggregate';
import { categoryShares, type RadarAxis } from './categories';

export interface SkillShare {
  id: string;
  label: string;
  labelKo: string;
  category: CategoryId | 'unknown';
  /** Postings that ask for it in this list's section (or in either, for `either`), by name or implied. */
  count: number;
  /** Of `count`, the postings that only imply it (Django ⇒ Python); equal to `count` when no posting names it. */
  implied: number;
  share: number;
  required: number;
  preferred: number;
}

export interface GroupShare {
  id: string;
  label: string;
  labelKo: string;
  count: number;
  share: number;
  required: number;
  preferred: number;
  members: { id: string; label: string; labelKo: string; count: number }[];
}

export interface ExperienceRange {
  min: number | null;
  median: number | null;
  max: number | null;
  /** Postings that state a required experience. */
  count: number;
  juniorFriendly: number;
}

export interface RoleSummary {
  role: string;
  roleLabel: { en: string; ko: string };
  postings: number;
  companies: number;
  required: SkillShare[];
  preferred: SkillShare[];
  either: SkillShare[];
  groups: GroupShare[];
  experience: ExperienceRange;
  /** Each category's shares, in the taxonomy's order: the radar's spokes. */
  categories: RadarAxis[];
}

const share = (count: number, total: number) => (total === 0 ? 0 : Math.round((count / total) * 1000) / 1000);

export function experienceRange(histogram: Record<string, number>, juniorFriendly: number): ExperienceRange {
  return { ...histogramStats(histogram), juniorFriendly };
}

/** What the role's postings ask for, with shares, from the running totals: no posting is read. */
export function summarize(aggregate: Aggregate, normalizer: Normalizer, roles: RoleDirectory): RoleSummary {
  const total = aggregate.postings;
  const skillList = (counts: Record<string, number>, implied: Record<string, number>): SkillShare[] =>
    Object.entries(counts)
      .map(([id, count]) => {
        const skill = normalizer.skill(id);
        return {
          id,
          label: skill?.label ?? id,
          labelKo: skill?.labelKo ?? skill?.label ?? id,
          category: skill?.category ?? ('unknown' as const),
          count,
          implied: Math.min(count, implied[id] ?? 0),
          share: share(count, total),
          required: aggregate.skills.required[id] ?? 0,
          preferred: aggregate.skills.preferred[id] ?? 0,
        };
      })
      .sort((a, b) => b.count - a.count || a.implied - b.implied || a.label.localeCompare(b.label));
  const groups = Object.entries(aggregate.groups.either)
    .map(([id, count]): GroupShare => {
      const group = normalizer.group(id);
      const members = Object.entries(aggregate.groupMembers[id] ?? {})
        .map(([skillId, n]) => {
          const skill = normalizer.skill(skillId);
          const label = skill?.label ?? skillId;
          return { id: skillId, label, labelKo: skill?.labelKo ?? label, count: n };
        })
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
      return {
        id,
        label: group?.label.en ?? id,
        labelKo: group?.label.ko ?? id,
        count,
        share: share(count, total),
        required: aggregate.groups.required[id] ?? 0,
        preferred: aggregate.groups.preferred[id] ?? 0,
        members,
      };
    })
    .sort((a, b) => b.count - a.count || b.required - a.required || a.label.localeCompare(b.label));
  return {
    role: aggregate.roleId,
    roleLabel: roles.get(aggregate.roleId)?.label ?? { en: aggregate.roleId, ko: aggregate.roleId },
    postings: total,
    companies: aggregate.companies,
    required: skillList(aggregate.skills.required, aggregate.implied.required),
    preferred: skillList(aggregate.skills.preferred, aggregate.implied.preferred),
    either: skillList(aggregate.skills.either, aggregate.implied.either),
    groups,
    experience: experienceRange(aggregate.experience, aggregate.juniorFriendly),
    categories: categoryShares(aggregate, normalizer),
  };
}

export function createSummaryService(deps: {
  postings: PostingService;
  normalizer: Normalizer;
  roles: RoleDirectory;
}) {
  return {
    /** The role's running totals as stored (an empty set for a role without postings). */
    async aggregate(guildId: string, roleId: string): Promise<Aggregate> {
      const scope = await deps.postings.open(guildId);
      return (await scope.get(aggregateRecord, roleId)) ?? emptyAggregate(roleId, deps.normalizer.version);
    },

    async forRole(guildId: string, roleId: string): Promise<RoleSummary> {
      const scope = await deps.postings.open(guildId);
      const aggregate = await scope.get(aggregateRecord, roleId);
      return summarize(
        aggregate ?? emptyAggregate(roleId, deps.normalizer.version),
        deps.normalizer,
        deps.roles,
      );
    },
  };
}
export type SummaryService = ReturnType<typeof createSummaryService>;
