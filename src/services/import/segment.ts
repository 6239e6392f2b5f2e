/**
 * The second step: the token stream cut into postings. A posting is anchored on a run of requirement /
 * preferred labels; its context is the heading path above it and the tokens since the previous posting;
 * links right after it (before anything that names the next entry) are its trailing links. The author's
 * summary sections are set apart, and an entry with no labels is anchored on its qualification-like list.
 */

import { decoratedLabel, isBracketOnly, isReferenceHeading, isSummaryHeading } from '../labels';
import { isGenericLinkText } from './entry';
import { inlineItems } from './items';
import {
  hasLink,
  hasSubtree,
  headingText,
  headsNextEntry,
  holdsEntries,
  isLoneLink,
  isQualification,
} from './lookahead';
import { isRoleOnly, mentionsRole, roleFromHeading } from './role';
import { addItem, type Body, readItem, type Section, textMin } from './sections';
import type { Token } from './token';

export type { Body, BodyItem } from './sections';
export { itemText } from './sections';

export interface Segments {
  bodies: Body[];
  /** Line ranges (1-based, inclusive) of the author's own summaries. */
  summaries: [number, number][];
  /** Roles the document states before its first posting (`희망 직무: 백엔드`). */
  documentRoles: string[];
  /** Tokens read as context (headings, lines between postings): what names an entry with no posting. */
  seen: Token[];
  /** Items and lines that the labels after them hang from: entry heads, however plain. */
  heads: Set<Token>;
}

/** Words of a label: a heading holding them is about sections (`자격조건 분석`), not an entry. */
const LABEL_WORDS = /자격|우대|요건|조건|requirement|qualification|preferred/i;
type ItemToken = Token & { t: 'item' };

/**
 * List items each holding three or more nested items, most of them reading like qualifications
 * (`- 해오름랩` then `  - Vue.js 개발 경험 2년 이상` …), in the tokens no posting took.
 */
function listEntries(tokens: readonly Token[]): { head: ItemToken; items: ItemToken[] }[] {
  const out: { head: ItemToken; items: ItemToken[] }[] = [];
  let current: { head: ItemToken; items: ItemToken[] } | undefined;
  const close = () => {
    const entry = current;
    current = undefined;
    if (!entry || entry.items.length < 3) return;
    const qualified = entry.items.filter((t) => isQualification(t.line.text)).length;
    if (qualified * 3 >= entry.items.length * 2 && !isQualification(entry.head.line.text)) out.push(entry);
  };
  for (const token of tokens) {
    if (token.t !== 'item') continue;
    if (current && token.depth > current.head.depth) current.items.push(token);
    else {
      close();
      current = { head: token, items: [] };
    }
  }
  close();
  return out;
}

/**
 * The document's title: its first `#` heading, or else its first heading when no other heading is as
 * high (`## 채용공고 리서치` over `###` entries).
 */
/** An entry with no labels: its list, taken as its requirements. */
function unlabeledBody(context: Token[], at: number, items: readonly Token[]): Body {
  const body: Body = { items: [], kinds: new Set(), context, trailing: [], roles: [], at, unlabeled: true };
  const list: Section = { kind: 'required', depth: -1, min: 0, textMin: 0, combined: true, exclude: false };
  for (const t of items) if ('line' in t && 'depth' in t) addItem(body, t.line.text, t.depth, list);
  return body;
}

export function titleOf(tokens: readonly Token[]): (Token & { t: 'heading' }) | undefined {
  const headings = tokens.filter((t): t is Token & { t: 'heading' } => t.t === 'heading' && t.level <= 6);
  const first = headings[0];
  const top = headings.find((t) => t.level === 1);
  if (top || !first) return top;
  return headings.every((t) => t === first || t.level > first.level) ? first : undefined;
}

