import type { MatchedSkill } from '../postings/schema';
import { type CategoryId, type Taxonomy, TECHNOLOGY_CATEGORIES } from '../taxonomy/schema';
import { createLexicon, type Lexicon, type LexiconScan } from './lexicon';
import { cleanText, isHangul, isWordCode, lowerSameLength, matchForm } from './text';

export interface AliasEntry {
  skillId: string;
  length: number;
  /** Case-sensitive spelling of a name that is also a common word; undefined for ordinary aliases. */
  contextual?: string;
  needsWordStart: boolean;
  needsWordEnd: boolean;
  needsNonHangulBefore: boolean;
  /** A version may be glued on (React18, Java17, Vue3.x): a name of three letters or more ending in one. */
  versionMayFollow: boolean;
}

interface Hit {
  entry: AliasEntry;
  start: number;
  end: number;
}

const HANGUL_SPACE = /([\uac00-\ud7a3]) (?=[\uac00-\ud7a3])/g;
/** Words after a name that show it is the technology: Go 언어, Excel 활용 능력, Swift 사용 경험, Node 환경. */
const TECH_WORD_AFTER =
  /^(?:\d{1,4}(?:\.(?:\d{1,3}|x))*)?\s?(?:언어|language|lang\b|프로그래밍|programming|프레임워크|framework|라이브러리|library|(?:을|를)?\s?(?:활용|사용|다루|능숙|숙련)|skills?\b|proficiency|(?:의\s?)?(?:기반|환경)|(?:으?로\s?)?(?:개발|서버)|developer|development|server\b)/i;
