/**
 * Where a research document says which role its postings are for. The text is returned as written (cleaned
 * of numbering and decoration); resolving it against the role table is the caller's job.
 */

import { decoratedLabel } from '../labels';
import { loadRoles } from '../taxonomy/load';
import type { RoleTable } from '../taxonomy/schema';

/** Words that name a job whatever the role: `개발자`, `엔지니어`, `developer`. */
const JOB_WORDS_ANY = ['개발자', '엔지니어', 'developer', 'engineer', 'programmer', 'scientist'];
/** What may follow a Korean role word inside one word: `서버개발`, `게임클라이언트` (not `게임즈`). */
const KOREAN_TAIL =
  '(?=$|[^\\uac00-\\ud7a3]|개발|엔지니어|프로그래머|클라이언트|직무|직군|분야|포지션|팀|파트|담당)';

const TAIL = new RegExp(`^${KOREAN_TAIL}`);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern for every role word of the role table (its aliases), longest first. */
export function roleWordPattern(table: RoleTable): RegExp {
  const words = new Set<string>(JOB_WORDS_ANY);
  for (const role of table.roles)
    for (const alias of role.aliases) {
      const word = alias.toLowerCase().trim();
      // Two-letter abbreviations (`be`, `fe`, `pm`) are words of English too; only a few are kept.
      if (/^[a-z]{1,2}$/.test(word) && !['ai', 'ml', 'qa'].includes(word)) continue;
      words.add(word);
    }
  // An alias holding a shorter one (`backend developer` holds `backend`) adds nothing to "mentions".
  const kept: string[] = [];
  for (const word of [...words].sort((a, b) => a.length - b.length)) {
    const padded = ` ${word} `;
    const holds = (short: string) => {
      // Latin words count only at the start: `data scientist` stays, for `DataScientist` written as one.
      if (/[a-z]/.test(short)) return padded.startsWith(` ${short} `);
      const at = word.indexOf(short);
      return at >= 0 && TAIL.test(word.slice(at + short.length));
    };
    if (!kept.some(holds)) kept.push(word);
  }
  const parts = kept
    .sort((a, b) => b.length - a.length)
    .map((word) => {
      const body = word.split(/\s+/).map(escapeRegExp).join('\\s*');
      return /[\uac00-\ud7a3]$/.test(word) ? `${body}${KOREAN_TAIL}` : `(?<![a-z0-9])${body}(?![a-z0-9])`;
    });
  return new RegExp(parts.join('|'), 'i');
}

let roleWords: RegExp | undefined;
const words = () => {
  roleWords ??= roleWordPattern(loadRoles());
  return roleWords;
};

/** Does the text name a kind of job (백엔드, Back - End, DevOps, 게임 클라이언트, Data engineer …)? */
export function mentionsRole(text: string): boolean {
  return words().test(text);
}

const ANY_JOB = new RegExp(JOB_WORDS_ANY.join('|'), 'gi');

/** Names a role beyond `개발자` / `engineer` alone: `MLOps 개발자`, `데이터분석가`, not `엔지니어`. */
export function namesRole(text: string): boolean {
  return mentionsRole(text.replace(ANY_JOB, ' '));
}

/** Does the text open with a role word other than `개발자` / `engineer` alone (`MLOps 개발자`, `서버 개발`)? */
export function opensWithRole(text: string): boolean {
  return words().exec(text)?.index === 0 && !new RegExp(`^(?:${JOB_WORDS_ANY.join('|')})`, 'i').test(text);
}

const FILLER =
  /개발|채용|공고|직무|직군|분야|파트|포지션|부문|팀|engineering|development|team|[\s\p{P}\p{S}\d]/giu;

/** A heading that is a role and nothing else: `## 백엔드`, `### Frontend 채용공고`, not `## 잡플래닛 데이터분석가`. */
export function isRoleOnly(text: string): boolean {
  const role = roleFromHeading(text);
  if (!role) return false;
  return role.replace(new RegExp(words().source, 'gi'), '').replace(FILLER, '') === '';
}

