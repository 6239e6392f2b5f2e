/** Edit distance (insertions, deletions, substitutions, swaps of neighbours), given up past `limit`. */
export function distance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidates a mistyped word most likely meant, best first: those it starts, then those within a few
 * edits (one per three characters). Inputs are cut to 50 characters, so this stays cheap on hostile text.
 */
export function closest(input: string, candidates: readonly string[], max = 3): string[] {
  const word = input.normalize('NFKC').trim().toLowerCase().slice(0, 50);
  if (!word) return [];
  const limit = Math.max(1, Math.floor([...word].length / 3));
  const scored: { candidate: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const folded = candidate.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    if (word.length >= 2 && folded.startsWith(word)) {
      scored.push({ candidate, score: 0 });
      continue;
    }
    const d = distance(word, folded, limit);
    if (d <= limit) scored.push({ candidate, score: d });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.length - b.candidate.length)
    .slice(0, max)
    .map((s) => s.candidate);
}