const CONTEXT_REJECT_AFTER = /^(?:&|'|’|-\s?level|\s?레벨|\s?level)/i;
const CONTEXT_REJECT_BEFORE = /let['’]?s\s*$/i;
/** A version number glued to a name: 18, 17, 3.2, 2.x; a letter after it makes it part of another word. */
const VERSION = /^\d{1,4}(?:\.(?:\d{1,3}|x))*(?![a-z_])/;
/** Categories whose names show a bullet is about technology, so a word like Go or Express there is the tech. */
const TECH_CATEGORIES = new Set<CategoryId>([...TECHNOLOGY_CATEGORIES, 'practice']);

/** key is the alias in match form; spelling is the alias as written (kept for case-sensitive names). */
function aliasEntry(skillId: string, key: string, spelling?: string): AliasEntry {
  const first = key.charCodeAt(0);
  const last = key.charCodeAt(key.length - 1);
  return {
    skillId,
    length: key.length,
    ...(spelling !== undefined ? { contextual: cleanText(spelling) } : {}),
    needsWordStart: isWordCode(first),
    needsWordEnd: isWordCode(last),
    needsNonHangulBefore: key.length === 1 && isHangul(first),
    versionMayFollow: key.length >= 3 && last >= 0x61 && last <= 0x7a,
  };
}

/** A position right after a space or punctuation: where a word of its own begins. */
const startsWord = (text: string, at: number) => at > 0 && /[\s/(,·]/.test(text.charAt(at - 1));

export interface Matcher {
  /**
   * Skills an item names, in order of appearance, each once; implied skills are not added here. Nothing
   * inside the `masked` spans (positions in the cleaned text) counts. `cleaned`: the text is already what
   * cleanText() makes of it. `scan`: the lexicon's walk over that text, when the caller has it already.
   */
  explicitSkills(
    text: string,
    masked?: readonly { start: number; end: number }[],
    cleaned?: boolean,
    scan?: LexiconScan<AliasEntry>,
  ): string[];
}

/** `lexicon`: the trie the aliases and stop phrases go into, shared with the phrase rules' terms. */
export function createMatcher(
  taxonomy: Taxonomy,
  lexicon: Lexicon<AliasEntry> = createLexicon<AliasEntry>(),
): Matcher {
  const categories = new Map<string, CategoryId>(taxonomy.skills.map((skill) => [skill.id, skill.category]));
  const insert = (key: string, entry: AliasEntry) => lexicon.addAlias(key, entry);
  const keys = new Set<string>();
  for (const skill of taxonomy.skills) {
    for (const alias of skill.aliases) {
      const key = matchForm(alias);
      if (key) insert(key, aliasEntry(skill.id, key));
      keys.add(key);
    }
    for (const alias of skill.contextAliases) {
      const key = matchForm(alias);
      if (key) insert(key, aliasEntry(skill.id, key, alias));
      keys.add(key);
    }
  }
  // Korean compounds are written with or without their spaces (형상 관리, 형상관리; 서비스 운영, 서비스운영):
  // an alias spaced between Hangul words also matches closed up, unless that spelling is another alias.
  for (const skill of taxonomy.skills) {
    for (const alias of skill.aliases) {
      const key = matchForm(alias);
      const closed = key.replace(HANGUL_SPACE, '$1');
      if (closed !== key && !keys.has(closed)) {
        insert(closed, aliasEntry(skill.id, closed));
        keys.add(closed);
      }
    }
  }

  for (const phrase of taxonomy.stopPhrases) lexicon.addStop(matchForm(phrase));

  const accepts = (entry: AliasEntry, original: string, lower: string, start: number, end: number) => {
    if (entry.needsWordEnd && isWordCode(lower.charCodeAt(end))) {
      if (!entry.versionMayFollow || !VERSION.test(lower.slice(end, end + 12))) return false;
    }
    if (entry.contextual !== undefined) {
      if (original.slice(start, end) !== entry.contextual) return false;
      if (CONTEXT_REJECT_AFTER.test(original.slice(end, end + 8))) return false;
      if (CONTEXT_REJECT_BEFORE.test(original.slice(Math.max(0, start - 8), start))) return false;
    }
    return true;
  };

  /** At each position the longest alias that fits there, unless an earlier one still covers it. */
  const aliasHits = (original: string, lower: string, found: LexiconScan<AliasEntry>): Hit[] => {
    const { aliasAt, aliasStart, aliasEnd } = found;
    const hits: Hit[] = [];
    let coveredUntil = 0;
    let k = 0;
    while (k < aliasAt.length) {
      const i = aliasStart[k] ?? 0;
      const before = lower.charCodeAt(i - 1);
      let best: Hit | undefined;
      // The walk lists a position's aliases from the shortest to the longest.
      for (; k < aliasAt.length && aliasStart[k] === i; k++) {
        const entry = aliasAt[k] as AliasEntry;
        const j = aliasEnd[k] ?? 0;
        if (entry.needsWordStart && isWordCode(before)) continue;
        if (entry.needsNonHangulBefore && isHangul(before)) continue;
        if (!accepts(entry, original, lower, i, j)) continue;
        // Equal lengths: an ordinary alias beats a contextual one.
        if (
          !best ||
          j > best.end ||
          (best.entry.contextual !== undefined && entry.contextual === undefined)
        ) {
          best = { entry, start: i, end: j };
        }
      }
      if (best && best.end > coveredUntil && (best.start >= coveredUntil || startsWord(lower, best.start))) {
        hits.push(best);
        coveredUntil = best.end;
      }
    }
    return hits;
  };

  return {
    explicitSkills(text, extraMasked = [], cleaned = false, given) {
      const original = cleaned ? text : cleanText(text);
      // A walk given along was made over this text in lower case, which keeps its length.
      const reuse = given !== undefined && given.text.length === original.length;
      const lower = reuse ? given.text : lowerSameLength(original);
      const found = reuse ? given : lexicon.scan(lower);
      const masked = [...found.stops, ...extraMasked.map((m): [number, number] => [m.start, m.end])];
      const hits = aliasHits(original, lower, found).filter(
        (hit) => !masked.some(([from, to]) => hit.start < to && hit.end > from),
      );
      const plainTech = hits.some(
        (hit) =>
          hit.entry.contextual === undefined &&
          TECH_CATEGORIES.has(categories.get(hit.entry.skillId) ?? 'domain'),
      );
      const contextualIds = new Set(
        hits.filter((h) => h.entry.contextual !== undefined).map((h) => h.entry.skillId),
      );
      const ids: string[] = [];
      for (const hit of hits) {
        if (hit.entry.contextual !== undefined) {
          const namedAsTech = TECH_WORD_AFTER.test(original.slice(hit.end, hit.end + 12));
          if (!plainTech && !namedAsTech && contextualIds.size < 2) continue;
        }
        if (!ids.includes(hit.entry.skillId)) ids.push(hit.entry.skillId);
      }
      return ids;
    },
  };
}

/** Adds the wider skills named skills count as (Git ⇒ version control), as named skills. */
export function createCounter(taxonomy: Taxonomy): (explicit: string[]) => string[] {
  const direct = new Map(taxonomy.skills.map((s) => [s.id, s.counts]));
  return (explicit) => {
    const out = [...explicit];
    const seen = new Set(explicit);
    for (let i = 0; i < out.length; i++) {
      for (const next of direct.get(out[i] ?? '') ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        out.push(next);
      }
    }
    return out;
  };
}

/** Adds what named skills imply (Django REST Framework ⇒ Django ⇒ Python), marked as implied. */
export function createImplier(taxonomy: Taxonomy): (explicit: string[]) => MatchedSkill[] {
  const direct = new Map(taxonomy.skills.map((s) => [s.id, s.implies]));
  const closure = new Map<string, string[]>();
  const resolve = (id: string, seen: Set<string>): string[] => {
    const cached = closure.get(id);
    if (cached) return cached;
    const out: string[] = [];
    for (const next of direct.get(id) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      out.push(next, ...resolve(next, seen));
    }
    const unique = [...new Set(out)];
    closure.set(id, unique);
    return unique;
  };
  return (explicit) => {
    const result: MatchedSkill[] = explicit.map((id) => ({ id }));
    const named = new Set(explicit);
    for (const id of explicit) {
      for (const implied of resolve(id, new Set([id]))) {
        if (named.has(implied)) continue;
        named.add(implied);
        result.push({ id: implied, implied: true });
      }
    }
    return result;
  };
}
