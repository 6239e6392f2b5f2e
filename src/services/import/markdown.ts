/**
 * Reads the postings out of a study group's research notes, in three steps that need no knowledge of a
 * particular layout: tokens (tokens.ts), postings anchored on their labels (segment.ts), and each
 * posting's company, position, link and role from what surrounds it (slots.ts).
 */
import { type DetailsMarks, noDetails } from './details';
import { isJobBoardText } from './entry';
import type { ParseBudget } from './mdast';
import { looksLikeJobTitle, mentionsRole, roleFromHeading, stripNumbering } from './role';
import { type Body, type BodyItem, itemText, segment, titleOf } from './segment';
import { fillSlots, headName } from './slots';
import { type Token, tokenize } from './tokens';
import type { ImportWarning } from './warnings';

export { inlineItems } from './items';

/** Company of an entry that names only the position (`## 1. AI로봇 비전 개발자` with no company anywhere). */
export const UNKNOWN_COMPANY = '회사 미상';

export interface ParsedPosting {
  company: string;
  /** False when the entry named no company and `company` is UNKNOWN_COMPANY. */
  companyFound: boolean;
  title?: string;
  url?: string;
  required: string[];
  preferred: string[];
  /**
   * The role as the document words it: role headings and lines around the posting, then the document's own,
   * then the posting's title. The first one the role table knows wins.
   */
  roleCandidates: string[];
  /** 1-based line of the entry's heading or list item. */
  line: number;
  /** The entry had no requirement/preferred labels: its only list was taken as its requirements. */
  unlabeled?: boolean;
}

export type SkipReason = 'no-sections' | 'empty-sections';

export interface SkippedEntry {
  company?: string;
  url?: string;
  line: number;
  reason: SkipReason;
}

export interface ExtractResult {
  postings: ParsedPosting[];
  skipped: SkippedEntry[];
  /** The author's own summary sections, as markdown. */
  summaries: string[];
  warnings: ImportWarning[];
  /** `# title` of the document, if it has one. */
  title?: string;
}

export interface ExtractOptions {
  /** Overrides the role of every posting. */
  role?: string;
  budget: ParseBudget;
  /** Where folded `<details>` blocks began and ended (see rewriteDetails). */
  details?: DetailsMarks;
  /** The title the document's front matter gives. */
  frontMatterTitle?: string;
}

const isPositionName = (name: string) => looksLikeJobTitle(name) || mentionsRole(name);

/**
 * `##### 자격 조건` with `[서버 엔지니어]` and `[머신러닝 엔지니어]` groups, and again under `##### 우대사항`:
 * one entry holding several positions, each a posting of its own.
 */
function splitPositions(body: Body): { title?: string; items: BodyItem[] }[] {
  const groups = [
    ...new Set(body.items.map((item) => item.group).filter((g): g is string => g !== undefined)),
  ];
  if (groups.length < 2 || !groups.every(isPositionName)) return [{ items: body.items }];
  const shared = body.items.filter((item) => item.group === undefined);
  return groups.map((title) => ({
    title,
    items: [...shared, ...body.items.filter((item) => item.group === title)],
  }));
}

type HeadingToken = Token & { t: 'heading' };

/**
 * Headings that name a position under a company heading: `## 현대카드` then `### Technical Architect` and
 * `### Application Programmer`. A level is a company level when its headings (two or more, not role or
 * board groupings) each hold few entry headings; a single heading holding only job titles is one too.
 */
function positionHeadings(bodies: readonly Body[], isGrouping: (token: HeadingToken) => boolean): Set<Token> {
  const children = new Map<HeadingToken, Set<HeadingToken>>();
  for (const body of bodies) {
    const path = body.context.filter((t): t is HeadingToken => t.t === 'heading');
    for (let i = 0; i + 1 < path.length; i++) {
      const parent = path[i];
      const child = path[i + 1];
      if (!parent || !child || isGrouping(parent)) continue;
      const set = children.get(parent) ?? new Set();
      set.add(child);
      children.set(parent, set);
    }
  }
  const byLevel = new Map<number, { parents: number; children: number }>();
  for (const [parent, set] of children) {
    const stat = byLevel.get(parent.level) ?? { parents: 0, children: 0 };
    stat.parents++;
    stat.children += set.size;
    byLevel.set(parent.level, stat);
  }
  const out = new Set<Token>();
  for (const [parent, set] of children) {
    const stat = byLevel.get(parent.level);
    const companyLevel = stat !== undefined && stat.parents >= 2 && stat.children <= stat.parents * 2;
    const titles = [...set].every((child) => isPositionName(stripNumbering(child.line.text)));
    if (companyLevel || titles) for (const child of set) if (child.line.links.length === 0) out.add(child);
  }
  return out;
}

