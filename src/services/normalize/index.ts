import type { NormalizedItem, Section } from '../postings/schema';
import type { CategoryId, Skill, SkillGroup, Taxonomy } from '../taxonomy/schema';
import { parseExperience } from './experience';
import { createLexicon } from './lexicon';
import { type AliasEntry, createCounter, createImplier, createMatcher } from './matcher';
import { createPhraseFinder } from './phrases';
import { splitItems } from './split';
import { cleanText, lowerSameLength } from './text';

export { parseExperience } from './experience';
export { splitItems } from './split';

const SECTION_LABEL_ONLY =
  /^#{0,6}\s*[[(【<]?\s*(?:자격\s*요건|자격\s*조건|지원\s*자격|필수\s*(?:요건|사항)|요구\s*사항|우대\s*(?:사항|조건)|부가\s*요건|requirements?|qualifications?|preferred|nice to have)\s*[\])】>]?\s*:?$/i;

export interface Normalizer {
  readonly version: string;
  readonly taxonomy: Taxonomy;
  /** `roleId`: the role the posting is filed under; skills that are that role's own work are left out. */
  normalizeItem(text: string, section: Section, roleId?: string): NormalizedItem;
  normalizeSection(text: string, section: Section, roleId?: string): NormalizedItem[];
  skill(id: string): Skill | undefined;
  group(id: string): SkillGroup | undefined;
  categoryLabel(id: CategoryId, locale: 'en' | 'ko'): string;
}

export function createNormalizer(taxonomy: Taxonomy): Normalizer {
  // Aliases, stop phrases and phrase terms in one trie: each item is walked once for all of them.
  const lexicon = createLexicon<AliasEntry>();
  const matcher = createMatcher(taxonomy, lexicon);
  const imply = createImplier(taxonomy);
  const count = createCounter(taxonomy);
  const phrases = createPhraseFinder(taxonomy.phraseRules, taxonomy.phraseWords, lexicon);
  const skills = new Map(taxonomy.skills.map((s) => [s.id, s]));
  const groups = new Map(taxonomy.groups.map((g) => [g.id, g]));
  const ownRoles = new Map(
    taxonomy.skills.filter((s) => s.ownRoles.length > 0).map((s) => [s.id, s.ownRoles]),
  );
  /** Per generic skill, what it gives way to, and the other generic skills it does not give way to (`!id`). */
  const droppedBeside = new Map(
    taxonomy.skills
      .filter((s) => s.droppedBeside.length > 0)
      .map((s) => [
        s.id,
        {
          specific: s.droppedBeside.filter((ref) => !ref.startsWith('!')),
          alsoGeneric: s.droppedBeside.filter((ref) => ref.startsWith('!')).map((ref) => ref.slice(1)),
        },
      ]),
  );
  /** Whether a skill is one of `refs`, or in one of their groups or categories. */
  const inAny = (id: string, refs: readonly string[]) => {
    if (refs.length === 0) return false;
    const skill = skills.get(id);
    return refs.some((ref) => ref === id || skill?.category === ref || skill?.groups.includes(ref) === true);
  };
  const countsFor = (roleId: string | undefined) => (id: string) =>
    roleId === undefined || !ownRoles.get(id)?.includes(roleId);

  /** `clean`: what cleanText() makes of `text`, when the caller has it already. */
  const normalizeItem = (
    text: string,
    section: Section,
    roleId?: string,
    clean = cleanText(text),
  ): NormalizedItem => {
    const experience = parseExperience(clean, true);
    const scan = lexicon.scan(lowerSameLength(clean));
    const found = phrases.find(clean, true, scan);
    const named = matcher.explicitSkills(clean, found.masked, true, scan);
    for (const id of found.skills) if (!named.includes(id)) named.push(id);
    const suppressed = found.suppressed;
    // A suppressed name counts as nothing wider either ("Java Lambda" is no AWS Lambda, so no serverless).
    const listed = suppressed.length > 0 ? named.filter((id) => !inAny(id, suppressed)) : named;
    const counted = count(listed).filter(countsFor(roleId));
    // `database` beside MySQL, or a degree offered as one alternative, is not asked for.
    const generic = (id: string) => {
      const refs = droppedBeside.get(id);
      if (refs === undefined) return false;
      return counted.some(
        (other) => other !== id && !refs.alsoGeneric.includes(other) && inAny(other, refs.specific),
      );
    };
    const kept = counted.filter((id) => !inAny(id, suppressed) && !generic(id));
    const skills = imply(kept);
    return {
      text,
      section,
      skills: suppressed.length > 0 ? skills.filter((s) => !s.implied || !inAny(s.id, suppressed)) : skills,
      ...(experience ? { experience } : {}),
    };
  };

  return {
    version: taxonomy.version,
    taxonomy,
    normalizeItem,
    normalizeSection(text, section, roleId) {
      const items: NormalizedItem[] = [];
      for (const item of splitItems(text)) {
        const clean = cleanText(item);
        if (!SECTION_LABEL_ONLY.test(clean)) items.push(normalizeItem(item, section, roleId, clean));
      }
      return items;
    },
    skill: (id) => skills.get(id),
    group: (id) => groups.get(id),
    categoryLabel: (id, locale) => taxonomy.categories[id]?.[locale] ?? id,
  };
}
