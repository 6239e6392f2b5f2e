import type { Normalizer } from '../../src/services/normalize';
import type { NormalizedItem } from '../../src/services/postings/schema';

/** One hand-labeled posting: the skills its text names explicitly (implied ones are not listed). */
export interface LabeledPosting {
  id: string;
  role: string;
  requirements: string;
  preferred: string;
  expected: string[];
}

export interface Miss {
  posting: string;
  skill: string;
}

export interface FalsePositive extends Miss {
  /** The items the skill was found in, to see which alias fired. */
  items: string[];
}

export interface AccuracyReport {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: FalsePositive[];
  falseNegatives: Miss[];
}

/**
 * Micro precision and recall of the normalizer's explicit (non-implied) skills against the labels,
 * counting each skill once per posting across both sections.
 */
export function evaluateLabeled(
  normalizer: Pick<Normalizer, 'normalizeSection'>,
  postings: readonly LabeledPosting[],
): AccuracyReport {
  let truePositives = 0;
  const falsePositives: FalsePositive[] = [];
  const falseNegatives: Miss[] = [];

  for (const posting of postings) {
    const items: NormalizedItem[] = [
      ...normalizer.normalizeSection(posting.requirements, 'required', posting.role),
      ...normalizer.normalizeSection(posting.preferred, 'preferred', posting.role),
    ];
    const found = new Map<string, string[]>();
    for (const item of items) {
      for (const skill of item.skills) {
        if (skill.implied) continue;
        const texts = found.get(skill.id) ?? [];
        texts.push(item.text);
        found.set(skill.id, texts);
      }
    }
    const expected = new Set(posting.expected);
    for (const [skill, texts] of found) {
      if (expected.has(skill)) truePositives++;
      else falsePositives.push({ posting: posting.id, skill, items: texts });
    }
    for (const skill of expected) {
      if (!found.has(skill)) falseNegatives.push({ posting: posting.id, skill });
    }
  }

  const predicted = truePositives + falsePositives.length;
  const relevant = truePositives + falseNegatives.length;
  return {
    precision: predicted === 0 ? 1 : truePositives / predicted,
    recall: relevant === 0 ? 1 : truePositives / relevant,
    truePositives,
    falsePositives,
    falseNegatives,
  };
}