export function segment(tokens: readonly Token[], lastLine: number): Segments {
  const documentTitle = titleOf(tokens);
  const out: Segments = { bodies: [], summaries: [], documentRoles: [], seen: [], heads: new Set() };
  const stack: { token: Token & { t: 'heading' }; bodies: number }[] = [];
  let between: Token[] = [];
  let cur: Body | undefined;
  let last: Body | undefined;
  let section: Section | undefined;
  /** A summary (or reference list) being passed over: its start line and the heading level that ends it. */
  let skip: { from: number; level: number; record: boolean; min?: number } | undefined;

  const endBody = () => {
    if (cur) {
      out.bodies.push(cur);
      last = cur;
      for (const entry of stack) entry.bodies++;
    }
    cur = undefined;
    section = undefined;
  };
  /** Leading links of what came after the last posting are its trailing links, when it has none. */
  const note = (token: Token) => {
    between.push(token);
    out.seen.push(token);
  };
  /**
   * Links right after a posting that has none (`[공고 보기](…)`, a bare address, `링크: …`) are its trailing
   * links; otherwise they lead the next entry.
   */
  const takeTrailing = () => {
    let n = 0;
    while (n < between.length && isLoneLink(between[n])) n++;
    if (n > 0 && last && !hasLink(last)) {
      last.trailing.push(...between.slice(0, n));
      between = between.slice(n);
    }
  };
  const freeItems = () => between.filter((t) => t.t === 'item' || (t.t === 'text' && t.line.bullet));
  /** An entry heading whose section ends with no posting: its qualification-like list, unlabeled. */
  const closeHeading = (entry: { token: Token & { t: 'heading' }; bodies: number }) => {
    if (entry.bodies > 0) return;
    const items = freeItems();
    const listed = new Set<Token>(items);
    const inner = stack[stack.length - 1] === entry;
    const qualified = items.filter((t) => t.t !== 'heading' && 'line' in t && isQualification(t.line.text));
    const heading = entry.token.line.text;
    const entryLike = [...heading].length <= 40 && !/[.:：]\s*$/.test(heading) && !LABEL_WORDS.test(heading);
    const own = entry.token !== documentTitle && listEntries(between).length === 0;
    if (own && inner && entryLike && items.length >= 3 && qualified.length * 2 >= items.length) {
      const context = [...path(), ...between.filter((t) => !listed.has(t))];
      const body = unlabeledBody(context, items[0]?.at ?? entry.token.at, items);
      if (body.items.length > 0) {
        out.bodies.push(body);
        for (const e of stack) e.bodies++;
        between = [];
        return;
      }
    }
    noteListEntries();
  };
  /** `- 회사` with its qualification-like list nested under it and no labels: kept in case nothing has any. */
  const listed: Body[] = [];
  const noteListEntries = () => {
    const entries = listEntries(between);
    if (entries.length === 0) return;
    const taken = new Set<Token>(entries.flatMap((e) => [e.head, ...e.items]));
    between = between.filter((t) => !taken.has(t));
    for (const entry of entries) {
      const body = unlabeledBody([...path(), entry.head], entry.items[0]?.at ?? entry.head.at, entry.items);
      listed.push(body);
    }
  };
  /**
   * `- ## 백엔드` then `## [회사](…)` entries at the same level: a role heading with no posting of its own
   * names the role of the entries after it, until another role heading or a higher heading.
   */
  let roleGroup: (Token & { t: 'heading' }) | undefined;
  const popTo = (level: number) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.token.level ?? 0) >= level) {
      const entry = stack[stack.length - 1];
      if (entry) closeHeading(entry);
      stack.pop();
      const sibling = entry?.token.level === level && entry.token.line.links.length === 0;
      if (entry && sibling && isRoleOnly(headingText(entry.token))) roleGroup = entry.token;
    }
    if (roleGroup && roleGroup.level > level) roleGroup = undefined;
  };
  const path = () => {
    const headings = stack.map((e) => e.token);
    return roleGroup && !headings.includes(roleGroup) ? [roleGroup, ...headings] : headings;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (skip) {
      const ends =
        (token.t === 'heading' && token.level <= skip.level) ||
        (token.t === 'close' && token.level <= skip.level) ||
        (skip.min !== undefined &&
          (token.t === 'rule' ||
            token.t === 'heading' ||
            token.t === 'card' ||
            token.t === 'label' ||
            ((token.t === 'item' || token.t === 'text') && token.depth < skip.min)));
      if (!ends) continue;
      if (skip.record) out.summaries.push([skip.from, token.at - 1]);
      skip = undefined;
    }
    switch (token.t) {
      case 'heading': {
        endBody();
        const text = headingText(token);
        // `###### 링크` over a posting's link: the link still trails that posting.
        if (isGenericLinkText(text)) break;
        takeTrailing();
        last = undefined;
        popTo(token.level);
        // `## 백엔드` … `## 기타` over entries of its own: a group of another kind, not one more entry of the role.
        const group = token.line.links.length === 0 && holdsEntries(tokens, i, token.level);
        if (roleGroup?.level === token.level && group) roleGroup = undefined;
        between = between.filter(isLoneLink);
        const title = token === documentTitle;
        if (!title && isReferenceHeading(text)) {
          skip = { from: token.at, level: token.level, record: false };
          break;
        }
        const decorated = decoratedLabel(text);
        const summary =
          (isSummaryHeading(text) || (decorated?.prefix !== undefined && mentionsRole(decorated.prefix))) &&
          !token.line.links.some((l) => /^https?:/i.test(l.url));
        if (!title && summary && !holdsEntries(tokens, i, token.level)) {
          skip = { from: token.at, level: token.level, record: true };
          break;
        }
        if (token.line.links.length === 0 && roleFromHeading(text)) roleGroup = undefined;
        stack.push({ token, bodies: 0 });
        out.seen.push(token);
        break;
      }
      case 'label': {
        const { label } = token;
        const inner = stack[stack.length - 1];
        const entryOpen =
          between.length > 0 || (inner !== undefined && inner.token !== documentTitle && inner.bodies === 0);
        // `공통 자격요건` after an entry's items, or outside any entry: the author's summary.
        if (label.common && (cur ? cur.items.length > 0 : !entryOpen)) {
          endBody();
          skip = { from: token.at, level: 0, record: true, min: token.min };
          break;
        }
        if (label.kind === 'other') {
          // `주요업무`, `[기술스택]`: a section no posting reads, inside an entry or before its labels.
          section = {
            kind: 'other',
            depth: token.depth,
            min: token.min,
            textMin: textMin(token),
            combined: false,
            exclude: true,
          };
          break;
        }
        if (!cur) {
          takeTrailing();
          cur = {
            items: [],
            kinds: new Set(),
            context: [...path(), ...between],
            trailing: [],
            roles: [],
            at: token.at,
          };
          between = [];
        }
        cur.kinds.add(label.kind);
        section = {
          kind: label.kind,
          depth: token.depth,
          min: token.min,
          textMin: textMin(token),
          combined: label.combined === true,
          exclude: false,
        };
        if (label.rest)
          for (const text of inlineItems(label.rest)) addItem(cur, text, token.min, section, true);
        break;
      }
      case 'item':
      case 'text': {
        const line = token.line;
        const inSection = section && token.depth >= (token.t === 'text' ? section.textMin : section.min);
        const heads = headsNextEntry(tokens, i, token.depth, line.text, section?.kind !== 'other');
        if (heads) out.heads.add(token);
        const boldName = token.t === 'text' && line.strongOnly && !isBracketOnly(line.text);
        if (inSection && section && !heads && !boldName) {
          // A bold line inside a section is the next entry's name, unless it is a group (`**[서버]**`).
          if (cur)
            readItem(
              cur,
              section,
              token.depth,
              line.text,
              line.bullet ? 'glyph' : token.t === 'item' ? 'item' : 'line',
            );
          break;
        }
        if (
          cur &&
          section &&
          !heads &&
          token.t === 'item' &&
          token.depth === section.depth &&
          hasSubtree(tokens, i, token.depth)
        ) {
          // `- 주요기술` among the labels, with items of its own: a section this posting does not read.
          section = {
            ...section,
            kind: 'other',
            min: token.depth + 1,
            textMin: token.depth + 1,
            exclude: true,
          };
          break;
        }
        endBody();
        note(token);
        break;
      }
      case 'role':
        if (cur) cur.roles.push(...token.roles);
        else if (out.bodies.length === 0 && stack.every((e) => e.token.level === 1))
          out.documentRoles.push(...token.roles);
        else note(token);
        break;
      case 'rule':
        endBody();
        takeTrailing();
        last = undefined;
        break;
      case 'close':
        // The end of a folded block or of a table's sections closes the section, not the posting.
        section = undefined;
        if (stack.some((e) => e.token.level >= token.level)) {
          endBody();
          popTo(token.level);
        }
        break;
      default:
        endBody();
        note(token);
    }
  }
  if (skip?.record) out.summaries.push([skip.from, lastLine]);
  endBody();
  takeTrailing();
  popTo(0);
  noteListEntries();
  // Entries as list items with only their qualifications under them, in a note with no labels at all.
  if (out.bodies.every((b) => b.unlabeled)) out.bodies.push(...listed);
  return out;
}