const NUMBERING =
  /^\s*(?:#\d{1,3}\.?\s|\[\d{1,3}\]|\d{1,2}-\d{1,2}\.?\s|\d{1,3}(?:\.\d{1,3})*(?:[.)]|\s)|[①-⑳]|\(\d{1,2}\))\s*/;
const EMOJI = /[\p{Extended_Pictographic}\u{1f1e6}-\u{1f1ff}\ufe0f\u20e3]/gu;

/** Heading text without its numbering, emoji and leftover markup: `### 1.1 무스마` → `무스마`. */
export function stripNumbering(text: string): string {
  return text.replace(EMOJI, '').replace(/[*_`]/g, '').replace(NUMBERING, '').replace(/\s+/g, ' ').trim();
}

const ROLE_KEY =
  /^\s*(?:희망\s*|지원\s*)?(?:직무|직군|포지션|모집\s*분야|모집\s*직무|(?:(?:target|desired|preferred)\s+)?(?:role|position))\s*[:：]\s*(.+)$/i;
const JOB_WORDS =
  /\s*(?:채용\s*공고|채용\s*정보|채용|공고|리서치|분석|목록|리스트|모음|list|postings?|jobs?|openings?)\s*$/i;

/** `직무: 서버/백엔드, 프론트엔드` → [`서버/백엔드`, `프론트엔드`]; undefined when the line is no role line. */
export function parseRoleLine(text: string): string[] | undefined {
  const match = ROLE_KEY.exec(text);
  if (!match?.[1]) return undefined;
  const parts = match[1]
    .replace(/[*_`]/g, '')
    .split(/[,，、]|\s+(?:및|and|or|또는)\s+/)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length > 0 ? parts : undefined;
}

/**
 * The role a grouping heading names, cleaned: `## Back-end 채용공고` → `Back-end`, `## 1. 서버/백엔드` →
 * `서버/백엔드`, `## Back - End 자격요건` → `Back - End`, `## Job - Backend Developer` → `Backend Developer`,
 * `## 직무: 백엔드` → `백엔드`. Undefined when the heading names no role.
 */
export function roleFromHeading(text: string): string | undefined {
  let cleaned = stripNumbering(text);
  const keyed = ROLE_KEY.exec(cleaned)?.[1]?.trim();
  if (keyed) return keyed;
  const decorated = decoratedLabel(cleaned);
  if (decorated?.prefix) cleaned = decorated.prefix;
  cleaned = cleaned.replace(/^\s*(?:job|직무|role)\s*[-:–—]\s*/i, '');
  // `백엔드 채용공고 분석`: words about the list, one after another.
  for (let i = 0; i < 3 && JOB_WORDS.test(cleaned); i++) cleaned = cleaned.replace(JOB_WORDS, '');
  cleaned = cleaned.replace(/[:：]\s*$/, '').trim();
  // `채용공고 리서치 (백엔드)`: the role in brackets after words about the list.
  const bracketed = /^(.*?)\s*[(（[]([^()（）[\]]+)[)）\]]$/.exec(cleaned);
  if (bracketed?.[2] && mentionsRole(bracketed[2]) && !mentionsRole(bracketed[1] ?? ''))
    return bracketed[2].trim();
  if (!cleaned || cleaned.length > 60) return undefined;
  return mentionsRole(cleaned) ? cleaned : undefined;
}

const TITLE_WORDS =
  /개발자|엔지니어|연구원|연구|개발\s*$|디자이너|기획자|매니저|인턴|분석가|애널리스트|컨설턴트|아키텍트|프로듀서|퍼블리셔|(?<![a-z])(?:developer|engineer|researcher|scientist|programmer|designer|manager|intern|lead|analyst|consultant|architect|producer|publisher)(?![a-z])/i;

/** A heading that names a position rather than a company: `AI로봇 비전 개발자`, `3D Vision Research Engineer`. */
export function looksLikeJobTitle(text: string): boolean {
  return TITLE_WORDS.test(text);
}