const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/**
 * What names an entry but gave no posting its company, title or link: a linked heading over investment
 * notes, a list of company links, a card of `회사:` and `링크:` lines with no sections.
 */
function unposted(seen: readonly Token[], used: ReadonlySet<Token>): SkippedEntry[] {
  const out: SkippedEntry[] = [];
  seen.forEach((token, i) => {
    if (used.has(token)) return;
    if (token.t === 'kv' && token.key === 'company' && token.value) {
      const next = seen.slice(i + 1, i + 4).find((t) => t.t === 'kv' && t.key === 'url' && !used.has(t));
      const url = next?.t === 'kv' ? /https?:\/\/\S+/.exec(next.value)?.[0] : undefined;
      out.push({ company: token.value, ...(url ? { url } : {}), line: token.at, reason: 'no-sections' });
      return;
    }
    if (token.t !== 'heading' && token.t !== 'link' && token.t !== 'item') return;
    const links = token.line.links;
    // `## [가람증권]()`: a link left empty still marks the entry.
    if (!links.some((l) => isWebLink(l.url)) && !(links.length > 0 && links.every((l) => l.url === '')))
      return;
    const name = headName(token.line);
    if (!name.company) return;
    out.push({
      company: name.company,
      ...(name.url ? { url: name.url } : {}),
      line: token.at,
      reason: 'no-sections',
    });
  });
  return out;
}

const unique = (texts: readonly (string | undefined)[]) => [
  ...new Set(texts.map((t) => t?.trim()).filter((t): t is string => !!t)),
];

/** Finds the postings, skipped entries and the author's summary in a decoded document. */
export function extractPostings(source: string, options: ExtractOptions): ExtractResult {
  const tokens = tokenize(source, options.budget, options.details ?? noDetails());
  const lines = source.split('\n');
  const segments = segment(tokens, lines.length);
  const titleToken = titleOf(tokens);
  const title = titleToken ? stripNumbering(titleToken.line.text) : undefined;
  const many = segments.bodies.length > 1;
  const grouping = (token: HeadingToken) => {
    const text = stripNumbering(token.line.text);
    return (many && token === titleToken) || roleFromHeading(text) !== undefined || isJobBoardText(text);
  };
  const positions = positionHeadings(segments.bodies, grouping);
  const documentRoles = unique([
    ...segments.documentRoles,
    title ? roleFromHeading(title) : undefined,
    options.frontMatterTitle ? roleFromHeading(options.frontMatterTitle) : undefined,
  ]);
  const explicit = options.role?.trim();
  const postings: ParsedPosting[] = [];
  const skipped: SkippedEntry[] = [];
  const warnings: ImportWarning[] = [];

  const used = new Set<Token>();
  for (const body of segments.bodies) {
    const slots = fillSlots(body, many ? titleToken : undefined, { positions, heads: segments.heads });
    for (const token of [...slots.used, ...body.trailing]) used.add(token);
    if (body.items.length === 0) {
      skipped.push({
        ...(slots.company ? { company: slots.company } : {}),
        ...(slots.url ? { url: slots.url } : {}),
        line: slots.line,
        reason: 'empty-sections',
      });
      continue;
    }
    if (slots.orphan) {
      warnings.push({ code: 'outside', line: body.at });
      continue;
    }
    for (const part of splitPositions(body)) {
      const postingTitle = part.title ?? slots.title;
      const roles = explicit
        ? [explicit]
        : unique([
            ...slots.roles.slice(0, slots.title && slots.roles.at(-1) === slots.title ? -1 : undefined),
            ...body.roles,
            ...documentRoles,
            part.title && mentionsRole(part.title) ? part.title : undefined,
            postingTitle && mentionsRole(postingTitle) ? postingTitle : undefined,
          ]);
      postings.push({
        company: slots.company ?? UNKNOWN_COMPANY,
        companyFound: slots.company !== undefined,
        ...(postingTitle ? { title: postingTitle } : {}),
        ...(slots.url ? { url: slots.url } : {}),
        required: part.items.filter((item) => item.kind === 'required').map(itemText),
        preferred: part.items.filter((item) => item.kind === 'preferred').map(itemText),
        roleCandidates: roles,
        line: slots.line,
        ...(body.unlabeled ? { unlabeled: true } : {}),
      });
    }
  }
  skipped.push(...unposted(segments.seen, used));
  const summaries = segments.summaries
    .map(([from, to]) =>
      lines
        .slice(from - 1, Math.max(from, to))
        .join('\n')
        .trim(),
    )
    .filter(Boolean);
  postings.sort((a, b) => a.line - b.line);
  skipped.sort((a, b) => a.line - b.line);
  return { postings, skipped, summaries, warnings, ...(title ? { title } : {}) };
}
