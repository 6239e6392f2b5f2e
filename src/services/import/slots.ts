/**
 * The third step: each posting's context candidates scored as company, position, role, URL or grouping,
 * and the slots filled nearest first. A heading, a card, a `회사명:` line or a linked or bold name is a strong
 * company candidate; a short plain line only counts when nothing stronger names one.
 */

import { isSummaryHeading } from '../labels';
import { isGenericLinkText, isJobBoardText, isUrlText, splitBeforeRole, splitEntryName } from './entry';
import { entryKey, isPlaceholder } from './keyvalue';
import { type Line, type LinkRef, squash } from './lines';
import {
  isRoleOnly,
  looksLikeJobTitle,
  mentionsRole,
  parseRoleLine,
  roleFromHeading,
  stripNumbering,
} from './role';
import type { Body } from './segment';
import type { Token } from './token';

export interface Slots {
  company?: string;
  title?: string;
  url?: string;
  /** The role words of the posting's own title and of the grouping headings above it, nearest first. */
  roles: string[];
  line: number;
  /** Nothing in the context named anything: requirements outside any entry. */
  orphan: boolean;
  /** The context tokens that gave a slot. */
  used: Token[];
}

interface HeadName {
  company: string;
  title?: string;
  url?: string;
  /** Named by a link, or by a key (`Company: …`): the words are a name even when they hold a role word. */
  linked: boolean;
}

const EMOJI = /[\p{Extended_Pictographic}\u{1f1e6}-\u{1f1ff}\ufe0f\u20e3]/gu;
const LEADING_EMOJI = /^(?:[\p{Extended_Pictographic}\u{1f1e6}-\u{1f1ff}\ufe0f\u20e3]\s*)+/u;
const TITLE_SEPARATOR = ' — ';
/** `( 1명 )`, `(0명)` after a title: how many are hired, not part of the title. */
const HEADCOUNT = /\s*[(（]\s*(?:\d+|[0OoＯ])\s*명\s*[)）]\s*$/;
const SENTENCE = /(?:니다|어요|아요|해요|세요|습니다)[.!]?\s*$/;
/** A sentence rather than a name: Korean endings, or four words or more ending in a stop (`숲 & Co.` is a name). */
const isSentence = (text: string) =>
  SENTENCE.test(text) || (/[.!?]\s*$/.test(text) && text.trim().split(/\s+/).length >= 4);

const reportable = (link: LinkRef) => !link.url.startsWith('#') && link.text !== '';
const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

function companyText(text: string, numbered: boolean): string {
  return (numbered ? stripNumbering(text) : text.replace(LEADING_EMOJI, ''))
    .replace(/^[\s:：\-–—]+|[\s:：\-–—]+$/g, '')
    .trim();
}

function splitTitle(text: string): { company: string; title?: string } {
  const at = text.indexOf(TITLE_SEPARATOR);
  if (at <= 0) return { company: text };
  const title = text.slice(at + TITLE_SEPARATOR.length).trim();
  return { company: text.slice(0, at).trim(), ...(title ? { title } : {}) };
}

/**
 * Company, position and link of an entry's head: `[회사](url)(포지션)`, `**[회사](url)** - 포지션`,
 * `햇살랩 - 백엔드 개발자`, `달무리소프트 (서버 개발자)`, `**구슬모아** | 백엔드 엔지니어 | [링크](url)`.
 */
