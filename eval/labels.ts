import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const lineRange = z.tuple([z.number().int().positive(), z.number().int().positive()]);

const sectionLabelSchema = z.object({
  lines: z.array(lineRange).min(1),
  /** In a Markdown table: the header of the column holding the section, in the rows of `lines`. */
  column: z.string().min(1).optional(),
  skills: z.array(z.string().min(1)),
});
export type SectionLabel = z.infer<typeof sectionLabelSchema>;

export const labeledPostingSchema = z.object({
  company: z.string().nullable().optional(),
  position: z.string().nullable().optional(),
  role: z.string().nullable().optional(),
  required: sectionLabelSchema.nullable(),
  preferred: sectionLabelSchema.nullable(),
  minYears: z.number().min(0).max(50).nullable(),
  maxYears: z.number().min(0).max(50).nullable().optional(),
  newIds: z.record(z.string(), z.string()).optional(),
  notes: z.string().optional(),
});
export type LabeledPosting = z.infer<typeof labeledPostingSchema>;

export const labelFileSchema = z.object({
  document: z.string().regex(/^(?:seeds|corpus)\/[^/]+$/, 'a file under seeds/ or corpus/'),
  postings: z.array(labeledPostingSchema),
});
export type LabelFile = z.infer<typeof labelFileSchema>;

export const splitSchema = z.object({
  about: z.string().optional(),
  tuning: z.array(z.string()),
  heldOut: z.array(z.string()),
});
export type Split = z.infer<typeof splitSchema>;

export type Half = 'tuning' | 'heldOut';

function readJson<T extends z.ZodType>(path: string, schema: T): z.infer<T> {
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid ${path}:\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}

export const readSplit = (path: string): Split => {
  const split = readJson(path, splitSchema);
  const both = split.tuning.filter((d) => split.heldOut.includes(d));
  if (both.length > 0) throw new Error(`${path}: in both halves: ${both.join(', ')}`);
  return split;
};

/** Every label file in a folder, sorted by name so runs print the same order. */
export function readLabelFiles(dir: string): LabelFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readJson(join(dir, name), labelFileSchema));
}

export function halfOf(split: Split, document: string): Half | undefined {
  if (split.tuning.includes(document)) return 'tuning';
  if (split.heldOut.includes(document)) return 'heldOut';
  return undefined;
}
