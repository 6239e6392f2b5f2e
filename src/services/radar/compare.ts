import type { RoleSummary, SkillShare } from '../summary';

export interface ComparedSkill {
  id: string;
  label: string;
  labelKo: string;
  /** Share of each role's postings naming it (either section). */
  a: number;
  b: number;
}

export interface Comparison {
  a: { role: string; label: { en: string; ko: string }; postings: number };
  b: { role: string; label: { en: string; ko: string }; postings: number };
  /** Skills both roles' postings name, by the smaller of the two shares. */
  both: ComparedSkill[];
  /** Skills only one role's postings name, most shared first. */
  onlyA: ComparedSkill[];
  onlyB: ComparedSkill[];
  /** The largest differences in share, whichever way. */
  differences: ComparedSkill[];
}

export const COMPARE_SHOWN = 10;

/** Two roles side by side, from their summaries (running totals): what both ask, what only one asks. */
export function compareSummaries(a: RoleSummary, b: RoleSummary, shown = COMPARE_SHOWN): Comparison {
  const byId = new Map<string, ComparedSkill>();
  const entry = (s: SkillShare) =>
    byId.get(s.id) ?? { id: s.id, label: s.label, labelKo: s.labelKo, a: 0, b: 0 };
  for (const s of a.either) byId.set(s.id, { ...entry(s), a: s.share });
  for (const s of b.either) byId.set(s.id, { ...entry(s), b: s.share });
  const all = [...byId.values()];
  const tie = (x: ComparedSkill, y: ComparedSkill) => x.label.localeCompare(y.label);
  return {
    a: { role: a.role, label: a.roleLabel, postings: a.postings },
    b: { role: b.role, label: b.roleLabel, postings: b.postings },
    both: all
      .filter((s) => s.a > 0 && s.b > 0)
      .sort((x, y) => Math.min(y.a, y.b) - Math.min(x.a, x.b) || tie(x, y))
      .slice(0, shown),
    onlyA: all
      .filter((s) => s.a > 0 && s.b === 0)
      .sort((x, y) => y.a - x.a || tie(x, y))
      .slice(0, shown),
    onlyB: all
      .filter((s) => s.b > 0 && s.a === 0)
      .sort((x, y) => y.b - x.b || tie(x, y))
      .slice(0, shown),
    differences: all
      .filter((s) => s.a !== s.b)
      .sort((x, y) => Math.abs(y.a - y.b) - Math.abs(x.a - x.b) || tie(x, y))
      .slice(0, shown),
  };
}
