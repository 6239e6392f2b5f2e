import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNormalizer } from '../src/services/normalize';
import { loadTaxonomy } from '../src/services/taxonomy/load';
import { evaluateLabeled, type LabeledPosting } from './support/accuracy';

const postings: LabeledPosting[] = JSON.parse(
  readFileSync(new URL('./fixtures/labeled/postings.json', import.meta.url), 'utf8'),
);

describe('normalizer accuracy on the labeled postings', () => {
  const taxonomy = loadTaxonomy();
  const normalizer = createNormalizer(taxonomy);
  const report = evaluateLabeled(normalizer, postings);

  it('labels only skills the taxonomy knows', () => {
    const known = new Set(taxonomy.skills.map((s) => s.id));
    const unknown = postings.flatMap((p) =>
      p.expected.filter((id) => !known.has(id)).map((id) => `${p.id}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it('covers the genre: at least 60 postings across the roles', () => {
    expect(postings.length).toBeGreaterThanOrEqual(60);
    const roles = new Set(postings.map((p) => p.role));
    for (const role of [
      'backend',
      'frontend',
      'data-engineer',
      'ai-ml',
      'devops',
      'mobile',
      'game',
      'embedded',
      'qa',
    ]) {
      expect(roles).toContain(role);
    }
  });

  it('finds explicit skills with precision ≥ 0.95 and recall ≥ 0.90', () => {
    const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `labeled postings: ${postings.length}, precision ${percent(report.precision)}, recall ${percent(report.recall)} ` +
        `(tp ${report.truePositives}, fp ${report.falsePositives.length}, fn ${report.falseNegatives.length})`,
    );
    if (report.falsePositives.length > 0) {
      console.log(
        `false positives:\n${report.falsePositives.map((f) => `  ${f.posting}: ${f.skill} ← ${f.items[0]}`).join('\n')}`,
      );
    }
    if (report.falseNegatives.length > 0) {
      console.log(
        `false negatives:\n${report.falseNegatives.map((f) => `  ${f.posting}: ${f.skill}`).join('\n')}`,
      );
    }
    expect(report.precision).toBeGreaterThanOrEqual(0.95);
    expect(report.recall).toBeGreaterThanOrEqual(0.9);
  });
});
