import type { Normalizer } from '../normalize';
import { CATEGORY_IDS, type CategoryId } from '../taxonomy/schema';
import type { Aggregate } from './aggregate';

export interface RadarAxis {
  category: CategoryId;
  label: { en: string; ko: string };
  /** Share of the role's postings asking for at least one skill of the category, per section. */
  required: number;
  preferred: number;
  either: number;
}

/** A radar with more spokes than this is unreadable: the categories postings ask least are left out. */
export const MAX_AXES = 10;
export const MIN_AXES = 3;

const share = (count: number | undefined, total: number) => (total > 0 ? (count ?? 0) / total : 0);

/** Every category's shares in one role, in the taxonomy's order. */
export function categoryShares(aggregate: Aggregate, normalizer: Normalizer): RadarAxis[] {
  const total = aggregate.postings;
  return CATEGORY_IDS.map((category) => ({
    category,
    label: { en: normalizer.categoryLabel(category, 'en'), ko: normalizer.categoryLabel(category, 'ko') },
    required: share(aggregate.categories.required[category], total),
    preferred: share(aggregate.categories.preferred[category], total),
    either: share(aggregate.categories.either[category], total),
  }));
}

/**
 * The categories a radar shows for these roles: the ones asked most (by their largest share in any of the
 * roles), at most MAX_AXES of them, kept in the taxonomy's order so the same category sits at the same
 * place on every chart. Pads with the next categories so a radar always has MIN_AXES spokes.
 */
export function chooseAxes(shares: RadarAxis[][]): CategoryId[] {
  const best = new Map<CategoryId, number>();
  for (const list of shares) {
    for (const axis of list) best.set(axis.category, Math.max(best.get(axis.category) ?? 0, axis.either));
  }
  const ranked = CATEGORY_IDS.filter((c) => (best.get(c) ?? 0) > 0).sort(
    (a, b) => (best.get(b) ?? 0) - (best.get(a) ?? 0),
  );
  const chosen = new Set(ranked.slice(0, MAX_AXES));
  for (const c of CATEGORY_IDS) {
    if (chosen.size >= MIN_AXES) break;
    chosen.add(c);
  }
  return CATEGORY_IDS.filter((c) => chosen.has(c));
}

export function pick(shares: RadarAxis[], axes: CategoryId[]): RadarAxis[] {
  return axes.map((c) => shares.find((a) => a.category === c) as RadarAxis);
}
