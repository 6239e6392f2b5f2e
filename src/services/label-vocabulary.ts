/**
 * The words of research notes' section labels, as data (`data/labels.json`): which labels open the
 * requirements, the preferred qualifications, or a part that is neither, and which headings open the
 * author's summary or a list of references. Spacing does not matter: words are compared without spaces.
 */
import { z } from 'zod';
import { DATA_DIR, loadJson } from './taxonomy/load';

const words = z.array(z.string().trim().min(1).max(40)).min(1);

export const labelVocabularySchema = z
  .object({
    required: words,
    preferred: words,
    other: words,
    /** Headings of the author's own summary (`Review`, `공통사항`, `총평`). */
    summary: words,
    /** Headings of a list of what the author read (`참고`, `출처`). */
    reference: words,
  })
  .strict()
  .superRefine((vocabulary, ctx) => {
    const seen = new Map<string, string>();
    for (const kind of ['required', 'preferred', 'other'] as const) {
      vocabulary[kind].forEach((word, i) => {
        const key = word.toLowerCase().replace(/\s+/g, '');
        const before = seen.get(key);
        if (before && before !== kind)
          ctx.addIssue({
            code: 'custom',
            path: [kind, i],
            message: `"${word}" is already a ${before} label`,
          });
        seen.set(key, kind);
      });
    }
  });

export type LabelVocabulary = z.infer<typeof labelVocabularySchema>;

export function loadLabelVocabulary(path = `${DATA_DIR}labels.json`): LabelVocabulary {
  return loadJson(path, labelVocabularySchema);
}
