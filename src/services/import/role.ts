/**
 * Where a research document says which role its postings are for. The text is returned as written (cleaned
 * of numbering and decoration); resolving it against the role table is the caller's job.
 */

import { decoratedLabel } from '../labels';

const ROLE_WORDS = new RegExp(
  [
    '백\\s*[엔앤]드',
    '프[론런]트',
    '서버',
    '풀\\s*스택',
    '데이터\\s*(?:엔지니어|사이언티스트|분석)',
    '게임',
    '클라이언트',
    '안드로이드',
    '모바일',
    '머신\\s*러닝',
    '딥\\s*러닝',
    '인공\\s*지능',
    '컴퓨터\\s*비전',
    '임베디드',
    '보안',
    '인프라',
    '데브\\s*옵스',
    '웹\\s*개발',
    '개발자',
    '엔지니어',
    '(?<![a-z])(?:back|front)\\s*-?\\s*end(?![a-z])',
    '(?<![a-z])(?:backend|frontend|server|devops|mlops|sre|full\\s*-?\\s*stack|fullstack|ios|android|mobile|' +
      'game|unity|unreal|embedded|security|infra(?:structure)?|data|ai|ml|machine learning|deep learning|' +
      'computer vision|vision|developer|engineer|programmer|scientist|qa)(?![a-z])',
  ].join('|'),
  'i',
);

/** Does the text name a kind of job (백엔드, Back - End, DevOps, 게임 클라이언트, Data engineer …)? */
export function mentionsRole(text: string): boolean {
  return ROLE_WORDS.test(text);
}

const NUMBERING = /^\s*(?:\d{1,3}(?:\.\d{1,3})*(?:[.)]|\s)|[①-⑳]|\(\d{1,2}\))\s*/;
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
  if (!cleaned || cleaned.length > 60) return undefined;
  return mentionsRole(cleaned) ? cleaned : undefined;
}

const TITLE_WORDS =
  /개발자|엔지니어|연구원|연구|개발\s*$|디자이너|기획자|매니저|인턴|(?<![a-z])(?:developer|engineer|researcher|scientist|programmer|designer|manager|intern|lead)(?![a-z])/i;

/** A heading that names a position rather than a company: `AI로봇 비전 개발자`, `3D Vision Research Engineer`. */
export function looksLikeJobTitle(text: string): boolean {
  return TITLE_WORDS.test(text);
}
