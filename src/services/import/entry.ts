/**
 * The company and position an entry's heading names: `햇살랩 - 백엔드 개발자`, `달무리소프트 (서버 개발자)`,
 * `구슬모아 | 백엔드 엔지니어 | 링크`, `Backend Engineer at Bluefin`, `Northwind — Backend Engineer`.
 */
import { looksLikeJobTitle, mentionsRole, namesRole, opensWithRole } from './role';

const GENERIC_LINK =
  /^(?:링크|link|url|공고|공고\s*(?:링크|보기|바로\s*가기|원문|페이지)|채용\s*(?:공고|링크|페이지)|원문|바로\s*가기|지원\s*(?:하기|링크)?|보기|자세히(?:\s*보기)?|상세(?:\s*보기)?|here|apply|posting|job\s*(?:posting|post|link|ad))$/i;
/** Job boards: the site a link leads to, unless nothing else on the line names the company (원티드 hires too). */
const JOB_BOARD =
  /^(?:원티드|wanted|프로그래머스|programmers|점핏|jumpit|사람인|saramin|잡코리아|jobkorea|로켓펀치|rocketpunch|linkedin|링크드인)$/i;

const linkWords = (text: string) => text.replace(/[[\]()<>【】🔗👉➡→]|\ufe0f/gu, '').trim();

/** Link text that says where it leads rather than naming anything: `링크`, `공고 보기`, `Job posting`. */
export function isGenericLinkText(text: string): boolean {
  return GENERIC_LINK.test(linkWords(text));
}

/** A job board's name as link text (`[원티드](…)`): the company only when nothing else names one. */
export function isJobBoardText(text: string): boolean {
  return JOB_BOARD.test(linkWords(text));
}

export const isUrlText = (text: string) => /^(?:https?:\/\/|www\.)/i.test(text.trim());

/**
 * Separators that always part company from position (the first one does; the position keeps the rest):
 * spaced bars and dashes, or a dash written against the position (`위대한 상상 -백엔드`).
 */
const STRONG = /\s+[|｜\-–—]\s+|\s+[-–—](?=[^\s\d\-–—])|(?<=[^\s\d\-–—])[-–—]\s+/;
/** Separators that part them only when the second part reads as a position. */
const WEAK = /\s+\/\s+|\s*[:：]\s+/;

const isPosition = (text: string) => looksLikeJobTitle(text) || mentionsRole(text);
const tidy = (text: string) => text.replace(/^[\s:：\-–—|｜,]+|[\s:：\-–—|｜,]+$/g, '').trim();
const dropBoards = (text: string) =>
  text
    .split(/\s+[|｜]\s+/)
    .filter((part) => !isGenericLinkText(part) && !isUrlText(part))
    .join(' | ');

export interface EntryName {
  company: string;
  title?: string;
}

/** Company and position of an entry's text (numbering and emoji already removed). */
export function splitEntryName(text: string): EntryName {
  // `투에니원센추리((Back-end Engineer))`: doubled brackets read as one pair.
  const whole = tidy(dropBoards(tidy(text)))
    .replace(/([(（])[(（]+/g, '$1')
    .replace(/([)）])[)）]+/g, '$1');
  const strong = STRONG.exec(whole);
  if (strong && strong.index > 0) {
    const first = tidy(whole.slice(0, strong.index));
    const rest = tidy(whole.slice(strong.index + strong[0].length));
    // `백엔드 개발자 - 햇살랩`: the position first.
    if (first && rest && isPosition(first) && !isPosition(rest) && !STRONG.test(rest))
      return { company: rest, title: first };
    if (first && rest) return { company: first, title: rest };
  }
  const single = whole;
  // `[쿠키런: 킹덤] 데이터 분석가`: the name in brackets, the position after it.
  const bracket = /^[[【]([^\]】]+)[\]】]\s*(.+)$/.exec(single);
  if (bracket?.[1] && bracket[2] && isPosition(bracket[2]) && !isPosition(bracket[1]))
    return { company: tidy(bracket[1]), title: tidy(bracket[2]) };
  const weak = WEAK.exec(single);
  if (weak && weak.index > 0) {
    const company = tidy(single.slice(0, weak.index));
    const title = tidy(single.slice(weak.index + weak[0].length));
    if (company && title && isPosition(title) && !isPosition(company)) return { company, title };
  }
  const at = /^(.+?)\s+(?:at|@)\s+(.+)$/i.exec(single);
  if (at?.[1] && at[2] && looksLikeJobTitle(at[1]) && !looksLikeJobTitle(at[2]))
    return { company: tidy(at[2]), title: tidy(at[1]) };
  return splitParenthesis(single) ?? splitBeforeRole(single) ?? { company: single };
}

const SENIORITY =
  /^(?:신입|경력|주니어|시니어|junior|senior|jr\.?|sr\.?|lead|신입\/경력|경력\/신입|\[[^\]]*\])$/i;

/** `잡플래닛 데이터분석가`, `카카오 서버 개발자`: a name of a word or two, then the role. */
export function splitBeforeRole(text: string): EntryName | undefined {
  const words = text.split(/\s+/);
  for (let cut = 1; cut <= Math.min(2, words.length - 1); cut++) {
    const company = words.slice(0, cut).join(' ');
    const title = words.slice(cut).join(' ');
    if (isPosition(company) || SENIORITY.test(company) || /^[\d\p{P}\p{S}]+$/u.test(company))
      return undefined;
    if (opensWithRole(title) && namesRole(title) && looksLikeJobTitle(title)) return { company, title };
  }
  return undefined;
}

/** `달무리소프트 (서버 개발자)` → company and position; `바다랩스 (바다앱)` is no split. */
function splitParenthesis(text: string): EntryName | undefined {
  const paren = /^(.+?)\s*[(（]([^()（）]+)[)）]$/.exec(text);
  if (paren?.[1] && paren[2]) {
    const inner = paren[2].trim();
    if (isPosition(inner) && !/^\s*\d+\s*명\s*$/.test(inner))
      return { company: paren[1].trim(), title: inner };
  }
  return undefined;
}