export function headName(head: Line, numbered = true): HeadName {
  const naming = (l: LinkRef) => reportable(l) && !isGenericLinkText(l.text) && !isUrlText(l.text);
  const named =
    head.links.find((l) => naming(l) && !isJobBoardText(l.text)) ??
    // `[원티드](…)` alone names the company; beside other words it names the job board.
    (head.links.length === 1 && head.linkOnly ? head.links.find(naming) : undefined);
  if (named) {
    const text = companyText(named.text, numbered);
    // `[카카오 MLOps 개발자](…)`: the link names company and position.
    const split = text.includes(TITLE_SEPARATOR)
      ? splitTitle(text)
      : (splitBeforeRole(text) ?? { company: text });
    const after = head.outside
      .replace(EMOJI, '')
      .replace(/^\s*\d{1,3}(?:\.\d{1,3})*[.)]?\s*/, '')
      .trim();
    const trailing = after.replace(/^[\s(（[|｜:：\-–—]+|[\s)）\]|｜:：\-–—]+$/g, '').trim();
    const title = split.title ?? (trailing || undefined);
    return {
      company: split.company,
      ...(title ? { title } : {}),
      ...(named.url ? { url: named.url } : {}),
      linked: true,
    };
  }
  // No link names the company: its words, without link texts such as `링크` and without bare addresses.
  let text = head.text;
  for (const link of head.links) {
    if (link.text && (isGenericLinkText(link.text) || isJobBoardText(link.text) || isUrlText(link.text)))
      text = text.replace(link.text, ' ');
  }
  // `구름다리 (https://…)`: the brackets the address sat in go with it.
  text = squash(text.replace(/(?:https?:\/\/|www\.)[^\s)\]>）]+/gi, ' ').replace(/[(（[<]\s*[)）\]>]/g, ' '));
  const cleaned = companyText(text, numbered);
  const url = head.links.find((l) => isWebUrl(l.url))?.url;
  // `## Company: 새봄물산`, `### 포지션 - 백엔드`: a heading written as a key-value line.
  const keyed = entryKey(cleaned);
  const split =
    keyed?.key === 'company' && keyed.value
      ? { company: keyed.value }
      : keyed?.key === 'title' && keyed.value
        ? { company: '', title: keyed.value }
        : cleaned && !isPlaceholder(cleaned)
          ? splitEntryName(cleaned)
          : { company: '' };
  return { ...split, ...(url ? { url } : {}), linked: keyed?.key === 'company' };
}

interface Candidate {
  company?: string;
  title?: string;
  url?: string;
  roles?: string[];
  /** A heading, card, key–value line, or a linked or bold name. */
  strong: boolean;
  at: number;
  token?: Token;
}

/** What the whole document says about some tokens. */
export interface KnownTokens {
  /** Headings that name a position under a company heading. */
  positions: ReadonlySet<Token>;
  /** Items and lines the labels after them hang from. */
  heads: ReadonlySet<Token>;
}

const cleanName = (text: string) => text.replace(HEADCOUNT, '').trim();

