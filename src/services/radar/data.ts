import { z } from 'zod';
import { DATA_DIR, loadJson } from '../taxonomy/load';

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase kebab-case');

/** How skills stand in for one another when a member's profile is matched against postings. */
export const matchRulesSchema = z.object({
  version: z.number().int().positive(),
  /**
   * Groups whose members postings list as alternatives (`Django, Flask 등`): knowing one member is said once
   * ("you know Flask") instead of listing every other member as missing.
   */
  interchangeableGroups: z.array(idSchema),
  /** Generic skills (RDBMS, 클라우드) that any member of the named groups meets (MySQL meets RDBMS). */
  genericSkills: z.record(idSchema, z.array(idSchema).min(1)),
  /** Skills that come with another one (Django ORM with Django): knowing the second counts for the first. */
  includedWith: z.record(idSchema, z.array(idSchema).min(1)).default({}),
});
export type MatchRules = z.infer<typeof matchRulesSchema>;

/** Official documentation only: the project's own docs, its standard or its specification. */
export const docsSchema = z.object({
  version: z.number().int().positive(),
  docs: z.record(
    idSchema,
    z
      .url({ protocol: /^https$/, hostname: z.regexes.domain })
      .max(300, 'a docs URL is at most 300 characters'),
  ),
});
export type DocsTable = z.infer<typeof docsSchema>;

export const loadMatchRules = (path = `${DATA_DIR}match.json`): MatchRules =>
  loadJson(path, matchRulesSchema);
export const loadDocs = (path = `${DATA_DIR}docs.json`): DocsTable => loadJson(path, docsSchema);
