import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogramStats } from '../src/services/summary/aggregate';

/** The obvious way: one element per posting, sorted. */
function naiveStats(histogram: Record<string, number>) {
  const values = Object.entries(histogram)
    .flatMap(([years, n]) => Array<number>(n).fill(Number(years)))
    .sort((a, b) => a - b);
  const mid = Math.floor(values.length / 2);
  const median =
    values.length === 0
      ? null
      : values.length % 2 === 1
        ? (values[mid] ?? 0)
        : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
  return { min: values[0] ?? null, median, max: values.at(-1) ?? null, count: values.length };
}

// Years as the normalizer stores them: whole years and halves, 0 for newcomers.
const years = fc.integer({ min: 0, max: 40 }).map((half) => String(half / 2));
const histogram = fc.dictionary(years, fc.integer({ min: 0, max: 60 }), { maxKeys: 25 });

describe('experience histogram', () => {
  it('gives the same min, median, max and count as expanding and sorting', () => {
    fc.assert(
      fc.property(histogram, (h) => {
        expect(histogramStats(h)).toEqual(naiveStats(h));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the mean of the two middle values across bins, and ignores empty bins', () => {
    expect(histogramStats({ '1': 1, '10': 0, '3': 1 })).toEqual({ min: 1, median: 2, max: 3, count: 2 });
    expect(histogramStats({ '0.5': 2, '2': 2 }).median).toBe(1.25);
    expect(histogramStats({})).toEqual({ min: null, median: null, max: null, count: 0 });
  });

  it('handles counts far larger than could be expanded', () => {
    expect(histogramStats({ '1': 5_000_000, '2': 5_000_001 })).toEqual({
      min: 1,
      median: 2,
      max: 2,
      count: 10_000_001,
    });
  });
});
