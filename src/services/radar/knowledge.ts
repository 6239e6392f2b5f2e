import type { Normalizer } from '../normalize';
import type { MatchRules } from './data';

/** Why a profile counts a skill the member did not list. */
export type DerivedReason = { kind: 'implied' | 'generic' | 'included'; by: string };

export interface KnownSkills {
  /** What the member listed, in the taxonomy's order. */
  explicit: string[];
  /** Everything the profile counts as known: the listed skills, what they imply, the generic skills they meet. */
  all: Set<string>;
  /** Skills counted without being listed, and why (Django ⇒ Python; MySQL meets RDBMS). */
  derived: Map<string, DerivedReason>;
}

/** The taxonomy seen from a member's side: what implies what, which groups are alternatives. */
export interface Knowledge {
  know(explicit: Iterable<string>): KnownSkills;
  /** Members of a group, in the taxonomy's order. */
  members(groupId: string): readonly string[];
  isInterchangeable(groupId: string): boolean;
  /** A generic skill (RDBMS) that any member of its groups meets. */
  isGeneric(skillId: string): boolean;
  /** The groups, among those whose members are alternatives, that a skill belongs to. */
  interchangeableGroupsOf(skillId: string): readonly string[];
}

export function createKnowledge(normalizer: Normalizer, rules: MatchRules): Knowledge {
  const { taxonomy } = normalizer;
  const order = new Map(taxonomy.skills.map((s, i) => [s.id, i]));
  const members = new Map<string, string[]>();
  for (const skill of taxonomy.skills) {
    for (const group of skill.groups) members.set(group, [...(members.get(group) ?? []), skill.id]);
  }
  const interchangeable = new Set(rules.interchangeableGroups.filter((g) => members.has(g)));
  const generic = Object.entries(rules.genericSkills).filter(([id]) => order.has(id));
  const included = Object.entries(rules.includedWith).filter(([id]) => order.has(id));

  return {
    know(listed) {
      const explicit = [...new Set(listed)]
        .filter((id) => order.has(id))
        .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      const all = new Set(explicit);
      const derived = new Map<string, DerivedReason>();
      const queue = [...explicit];
      const add = (id: string, reason: DerivedReason) => {
        if (all.has(id) || !order.has(id)) return;
        all.add(id);
        derived.set(id, reason);
        queue.push(id);
      };
      // Implications first, then generic skills; a generic skill may imply more in turn.
      for (let changed = true; changed; ) {
        while (queue.length > 0) {
          const id = queue.shift() as string;
          const skill = normalizer.skill(id);
          // What a skill implies (Django ⇒ Python) and the wider skills it counts as (Git ⇒ version control).
          for (const implied of [...(skill?.implies ?? []), ...(skill?.counts ?? [])])
            add(implied, { kind: 'implied', by: id });
        }
        changed = false;
        for (const [id, withSkills] of included) {
          const by = withSkills.find((m) => all.has(m));
          if (!all.has(id) && by) {
            add(id, { kind: 'included', by });
            changed = true;
          }
        }
        for (const [id, groups] of generic) {
          if (all.has(id)) continue;
          const by = groups.flatMap((g) => members.get(g) ?? []).find((m) => m !== id && all.has(m));
          if (by) {
            add(id, { kind: 'generic', by });
            changed = true;
          }
        }
      }
      return { explicit, all, derived };
    },
    members: (groupId) => members.get(groupId) ?? [],
    isInterchangeable: (groupId) => interchangeable.has(groupId),
    isGeneric: (skillId) => generic.some(([id]) => id === skillId),
    interchangeableGroupsOf: (skillId) =>
      (normalizer.skill(skillId)?.groups ?? []).filter((g) => interchangeable.has(g)),
  };
}