/** What one context token may name. */
function candidate(
  token: Token,
  documentTitle: Token | undefined,
  known: KnownTokens,
): Candidate | undefined {
  const { positions, heads } = known;
  switch (token.t) {
    case 'kv':
      if (token.key === 'url') {
        const url =
          token.line.links.find((l) => isWebUrl(l.url))?.url ?? /https?:\/\/\S+/.exec(token.value)?.[0];
        return url ? { url, strong: false, at: token.at } : undefined;
      }
      if (!token.value) return undefined;
      if (token.key === 'company') return { company: cleanName(token.value), strong: true, at: token.at };
      // `포지션: 서버 개발자` names the role as well.
      return {
        title: cleanName(token.value),
        ...(mentionsRole(token.value) ? { roles: [token.value] } : {}),
        strong: true,
        at: token.at,
      };
    case 'role':
      return { roles: token.roles, strong: false, at: token.at };
    case 'card': {
      const name = headName(token.line);
      const url = token.url ?? name.url;
      return {
        ...(name.company ? { company: cleanName(name.company) } : {}),
        ...(token.title || name.title ? { title: cleanName(token.title ?? name.title ?? '') } : {}),
        ...(url ? { url } : {}),
        ...(token.role ? { roles: [token.role] } : {}),
        strong: true,
        at: token.at,
      };
    }
    case 'heading':
    case 'text':
    case 'item':
    case 'link': {
      if (token === documentTitle) return undefined;
      const line = token.line;
      const text = stripNumbering(line.text);
      if (
        token.t === 'heading' &&
        (isJobBoardText(text) || isSummaryHeading(text)) &&
        line.links.length === 0
      )
        return {
          ...(roleFromHeading(text) ? { role: roleFromHeading(text) } : {}),
          strong: false,
          at: token.at,
        };
      if (positions.has(token)) {
        const role = roleFromHeading(text);
        return { title: cleanName(text), ...(role ? { roles: [role] } : {}), strong: true, at: token.at };
      }
      const keyed = token.t === 'heading' ? parseRoleLine(text) : undefined;
      if (keyed) return { roles: keyed, strong: false, at: token.at };
      const name = headName(line, token.t === 'heading' || (token.t === 'text' && line.strongOnly));
      const strong =
        token.t === 'heading' ||
        heads.has(token) ||
        name.linked ||
        line.strongOnly ||
        line.lead !== undefined;
      const plain = !strong;
      if (plain && ([...line.text].length > 60 || isSentence(line.text) || /[:：]/.test(line.text)))
        return name.url ? { url: name.url, strong: false, at: token.at } : undefined;
      const company = cleanName(name.company);
      const url = name.url;
      const group = name.linked ? undefined : roleFromHeading(text);
      // `## Front - End 채용공고`, `#### 백엔드 개발자 (python)`: a role or a position, not a company.
      if (group && !(name.title && mentionsRole(name.title) && !isRoleOnly(company))) {
        return { title: cleanName(text), roles: [group], ...(url ? { url } : {}), strong, at: token.at };
      }
      if (!name.title && looksLikeJobTitle(company)) {
        const role = roleFromHeading(company);
        return {
          title: company,
          ...(role ? { roles: [role] } : {}),
          ...(url ? { url } : {}),
          strong,
          at: token.at,
        };
      }
      if (!company) return url ? { url, strong: false, at: token.at } : undefined;
      return {
        company,
        ...(name.title ? { title: cleanName(name.title) } : {}),
        ...(url ? { url } : {}),
        strong,
        at: token.at,
      };
    }
    default:
      return undefined;
  }
}

const titleRole = (title: string | undefined) =>
  title && mentionsRole(title) ? (roleFromHeading(title) ?? title) : undefined;

/** Fills a posting's slots from its context, nearest first. */
export function fillSlots(body: Body, documentTitle: Token | undefined, known: KnownTokens): Slots {
  const candidates: Candidate[] = [];
  for (const token of body.context) {
    const found = candidate(token, documentTitle, known);
    if (found) candidates.unshift({ ...found, token });
  }
  const strongAt = candidates.findIndex((c) => c.company && c.strong);
  const companyAt = strongAt >= 0 ? strongAt : candidates.findIndex((c) => c.company);
  const near = companyAt >= 0 ? candidates.slice(0, companyAt + 1) : candidates;
  const far = companyAt >= 0 ? candidates.slice(companyAt + 1) : [];
  const named = companyAt >= 0 ? candidates[companyAt] : undefined;
  const used: Token[] = [];
  const use = (c: Candidate | undefined) => {
    if (c?.token && !used.includes(c.token)) used.push(c.token);
  };
  use(named);
  let title = named?.title;
  if (!title) {
    const position = near.find((c) => c !== named && c.title && !c.company);
    title = position?.title;
    use(position);
  }
  const linked = near.find((c) => c.url);
  let url = linked?.url;
  use(linked);
  for (const token of body.trailing) {
    if (url) break;
    url =
      candidate(token, undefined, known)?.url ?? (token.t === 'link' ? token.line.links[0]?.url : undefined);
  }
  // The document's grouping first (`## Backend` above the entry), the posting's own title last.
  const roles: string[] = [];
  for (const c of near) if (c.roles && (c.title === undefined || c.title !== title)) roles.push(...c.roles);
  for (const c of far) {
    const role = titleRole(c.title);
    if (c.roles) roles.push(...c.roles);
    else if (role) roles.push(role);
  }
  const own = titleRole(title);
  if (title && own) roles.push(title);
  const at = named?.at ?? near.find((c) => c.title)?.at ?? body.at;
  return {
    ...(named?.company ? { company: named.company } : {}),
    ...(title ? { title } : {}),
    ...(url ? { url } : {}),
    roles,
    line: at,
    orphan: candidates.length === 0 && body.context.length === 0,
    used,
  };
}
