import type { Normalizer } from '../normalize';
import type { Posting } from '../postings/schema';
import type { Aggregate } from '../summary/aggregate';
import type { CategoryId } from '../taxonomy/schema';

export interface SkillInRole {
  role: string;
  label: { en: string; ko: string };
  postings: number;
  /** Postings of the role naming the skill, and their share, per section. */
  either: number;
  required: number;
  preferred: number;
  share: number;
}

export interface SkillDetail {
  id: string;
  label: string;
  labelKo: string;
  category: CategoryId;
  groups: { id: string; label: { en: string; ko: string } }[];
  docs: string | null;
  /** Postings naming it in the whole server, and of how many. */
  postings: number;
  of: number;
  roles: SkillInRole[];
  /** Skills most often named in the same postings, within the window of latest postings. */
  together: { id: string; label: string; labelKo: string; count: number; share: number }[];
  latest: { id: number; company: string; title?: string; url?: string; role: string; createdAt: string }[];
  /** The window those two lists come from: how many postings named the skill in it, of how many read. */
  window: { naming: number; read: number; complete: boolean };
}

export const TOGETHER_SHOWN = 8;
export const LATEST_SHOWN = 5;

const round = (x: number) => Math.round(x * 1000) / 1000;

export function skillDetail(
  deps: {
    normalizer: Normalizer;
    docs: Record<string, string>;
    roleLabel: (id: string) => { en: string; ko: string };
  },
  input: { skillId: string; aggregates: Aggregate[]; window: { postings: Posting[]; complete: boolean } },
): SkillDetail {
  const { normalizer } = deps;
  const skill = normalizer.skill(input.skillId);
  if (!skill) throw new Error(`unknown skill ${input.skillId}`);
  const roles = input.aggregates
    .map((a): SkillInRole => {
      const either = a.skills.either[skill.id] ?? 0;
      return {
        role: a.roleId,
        label: deps.roleLabel(a.roleId),
        postings: a.postings,
        either,
        required: a.skills.required[skill.id] ?? 0,
        preferred: a.skills.preferred[skill.id] ?? 0,
        share: a.postings > 0 ? round(either / a.postings) : 0,
      };
    })
    .filter((r) => r.either > 0)
    .sort((x, y) => y.share - x.share || y.either - x.either);

  // What the skill implies and what implies it (Django ⇒ Python) come along by definition: not "together".
  const related = new Set([skill.id, ...skill.implies]);
  for (const other of normalizer.taxonomy.skills) if (other.implies.includes(skill.id)) related.add(other.id);
  const naming = input.window.postings.filter((p) =>
    p.items.some((i) => i.skills.some((s) => s.id === skill.id)),
  );
  const together = new Map<string, number>();
  for (const posting of naming) {
    const ids = new Set(posting.items.flatMap((i) => i.skills.map((s) => s.id)));
    for (const id of ids) if (!related.has(id)) together.set(id, (together.get(id) ?? 0) + 1);
  }
  return {
    id: skill.id,
    label: skill.label,
    labelKo: skill.labelKo ?? skill.label,
    category: skill.category,
    groups: skill.groups.map((g) => ({ id: g, label: normalizer.group(g)?.label ?? { en: g, ko: g } })),
    docs: deps.docs[skill.id] ?? null,
    postings: input.aggregates.reduce((sum, a) => sum + (a.skills.either[skill.id] ?? 0), 0),
    of: input.aggregates.reduce((sum, a) => sum + a.postings, 0),
    roles,
    together: [...together]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOGETHER_SHOWN)
      .map(([id, count]) => {
        const other = normalizer.skill(id);
        const label = other?.label ?? id;
        return { id, label, labelKo: other?.labelKo ?? label, count, share: round(count / naming.length) };
      }),
    latest: naming.slice(0, LATEST_SHOWN).map((p) => ({
      id: p.id,
      company: p.company,
      ...(p.title ? { title: p.title } : {}),
      ...(p.url ? { url: p.url } : {}),
      role: p.roleId,
      createdAt: p.createdAt,
    })),
    window: { naming: naming.length, read: input.window.postings.length, complete: input.window.complete },
  };
}
