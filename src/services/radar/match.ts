import type { Normalizer } from '../normalize';
import type { Posting, Section } from '../postings/schema';
import type { Aggregate } from '../summary/aggregate';
import { categoryShares } from '../summary/categories';
import type { CategoryId } from '../taxonomy/schema';
import type { Knowledge, KnownSkills } from './knowledge';

export interface Coverage {
  /** Share of the section's skill mentions (one per posting naming a skill) the member has; null without any. */
  share: number | null;
  mentions: number;
  covered: number;
}

export interface GapMember {
  id: string;
  label: string;
  labelKo: string;
  count: number;
}

export interface Gap {
  /** A skill id, or a group id when the gap is a group of alternatives the member knows none of. */
  id: string;
  kind: 'skill' | 'group';
  label: string;
  labelKo: string;
  section: Section;
  /** Postings asking for it in that section. */
  count: number;
  share: number;
  /** Official documentation to learn it from, where the project knows one. */
  docs: string | null;
  /** For a group: its members the role's postings name, most named first. */
  members?: GapMember[];
}

/** A group of alternatives the member already covers with one of its members. */
export interface CoveredGroup {
  id: string;
  label: string;
  labelKo: string;
  /** Members the member knows. */
  known: GapMember[];
  /** Other members postings name, which the member's sibling stands in for. */
  alsoAsked: (GapMember & { share: number })[];
}

export interface CategoryCoverage {
  category: CategoryId;
  label: { en: string; ko: string };
  required: number;
  preferred: number;
  /**
   * The share of postings whose requirements in this category the member meets (each item naming skills of
   * it names one the member has), within the window of latest postings; at most `required`.
   */
  member: number;
}

export interface MatchResult {
  role: string;
  roleLabel: { en: string; ko: string };
  postings: number;
  profileSkills: number;
  coverage: { required: Coverage; preferred: Coverage };
  postingsMet: {
    /** Postings whose every required item (that names a known skill) the member meets. */
    met: number;
    /** Postings checked: the role's latest `window` postings, or all of them when `complete`. */
    of: number;
    complete: boolean;
  };
  gaps: Gap[];
  coveredGroups: CoveredGroup[];
  /** The member's skills the role's postings ask most, for the reply's "you already have". */
  strengths: GapMember[];
  categories: CategoryCoverage[];
}

export interface MatchDeps {
  normalizer: Normalizer;
  knowledge: Knowledge;
  docs: Record<string, string>;
}

/** Skills of these categories are not something to "study next" (a degree); they still count for coverage. */
const NOT_STUDIED: ReadonlySet<string> = new Set(['education']);

const share = (count: number, total: number) => (total === 0 ? 0 : Math.round((count / total) * 1000) / 1000);

function coverage(counts: Record<string, number>, known: Set<string>): Coverage {
  let mentions = 0;
  let covered = 0;
  for (const [id, n] of Object.entries(counts)) {
    mentions += n;
    if (known.has(id)) covered += n;
  }
  return { share: mentions === 0 ? null : Math.round((covered / mentions) * 1000) / 1000, mentions, covered };
}

/** A posting is met when each of its required items naming skills names one the member has. */
export function meetsPosting(posting: Posting, known: Set<string>): boolean | undefined {
  let items = 0;
  for (const item of posting.items) {
    if (item.section !== 'required') continue;
    const named = item.skills.filter((s) => !s.implied);
    if (named.length === 0) continue;
    items++;
    if (!named.some((s) => known.has(s.id))) return false;
  }
  return items === 0 ? undefined : true;
}

/**
 * A member's profile against a role's running totals: coverage weighted by how many postings ask, the
 * postings met fully (within a bounded window of the latest ones), and what to study next.
 */
