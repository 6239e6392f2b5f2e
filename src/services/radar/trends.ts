import type { Normalizer } from '../normalize';
import { type Aggregate, monthKey, TREND_TIME_ZONE } from '../summary/aggregate';

export const TREND_MONTHS = { min: 2, max: 24, default: 6 } as const;
export const TREND_SKILLS = 6;

export interface TrendSeries {
  id: string;
  label: string;
  labelKo: string;
  /** Share of each month's postings naming the skill; null for a month without postings. */
  shares: (number | null)[];
  counts: number[];
}

export interface TrendMove {
  id: string;
  label: string;
  labelKo: string;
  from: number;
  to: number;
  /** The first month with postings in the window, where `from` was measured. */
  since: string;
}

export interface Trends {
  role: string;
  roleLabel: { en: string; ko: string };
  timeZone: string;
  /** `2026-06`, oldest first, ending with the current month. */
  months: string[];
  postings: number[];
  series: TrendSeries[];
  /** The largest changes between the first and the last month with postings, largest first. */
  moves: TrendMove[];
}

/** `2026-06` plus n months (n may be negative). */
export function addMonths(key: string, n: number): string {
  const [y = 0, m = 1] = key.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The role's top skills month by month, from the per-month totals kept with the role's running totals. */
export function trendsOf(
  normalizer: Normalizer,
  input: { aggregate: Aggregate; roleLabel: { en: string; ko: string }; now: Date; months: number },
): Trends {
  const { aggregate } = input;
  const last = monthKey(input.now.toISOString(), TREND_TIME_ZONE);
  const months = Array.from({ length: input.months }, (_, i) => addMonths(last, i - input.months + 1));
  const buckets = months.map((m) => aggregate.months[m]);
  const postings = buckets.map((b) => b?.postings ?? 0);
  const totals = new Map<string, number>();
  for (const bucket of buckets) {
    for (const [id, n] of Object.entries(bucket?.skills ?? {})) totals.set(id, (totals.get(id) ?? 0) + n);
  }
  const top = [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TREND_SKILLS)
    .map(([id]) => id);
  const series = top.map((id): TrendSeries => {
    const skill = normalizer.skill(id);
    const label = skill?.label ?? id;
    const counts = buckets.map((b) => b?.skills[id] ?? 0);
    return {
      id,
      label,
      labelKo: skill?.labelKo ?? label,
      counts,
      shares: counts.map((n, i) => ((postings[i] ?? 0) > 0 ? round(n / (postings[i] ?? 1)) : null)),
    };
  });
  const first = postings.findIndex((n) => n > 0);
  const lastWith = postings.findLastIndex((n) => n > 0);
  const moves =
    first >= 0 && lastWith > first
      ? series
          .map((s) => ({
            id: s.id,
            label: s.label,
            labelKo: s.labelKo,
            from: s.shares[first] ?? 0,
            to: s.shares[lastWith] ?? 0,
            since: months[first] ?? '',
          }))
          .filter((m) => m.from !== m.to)
          .sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from))
      : [];
  return {
    role: aggregate.roleId,
    roleLabel: input.roleLabel,
    timeZone: TREND_TIME_ZONE,
    months,
    postings,
    series,
    moves,
  };
}
