import { canBeChoseong, convertQwertyToHangul, disassemble, getChoseong } from 'es-hangul';
import type { Normalizer } from '../normalize';
import { type Skill, TECHNOLOGY_CATEGORIES } from '../taxonomy/schema';

interface Name {
  skill: Skill;
  /** Lowercased, without spaces and punctuation. */
  plain: string;
  /** The initial consonants of its Hangul syllables (장고 → ㅈㄱ); empty for names without Hangul. */
  choseong: string;
  /** Jamo by jamo (장고 → ㅈㅏㅇㄱㅗ), so a half-typed syllable (`장ㄱ`) still matches. */
  jamo: string;
}

/** Among equal matches, technologies come before degrees and soft skills (`ㅈㄱ`: 장고 before 전공). */
const tech = (skill: Skill) => (TECHNOLOGY_CATEGORIES.has(skill.category) ? 1 : 0);

const squeeze = (text: string) => text.toLowerCase().replace(/[\s\-_./·()]+/g, '');
const isChoseongQuery = (query: string) => query.length > 0 && [...query].every((c) => canBeChoseong(c));
const hasHangul = (text: string) => /[\u3131-\u318e\uac00-\ud7a3]/.test(text);

export interface SkillSearch {
  /**
   * Skills whose label or aliases match what was typed, best first: English or Korean, whole or begun
   * (`dja`, `장`), by initial consonants (`ㅈㄱ` → 장고), half a syllable typed (`장ㄱ`), or Korean typed
   * on an English keyboard (`wkdrh` → 장고). `rank` breaks ties (the skills the server's postings ask most).
   */
  search(query: string, options?: { limit?: number; rank?: (id: string) => number }): Skill[];
}

export function createSkillSearch(normalizer: Normalizer): SkillSearch {
  const names: Name[] = normalizer.taxonomy.skills.flatMap((skill) =>
    [...new Set([skill.label, skill.labelKo, skill.id, ...skill.aliases, ...skill.contextAliases])]
      .filter((n): n is string => Boolean(n))
      .map((n) => {
        const plain = squeeze(n);
        return {
          skill,
          plain,
          choseong: hasHangul(n) ? squeeze(getChoseong(n)) : '',
          jamo: hasHangul(n) ? disassemble(plain) : '',
        };
      }),
  );

  const score = (name: Name, q: string, qJamo: string, choseongOnly: boolean): number => {
    if (name.plain === q) return 100;
    if (name.plain.startsWith(q)) return 80 - Math.min(20, name.plain.length - q.length);
    if (choseongOnly && name.choseong === q) return 78;
    if (qJamo && name.jamo.startsWith(qJamo)) return 70;
    if (choseongOnly && name.choseong.startsWith(q)) return 65;
    if (q.length >= 2 && name.plain.includes(q)) return 40;
    if (choseongOnly && q.length >= 2 && name.choseong.includes(q)) return 30;
    return 0;
  };

  const run = (query: string, limit: number, rank: (id: string) => number): Skill[] => {
    const q = squeeze(query).slice(0, 100);
    const choseongOnly = isChoseongQuery(q);
    const qJamo = hasHangul(q) ? disassemble(q) : '';
    const best = new Map<string, { skill: Skill; score: number }>();
    for (const name of names) {
      const s = q ? score(name, q, qJamo, choseongOnly) : 1;
      if (s === 0) continue;
      const seen = best.get(name.skill.id);
      if (!seen || seen.score < s) best.set(name.skill.id, { skill: name.skill, score: s });
    }
    return [...best.values()]
      .sort(
        (a, b) =>
          b.score - a.score ||
          rank(b.skill.id) - rank(a.skill.id) ||
          tech(b.skill) - tech(a.skill) ||
          a.skill.label.localeCompare(b.skill.label),
      )
      .slice(0, limit)
      .map((entry) => entry.skill);
  };

  return {
    search(query, options = {}) {
      const limit = options.limit ?? 25;
      const rank = options.rank ?? (() => 0);
      const found = run(query, limit, rank);
      if (found.length > 0 || !/^[a-z]+$/i.test(query.trim())) return found;
      // Nothing for `wkdrh`: perhaps Korean typed with the keyboard in English mode.
      const hangul = convertQwertyToHangul(query.trim());
      return hangul && hangul !== query ? run(hangul, limit, rank) : found;
    },
  };
}
