import type { Half, LabeledPosting } from './labels';

export type Kind = 'named' | 'concept';
export type SectionName = 'required' | 'preferred';

/** What the normalizer made of one labeled section: the skills it names, and the items' texts. */
export interface Predicted {
  skills: Set<string>;
  /** item text → the named skills found in it, to show which item a false positive came from. */
  items: { text: string; skills: string[] }[];
}

export interface PostingResult {
  document: string;
  half: Half;
  posting: LabeledPosting;
  sections: Partial<Record<SectionName, Predicted>>;
  /** The posting's required experience as the normalizer reads it (null: none stated). */
  minYears: number | null;
  maxYears: number | null;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Miss {
  document: string;
  company: string;
  section: SectionName;
  skill: string;
  kind: Kind;
  type: 'fp' | 'fn';
  /** For a false positive, the items it was found in; for a false negative, the section's items. */
  items: string[];
}

export interface HalfReport {
  documents: number;
  postings: number;
  sections: Record<Kind, Counts>;
  /** The same with a posting's two sections merged, as a summary's "either" column counts. */
  postingsMerged: Record<Kind, Counts>;
  experience: { right: number; total: number; maxRight: number; maxTotal: number };
  unknownIds: Map<string, number>;
  misses: Miss[];
  experienceMisses: { document: string; company: string; expected: string; got: string }[];
}

const emptyCounts = (): Record<Kind, Counts> => ({
  named: { tp: 0, fp: 0, fn: 0 },
  concept: { tp: 0, fp: 0, fn: 0 },
});

export const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

function compare(
  expected: ReadonlySet<string>,
  found: ReadonlySet<string>,
  kindOf: (id: string) => Kind,
  into: Record<Kind, Counts>,
  onMiss?: (skill: string, kind: Kind, type: 'fp' | 'fn') => void,
) {
  for (const id of found) {
    const kind = kindOf(id);
    if (expected.has(id)) into[kind].tp++;
    else {
      into[kind].fp++;
      onMiss?.(id, kind, 'fp');
    }
  }
  for (const id of expected) {
    if (found.has(id)) continue;
    const kind = kindOf(id);
    into[kind].fn++;
    onMiss?.(id, kind, 'fn');
  }
}

const yearsText = (min: number | null | undefined, max: number | null | undefined) =>
  min === null || min === undefined ? 'none' : max ? `${min}~${max}` : String(min);

/** Scores one half: skills per section (named and concepts apart) and experience per posting. */
export function scoreHalf(
  results: readonly PostingResult[],
  kindOf: (id: string) => Kind,
  known: (id: string) => boolean,
): HalfReport {
  const report: HalfReport = {
    documents: new Set(results.map((r) => r.document)).size,
    postings: results.length,
    sections: emptyCounts(),
    postingsMerged: emptyCounts(),
    experience: { right: 0, total: 0, maxRight: 0, maxTotal: 0 },
    unknownIds: new Map(),
    misses: [],
    experienceMisses: [],
  };
  for (const result of results) {
    const { posting } = result;
    const company = posting.company ?? posting.position ?? '?';
    const expectedAll = new Set<string>();
    const foundAll = new Set<string>();
    for (const section of ['required', 'preferred'] as const) {
      const label = posting[section];
      const predicted = result.sections[section];
      if (!label || !predicted) continue;
      const expected = new Set(label.skills);
      for (const id of expected) {
        expectedAll.add(id);
        if (!known(id)) report.unknownIds.set(id, (report.unknownIds.get(id) ?? 0) + 1);
      }
      for (const id of predicted.skills) foundAll.add(id);
      compare(expected, predicted.skills, kindOf, report.sections, (skill, kind, type) => {
        const items =
          type === 'fp'
            ? predicted.items.filter((i) => i.skills.includes(skill)).map((i) => i.text)
            : predicted.items.map((i) => i.text);
        report.misses.push({ document: result.document, company, section, skill, kind, type, items });
      });
    }
    compare(expectedAll, foundAll, kindOf, report.postingsMerged);

    report.experience.total++;
    const expectedMin = posting.minYears;
    if (expectedMin === result.minYears) report.experience.right++;
    else {
      report.experienceMisses.push({
        document: result.document,
        company,
        expected: yearsText(expectedMin, posting.maxYears),
        got: yearsText(result.minYears, result.maxYears),
      });
    }
    if (posting.maxYears !== undefined && posting.maxYears !== null) {
      report.experience.maxTotal++;
      if (posting.maxYears === result.maxYears) report.experience.maxRight++;
    }
  }
  return report;
}
