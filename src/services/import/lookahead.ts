/**
 * What the tokens after a point say about it: whether a line heads the next entry, whether a summary
 * heading holds entries, whether a link names nothing. Each look is bounded, so reading stays linear.
 */

import { isSummaryHeading, type LabelKind } from '../labels';
import { isGenericLinkText } from './entry';
import { roleFromHeading, stripNumbering } from './role';
import type { Body } from './sections';
import type { Token } from './token';

const QUALIFICATION_WORDS =
  /경험|경력|이상|능력|가능|이해|지식|역량|보유|능숙|숙련|활용|우대|전공|학력|졸업|자격증|소지|관심|(?:분|자)$|experience|knowledge|ability|proficien|familiar|understanding|years?|degree/i;

/** Reads like a qualification (`Python 3년 이상`, `원활한 소통이 가능하신 분`). */
export const isQualification = (text: string) => QUALIFICATION_WORDS.test(text);

const isAnchor = (token: Token | undefined) =>
  token?.t === 'label' && token.label.kind !== 'other' && !token.label.common;
export const headingText = (token: Token) => (token.t === 'heading' ? stripNumbering(token.line.text) : '');

/** The next token that is not a link, key–value or role line. */
function nextSignificant(tokens: readonly Token[], from: number): Token | undefined {
  for (let j = from; j < tokens.length && j < from + 4; j++) {
    const token = tokens[j];
    if (token && token.t !== 'link' && token.t !== 'kv' && token.t !== 'role') return token;
  }
  return undefined;
}

/** A name, not an item: short, no sentence, and its company part reads like no qualification. */
const nameLike = (text: string) =>
  [...text].length <= 60 &&
  !isQualification(text.replace(/[()[\]]|개발자|엔지니어|developer|engineer/gi, ' ').trim());
const SENTENCE_END = /(?:니다|어요|아요|해요|세요)[.!]?\s*$|[.!?]\s*$/;

/** An item or line right before a label at its own depth or under it: the head of the next entry. */
export function headsNextEntry(
  tokens: readonly Token[],
  i: number,
  depth: number,
  text: string,
  sibling: boolean,
): boolean {
  if (SENTENCE_END.test(text)) return false;
  for (let j = i + 1; j < tokens.length && j < i + MAX_SUBTREE; j++) {
    const token = tokens[j];
    if (token?.t === 'label' && token.depth > depth && isAnchor(token)) return true;
    if (!token || !inSubtree(token, depth)) break;
  }
  if (!sibling) return false;
  const next = nextSignificant(tokens, i + 1);
  return isAnchor(next) && next?.t === 'label' && next.depth === depth && nameLike(text);
}

const MAX_SUBTREE = 400;
const inSubtree = (token: Token, depth: number) =>
  ((token.t === 'item' || token.t === 'text' || token.t === 'label') && token.depth > depth) ||
  token.t === 'link' ||
  token.t === 'kv' ||
  token.t === 'role';

/** Items nested under the item at `i`. */
export const hasSubtree = (tokens: readonly Token[], i: number, depth: number) => {
  const next = tokens[i + 1];
  return next !== undefined && (next.t === 'item' || next.t === 'text') && next.depth > depth;
};

/** A summary heading's section holds postings when it has entry headings, tables of postings or repeats. */
export function holdsEntries(tokens: readonly Token[], i: number, level: number): boolean {
  const seen = new Map<LabelKind, number>();
  let roleTable = false;
  for (let j = i + 1; j < tokens.length; j++) {
    const token = tokens[j];
    if (!token) break;
    if (token.t === 'heading') {
      if (token.level <= level) break;
      const text = headingText(token);
      if (!isSummaryHeading(text) && !roleFromHeading(text)) return true;
    }
    if (token.t === 'card') {
      // `| 구분 | 백엔드 | 프론트엔드 |`: a table of roles is part of the summary.
      if (!roleFromHeading(token.line.text)) return true;
      roleTable = true;
    }
    if (token.t === 'label' && isAnchor(token) && !roleTable) {
      const count = (seen.get(token.label.kind) ?? 0) + 1;
      if (count > 1) return true;
      seen.set(token.label.kind, count);
    }
  }
  return false;
}

const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/** A link that names nothing: `[공고 보기](…)`, a bare address, a `링크:` line. */
export const isLoneLink = (token: Token | undefined) =>
  (token?.t === 'link' &&
    token.line.links.every(
      (l) => !l.text || isGenericLinkText(l.text) || /^(?:https?:|www\.)/i.test(l.text),
    )) ||
  (token?.t === 'kv' && token.key === 'url');

export const hasLink = (body: Body) =>
  [...body.context, ...body.trailing].some(
    (t) =>
      'line' in t &&
      !(t.t === 'heading' && t.level === 1) &&
      (t.line.links.some((l) => isWebLink(l.url)) || (t.t === 'kv' && t.key === 'url')),
  );
