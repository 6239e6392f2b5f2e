import type { NormalizedItem, Section } from '../postings/schema';
import type { CategoryId, Skill, SkillGroup, Taxonomy } from '../taxonomy/schema';
import { parseExperience } from './experience';
import { createImplier, createMatcher } from './matcher';
import { splitItems } from './split';
import { cleanText } from './text';

export { parseExperience } from './experience';
export { splitItems } from './split';

const SECTION_LABEL_ONLY =
  /^#{0,6}\s*[[(【<]?\s*(?:자격\s*요건|자격\s*조건|지원\s*자격|필수\s*(?:요건|사항)|요구\s*사항|우대\s*(?:사항|조건)|부가\s*요건|requirements?|qualifications?|preferred|nice to have)\s*[\])】>]?\s*:?$/i;

export interface Normalizer {
  readonly version: string;
  readonly taxonomy: Taxonomy;
  normalizeItem(text: string, section: Section): NormalizedItem;
  normalizeSection(text: string, section: Section): NormalizedItem[];
  skill(id: string): Skill | undefined;
  group(id: string): SkillGroup | undefined;
  categoryLabel(id: CategoryId, locale: 'en' | 'ko'): string;
}

export function createNormalizer(taxonomy: Taxonomy): Normalizer {
  const matcher = createMatcher(taxonomy);
  const imply = createImplier(taxonomy);
  const skills = new Map(taxonomy.skills.map((s) => [s.id, s]));
  const groups = new Map(taxonomy.groups.map((g) => [g.id, g]));

  const normalizeItem = (text: string, section: Section): NormalizedItem => {
    const experience = parseExperience(text);
    return {
      text,
      section,
      skills: imply(matcher.explicitSkills(text)),
      ...(experience ? { experience } : {}),
    };
  };

  return {
    version: taxonomy.version,
    taxonomy,
    normalizeItem,
    normalizeSection(text, section) {
      return splitItems(text)
        .filter((item) => !SECTION_LABEL_ONLY.test(cleanText(item)))
        .map((item) => normalizeItem(item, section));
    },
    skill: (id) => skills.get(id),
    group: (id) => groups.get(id),
    categoryLabel: (id, locale) => taxonomy.categories[id]?.[locale] ?? id,
  };
}
