import { z } from 'zod';

export const SECTIONS = ['required', 'preferred'] as const;
export const sectionSchema = z.enum(SECTIONS);
export type Section = z.infer<typeof sectionSchema>;

export const experienceSchema = z.object({
  /** Minimum years the item asks for (6개월 → 0.5, 신입/경력 무관 → 0). */
  minYears: z.number().min(0).max(50),
  maxYears: z.number().min(0).max(50).optional(),
  /** 신입, 경력 무관, junior, new grad: the item says newcomers may apply. */
  junior: z.boolean(),
});
export type Experience = z.infer<typeof experienceSchema>;

export const matchedSkillSchema = z.object({
  id: z.string(),
  /** Added because a named skill implies it (Django ⇒ Python), not named in the text. */
  implied: z.literal(true).optional(),
});
export type MatchedSkill = z.infer<typeof matchedSkillSchema>;

export const normalizedItemSchema = z.object({
  text: z.string(),
  section: sectionSchema,
  skills: z.array(matchedSkillSchema),
  experience: experienceSchema.optional(),
});
export type NormalizedItem = z.infer<typeof normalizedItemSchema>;

export const POSTING_SCHEMA_VERSION = 1;
export const MAX_FIELD_CHARS = {
  company: 100,
  title: 150,
  url: 500,
  requirements: 4000,
  preferred: 4000,
} as const;

/** Characters that show nothing (zero-width spaces, joiners, BOM, soft hyphens) or turn text around (bidi). */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
export const withoutInvisible = (text: string) => text.replace(INVISIBLE, '');

/** A one-line field: invisible characters removed, then trimmed and measured. */
const line = (min: number, max: number) =>
  z.string().transform(withoutInvisible).pipe(z.string().trim().min(min).max(max));

/** What a member submits: the raw posting as it was written. */
export const postingInputSchema = z.object({
  company: line(1, MAX_FIELD_CHARS.company),
  role: z.string().trim().min(1).max(100),
  title: line(0, MAX_FIELD_CHARS.title).optional(),
  url: line(0, MAX_FIELD_CHARS.url).optional(),
  requirements: z.string().max(MAX_FIELD_CHARS.requirements),
  preferred: z.string().max(MAX_FIELD_CHARS.preferred).default(''),
  submittedBy: z.string().optional(),
});
export type PostingInput = z.input<typeof postingInputSchema>;

export const postingSchema = z.object({
  schema: z.literal(POSTING_SCHEMA_VERSION),
  id: z.number().int().positive(),
  company: z.string(),
  roleId: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  requirementsText: z.string(),
  preferredText: z.string(),
  submittedBy: z.string().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  taxonomyVersion: z.string(),
  items: z.array(normalizedItemSchema),
});
export type Posting = z.infer<typeof postingSchema>;
