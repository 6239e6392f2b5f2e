import type { Normalizer } from '../normalize';
import type { RoleTable } from '../taxonomy/schema';

/** When the role table sets no margin of its own. */
const DEFAULT_MARGIN = { minScore: 4, ratio: 2 };

export interface RoleInference {
  /** The role whose profile the skills fit clearly better than any other's, if one does. */
  roleId: string;
  score: number;
  /** The next role's score, for the margin. */
  runnerUp: number;
}

/**
 * Tells the role of a posting the document gives no role for from what it asks: each role's `signals` in
 * data/roles.json weigh skills, skill groups and categories; every skill named in the posting adds, to each
 * role, the weight of its heaviest reference there. Implied skills add nothing (Django already said it).
 */
export function createRoleInference(normalizer: Normalizer, table: RoleTable) {
  const { minScore, ratio } = table.inference ?? DEFAULT_MARGIN;
  const known = (ref: string) =>
    normalizer.skill(ref) !== undefined ||
    normalizer.group(ref) !== undefined ||
    Object.hasOwn(normalizer.taxonomy.categories, ref);
  for (const role of table.roles) {
    const unknown = Object.keys(role.signals ?? {}).filter((ref) => !known(ref));
    if (unknown.length > 0) {
      throw new Error(
        `roles.json: role ${role.id}: signals name what the taxonomy does not have: ${unknown.join(', ')}`,
      );
    }
  }
  const profiles = table.roles
    .filter((role) => role.signals && Object.keys(role.signals).length > 0)
    .map((role) => ({ id: role.id, signals: new Map(Object.entries(role.signals ?? {})) }));

  const weightIn = (signals: Map<string, number>, skillId: string) => {
    const skill = normalizer.skill(skillId);
    const refs = [skillId, ...(skill?.groups ?? []), ...(skill ? [skill.category] : [])];
    return Math.max(0, ...refs.map((ref) => signals.get(ref) ?? 0));
  };

  return {
    /** Scores the posting's items against every role; undefined unless one role wins with a clear margin. */
    infer(required: readonly string[], preferred: readonly string[]): RoleInference | undefined {
      const named = new Set<string>();
      const items = [
        ...normalizer.normalizeSection(required.join('\n'), 'required'),
        ...normalizer.normalizeSection(preferred.join('\n'), 'preferred'),
      ];
      for (const item of items) for (const skill of item.skills) if (!skill.implied) named.add(skill.id);
      const scores = profiles
        .map((profile) => ({
          roleId: profile.id,
          score: [...named].reduce((sum, id) => sum + weightIn(profile.signals, id), 0),
        }))
        .sort((a, b) => b.score - a.score);
      const [best, next] = scores;
      if (!best || best.score < minScore) return undefined;
      const runnerUp = next?.score ?? 0;
      if (best.score < runnerUp * ratio) return undefined;
      return { roleId: best.roleId, score: best.score, runnerUp };
    },
  };
}
export type RoleInferrer = ReturnType<typeof createRoleInference>;
