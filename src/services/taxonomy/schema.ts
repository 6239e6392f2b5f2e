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

/** Categories of technologies, as opposed to practices, subjects, soft skills, credentials and domains. */
const NOT_TECHNOLOGY = [
  'practice',
  'cs-fundamentals',
  'soft-skill',
  'language-proficiency',
  'education',
  'domain',
];
export const TECHNOLOGY_CATEGORIES: ReadonlySet<CategoryId> = new Set(
  CATEGORY_IDS.filter((id) => !NOT_TECHNOLOGY.includes(id)),
);

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
    /**
     * What the name always means without naming it (Django ⇒ Python): added as implied, so a summary can
     * say a share comes from implications. Only what holds in every posting belongs here.
     */
    implies: z.array(idSchema).default([]),
    /**
     * Wider skills the name also counts as, named like it (Git is version control, TDD is writing tests):
     * a reader of a summary expects Git under version control.
     */
    counts: z.array(idSchema).default([]),
    /**
     * Roles whose postings do not count it: a backend posting asking for backend experience says nothing
     * a summary of backend postings can use; a frontend posting asking for it does.
     */
    ownRoles: z.array(idSchema).default([]),
    /**
     * A generic skill that an item naming something specific does not ask for: `database` beside MySQL.
     * Skill ids, group ids or category ids; `!id` leaves out a skill that is itself generic (RDBMS).
     */
    droppedBeside: z.array(z.string().min(1)).default([]),
    /** named: a technology, subject or credential the text names; concept: what it asks for in its own words. */
    kind: z.enum(['named', 'concept']).optional(),
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

const CONCEPT_CATEGORIES = new Set<CategoryId>(['soft-skill', 'domain']);
/** Soft skills and domains are concepts; other skills are named unless they say otherwise. */
export const skillKind = (skill: Pick<Skill, 'kind' | 'category'>): 'named' | 'concept' =>
  skill.kind ?? (CONCEPT_CATEGORIES.has(skill.category) ? 'concept' : 'named');

export const phraseRuleSchema = z
  .object({
    id: idSchema,
    /** The skill the phrase names; a rule without one only keeps what it matches from naming anything. */
    skill: idSchema.optional(),
    patterns: z.array(z.string().min(1)).min(1),
    /** Phrases where the words mean something else (운영체제 for 운영): nothing inside them counts. */
    stops: z.array(z.string().min(1)).default([]),
    /**
     * Words that end a phrase when they stand between its terms: in "서비스를 위한 인프라 구축 및 운영" what
     * is run is the infrastructure, not the service.
     */
    breaks: z.array(z.string().min(1)).default([]),
    /** What the rule matches names no skill by alias (`Github 프로필 제출` is a portfolio, not Git). */
    masks: z.boolean().default(false),
    /**
     * Skills (ids, group ids or category ids) the item does not ask for when the rule matches anywhere in
     * it: a degree offered as one alternative ("학위 또는 1년 이상의 경력") is not a required degree.
     */
    suppress: z.array(z.string().min(1)).default([]),
    note: z.string().optional(),
    /** Run by the tests: each `match` text gives the rule's skill (or is masked), no `noMatch` text does. */
    examples: z.object({
      match: z.array(z.string().min(1)).min(1),
      noMatch: z.array(z.string().min(1)).default([]),
    }),
  })
  .refine((rule) => rule.skill !== undefined || rule.masks || rule.suppress.length > 0, {
    message: 'a rule names a skill, masks what it matches, or suppresses skills',
  });
export type PhraseRule = z.infer<typeof phraseRuleSchema>;

const wordListsSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/, 'word list names are lowercase kebab-case'),
  z.array(z.string().min(1)).min(1),
);

export const phraseRulesSchema = z.object({
  /** The taxonomy version: both files change together, and a change renormalizes every posting. */
  version: z.string().min(1),
  /** Word lists the patterns share, referred to as `@name`. */
  words: wordListsSchema.default({}),
  rules: z.array(phraseRuleSchema),
});

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
    /** From data/concepts.json: concepts written as phrases rather than names, and their word lists. */
    phraseRules: z.array(phraseRuleSchema).default([]),
    phraseWords: wordListsSchema.default({}),
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
      for (const counted of skill.counts) {
        if (!skillIds.has(counted) || counted === skill.id) {
          ctx.addIssue({ code: 'custom', message: `${skill.id}: counts as unknown skill ${counted}` });
        }
      }
    }
    const ruleIds = new Set<string>();
    for (const rule of taxonomy.phraseRules) {
      if (ruleIds.has(rule.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id ${rule.id}` });
      ruleIds.add(rule.id);
      if (rule.skill !== undefined && !skillIds.has(rule.skill)) {
        ctx.addIssue({ code: 'custom', message: `rule ${rule.id}: unknown skill ${rule.skill}` });
      }
    }
  });
export type Taxonomy = z.infer<typeof taxonomySchema>;

export const roleSchema = z.object({
  id: idSchema,
  label: localizedSchema,
  /**
   * What a posting of this role asks for, to tell its role when the document does not say: skill ids,
   * group ids or category ids, each with its weight (a skill counts once, with its heaviest reference).
   */
  signals: z.record(z.string(), z.number().positive()).optional(),
  aliases: z.array(z.string().min(1)),
});
export type Role = z.infer<typeof roleSchema>;

export const roleTableSchema = z.object({
  /**
   * A role is inferred from skills only when its score reaches `minScore` and is at least `ratio` times the
   * next role's: a posting that asks for a bit of everything stays without a role rather than get a wrong one.
   */
  inference: z.object({ minScore: z.number().positive(), ratio: z.number().min(1) }).optional(),
  roles: z.array(roleSchema).min(1),
});
export type RoleTable = z.infer<typeof roleTableSchema>;
