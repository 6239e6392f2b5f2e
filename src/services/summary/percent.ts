/**
 * A share as a whole percent, the one rounding rule of every reply and export: from the counts themselves
 * (5 of 13 is 38%), never from a share that was already rounded (0.385 would say 39%).
 */
export function wholePercent(count: number, total: number): number {
  return total <= 0 ? 0 : Math.round((count * 100) / total);
}

/** For a share known only as a fraction (last week's snapshot): the same rule on what is left of it. */
export const wholePercentOfShare = (share: number) => Math.round(share * 100);
