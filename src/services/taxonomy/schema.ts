import { z } from 'zod';

export const CATEGORY_IDS = [
  'language',
  'framework',
  'library',
  'database',
  'cloud',
  'devops',
  'testing',
  'tool',
  'platform',
  'practice',
  'cs-fundamentals',
  'data-ai',
  'soft-skill',
  'language-proficiency',
  'education',
  'domain',
] as const;
export const categoryIdSchema = z.enum(CATEGORY_IDS);
export type CategoryId = z.infer<typeof categoryIdSchema>;

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase kebab-case');
const localizedSchema = z.object({ en: z.string().min(1), ko: z.string().min(1) });

export const skillSchema = z
  .object({
    id: idSchema,
    label: z.string().min(1),
    /** Korean display name, where it differs from the English one (성장 의지, 자료구조). */
    labelKo: z.string().min(1).optional(),
    category: categoryIdSchema,
    groups: z.array(idSchema).default([]),
    implies: z.array(idSchema).default([]),
    /** Matched case-insensitively wherever they stand as a word (Korean particles may follow). */
    aliases: z.array(z.string().min(1)).default([]),
    /**
     * Names that are also common words (Go, C, R, Swift, Spring, Rails, Express): matched case-sensitively,
     * and only when the item shows it is about technology (another skill beside it, or 언어/language after it).
     */
    contextAliases: z.array(z.string().min(1)).default([]),
  })
  .refine((skill) => skill.aliases.length + skill.contextAliases.length > 0, {
    message: 'a skill needs at least one alias or context alias',
  });
export type Skill = z.infer<typeof skillSchema>;

export const groupSchema = z.object({ id: idSchema, label: localizedSchema });
export type SkillGroup = z.infer<typeof groupSchema>;

export const taxonomySchema = z
  .object({
    version: z.string().min(1),
    categories: z.record(categoryIdSchema, localizedSchema),
    groups: z.array(groupSchema),
    skills: z.array(skillSchema).min(1),
    /**
     * Phrases that contain a skill's name without asking for it (비전공자 지원 가능, 리소스 관리): no skill is
     * matched inside them.
     */
    stopPhrases: z.array(z.string().min(2)).default([]),
  })
  .superRefine((taxonomy, ctx) => {
    const groupIds = new Set(taxonomy.groups.map((g) => g.id));
    const skillIds = new Set<string>();
    for (const skill of taxonomy.skills) {
      if (skillIds.has(skill.id)) ctx.addIssue({ code: 'custom', message: `duplicate skill id ${skill.id}` });
      skillIds.add(skill.id);
    }
    for (const skill of taxonomy.skills) {
      for (const group of skill.groups) {
        if (!groupIds.has(group))
          ctx.addIssue({ code: 'custom', message: `${skill.id}: unknown group ${group}` });
      }
      for (const implied of skill.implies) {
        if (!skillIds.has(implied)) {
          ctx.addIssue({ code: 'custom', message: `${skill.id}: implies unknown skill ${implied}` });
        }
      }
    }
  });
export type Taxonomy = z.infer<typeof taxonomySchema>;

export const roleSchema = z.object({
  id: idSchema,
  label: localizedSchema,
  aliases: z.array(z.string().min(1)),
});
export type Role = z.infer<typeof roleSchema>;

export const roleTableSchema = z.object({ roles: z.array(roleSchema).min(1) });
export type RoleTable = z.infer<typeof roleTableSchema>;