export function matchProfile(
  deps: MatchDeps,
  input: {
    aggregate: Aggregate;
    roleLabel: { en: string; ko: string };
    profile: KnownSkills;
    window: { postings: Posting[]; complete: boolean };
  },
): MatchResult {
  const { normalizer, knowledge, docs } = deps;
  const { aggregate, profile } = input;
  const known = profile.all;
  const total = aggregate.postings;
  const skillOf = (id: string) => {
    const skill = normalizer.skill(id);
    const label = skill?.label ?? id;
    return { id, label, labelKo: skill?.labelKo ?? label };
  };
  const groupOf = (id: string) => {
    const group = normalizer.group(id);
    return { id, label: group?.label.en ?? id, labelKo: group?.label.ko ?? id };
  };
  const asked = (id: string) => aggregate.skills.either[id] ?? 0;

  // Groups of alternatives: covered by a sibling, or missing whole.
  const coveredGroups = new Map<string, CoveredGroup>();
  const missingGroups = new Set<string>();
  for (const groupId of Object.keys(aggregate.groups.either)) {
    if (!knowledge.isInterchangeable(groupId)) continue;
    const members = knowledge.members(groupId);
    const knownMembers = members.filter((m) => known.has(m) && !profile.derived.has(m));
    const knownAny = members.filter((m) => known.has(m));
    if (knownAny.length > 0) {
      const alsoAsked = Object.entries(aggregate.groupMembers[groupId] ?? {})
        .filter(([id]) => !known.has(id))
        .map(([id, n]) => ({ ...skillOf(id), count: n, share: share(n, total) }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
      if (alsoAsked.length === 0) continue;
      coveredGroups.set(groupId, {
        ...groupOf(groupId),
        known: (knownMembers.length > 0 ? knownMembers : knownAny).map((id) => ({
          ...skillOf(id),
          count: asked(id),
        })),
        alsoAsked,
      });
    } else if (Object.keys(aggregate.groupMembers[groupId] ?? {}).length >= 2) {
      missingGroups.add(groupId);
    }
  }

  const gaps: Gap[] = [];
  const inGroupGap = new Set<string>();
  // A skill missing in several groups of alternatives is listed under the one most asked.
  const groupFor = (skillId: string) =>
    knowledge
      .interchangeableGroupsOf(skillId)
      .filter((g) => missingGroups.has(g))
      .sort((a, b) => (aggregate.groups.either[b] ?? 0) - (aggregate.groups.either[a] ?? 0))[0];
  for (const groupId of missingGroups) {
    const section: Section = (aggregate.groups.required[groupId] ?? 0) > 0 ? 'required' : 'preferred';
    const members = Object.entries(aggregate.groupMembers[groupId] ?? {})
      .filter(([id]) => groupFor(id) === groupId && !NOT_STUDIED.has(normalizer.skill(id)?.category ?? ''))
      .map(([id, n]) => ({ ...skillOf(id), count: n }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    if (members.length === 0) continue;
    for (const m of members) inGroupGap.add(m.id);
    // `Cloud computing` is what the group itself is: the concrete members are what to learn.
    const concrete = members.filter((m) => !knowledge.isGeneric(m.id));
    const count = aggregate.groups[section][groupId] ?? 0;
    gaps.push({
      ...groupOf(groupId),
      kind: 'group',
      section,
      count,
      share: share(count, total),
      docs: concrete.map((m) => docs[m.id]).find(Boolean) ?? null,
      members: concrete.length > 0 ? concrete : members,
    });
  }
  const suppressed = (id: string) =>
    knowledge.interchangeableGroupsOf(id).some((g) => coveredGroups.has(g)) || inGroupGap.has(id);
  for (const section of ['required', 'preferred'] as const) {
    for (const [id, count] of Object.entries(aggregate.skills[section])) {
      if (known.has(id) || suppressed(id)) continue;
      if (section === 'preferred' && (aggregate.skills.required[id] ?? 0) > 0) continue;
      if (NOT_STUDIED.has(normalizer.skill(id)?.category ?? '')) continue;
      gaps.push({
        ...skillOf(id),
        kind: 'skill',
        section,
        count,
        share: share(count, total),
        docs: docs[id] ?? null,
      });
    }
  }
  gaps.sort(
    (a, b) =>
      (a.section === 'required' ? 0 : 1) - (b.section === 'required' ? 0 : 1) ||
      b.count - a.count ||
      (a.kind === 'group' ? 0 : 1) - (b.kind === 'group' ? 0 : 1) ||
      a.label.localeCompare(b.label),
  );

  let met = 0;
  let of = 0;
  for (const posting of input.window.postings) {
    const result = meetsPosting(posting, known);
    if (result === undefined) continue;
    of++;
    if (result) met++;
  }

  // Per category, the postings (of the window) whose requirements in it the member meets: on the same scale
  // as the role's required share, so the member's shape sits inside the role's.
  const metIn = new Map<string, number>();
  for (const posting of input.window.postings) {
    const state = new Map<string, boolean>();
    for (const item of posting.items) {
      if (item.section !== 'required') continue;
      const byCategory = new Map<string, boolean>();
      for (const s of item.skills) {
        const category = normalizer.skill(s.id)?.category;
        if (category) byCategory.set(category, (byCategory.get(category) ?? false) || known.has(s.id));
      }
      for (const [category, ok] of byCategory) state.set(category, (state.get(category) ?? true) && ok);
    }
    for (const [category, ok] of state) if (ok) metIn.set(category, (metIn.get(category) ?? 0) + 1);
  }
  const windowSize = input.window.postings.length;
  const categories = categoryShares(aggregate, normalizer).map(
    (axis): CategoryCoverage => ({
      category: axis.category,
      label: axis.label,
      required: axis.required,
      preferred: axis.preferred,
      member: windowSize === 0 ? 0 : Math.min(axis.required, (metIn.get(axis.category) ?? 0) / windowSize),
    }),
  );

  return {
    role: aggregate.roleId,
    roleLabel: input.roleLabel,
    postings: total,
    profileSkills: profile.explicit.length,
    coverage: {
      required: coverage(aggregate.skills.required, known),
      preferred: coverage(aggregate.skills.preferred, known),
    },
    postingsMet: { met, of, complete: input.window.complete },
    gaps,
    coveredGroups: [...coveredGroups.values()].sort(
      (a, b) => (b.alsoAsked[0]?.count ?? 0) - (a.alsoAsked[0]?.count ?? 0),
    ),
    strengths: [...known]
      .filter((id) => asked(id) > 0)
      .map((id) => ({ ...skillOf(id), count: asked(id) }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    categories,
  };
}
