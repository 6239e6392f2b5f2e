/**
 * Reads the postings out of a study group's research notes: an mdast walk that finds each company entry
 * (a heading, a bold numbered line, a list item holding 자격요건/우대사항 lists), the items under each label,
 * the role each entry is for, and the author's own summary.
 */
import type {
  Code,
  Heading,
  ListItem,
  Paragraph,
  PhrasingContent,
  RootContent,
  Table,
  TableCell,
} from 'mdast';
import {
  classifyLabel,
  decoratedLabel,
  isBracketOnly,
  isOtherGroup,
  isSummaryHeading,
  type Label,
  type LabelKind,
} from './labels';
import { type ParseBudget, parseMarkdown } from './mdast';
import { looksLikeJobTitle, mentionsRole, parseRoleLine, roleFromHeading, stripNumbering } from './role';

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
  /** The role as the document words it, most specific first; the first one the role table knows wins. */
  roleCandidates: string[];
  /** 1-based line of the entry's heading or list item. */
  line: number;
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
  warnings: string[];
  /** `# title` of the document, if it has one. */
  title?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Lines: the text of a paragraph or heading, split at soft breaks and <br>, with its links.

interface LinkRef {
  text: string;
  url: string;
}

interface Line {
  text: string;
  /** It started with a bullet glyph or number (`ㆍ`, `•`, `-`, `1.`), now removed from text. */
  bullet: boolean;
  links: LinkRef[];
  /** The line is one link and nothing else (or a bare URL). */
  linkOnly: boolean;
  /** Text outside the links (`[네이버](url)(MLOps 서비스 개발)` → `(MLOps 서비스 개발)`). */
  outside: string;
  /** Every character is bold (`**1. 티빙**`). */
  strongOnly: boolean;
}

const BULLET =
  /^(?:[•ㆍ·∙▪▫▸▹►◦‣○●■□◆◇※✔✓☑✅➢➤→]+\s*|[-*+](?:\s+|$)|\d{1,2}[.)](?:\s+|$)|\(\d{1,2}\)\s*|[①-⑳]\s*)/u;
const BR = /<br\s*\/?>/i;

interface LineAcc {
  text: string;
  outside: string;
  links: LinkRef[];
  outsideStrong: boolean;
}

const newAcc = (): LineAcc => ({ text: '', outside: '', links: [], outsideStrong: false });
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function finishLine(acc: LineAcc): Line {
  let text = squash(acc.text);
  const bullet = BULLET.exec(text);
  if (bullet) text = text.slice(bullet[0].length).trim();
  const links = acc.links.map((l) => ({ text: squash(l.text), url: l.url.trim() }));
  const outside = squash(acc.outside);
  const bare = outside.replace(BULLET, '').replace(/[\s:：\-–—]/g, '');
  return {
    text,
    bullet: bullet !== null,
    links,
    linkOnly: links.length === 1 && bare === '',
    outside: outside.replace(BULLET, '').trim(),
    strongOnly: text !== '' && !acc.outsideStrong,
  };
}

function phrasingLines(nodes: readonly PhrasingContent[]): Line[] {
  const lines: Line[] = [];
  let acc = newAcc();
  const push = () => {
    lines.push(finishLine(acc));
    acc = newAcc();
  };
  const add = (text: string, strong: boolean, link: LinkRef | undefined) => {
    acc.text += text;
    if (link) link.text += text;
    else acc.outside += text;
    if (!strong && text.trim()) acc.outsideStrong = true;
  };
  const walk = (node: PhrasingContent, strong: boolean, link: LinkRef | undefined) => {
    switch (node.type) {
      case 'text':
        node.value.split('\n').forEach((part, i) => {
          if (i > 0) push();
          add(part, strong, link);
        });
        break;
      case 'inlineCode':
        add(node.value, strong, link);
        break;
      case 'break':
        push();
        break;
      case 'html':
        if (BR.test(node.value)) push();
        break;
      case 'strong':
        for (const child of node.children) walk(child, true, link);
        break;
      case 'emphasis':
      case 'delete':
      case 'linkReference':
        for (const child of node.children) walk(child, strong, link);
        break;
      case 'link': {
        const ref: LinkRef = { text: '', url: node.url };
        acc.links.push(ref);
        for (const child of node.children) walk(child, strong, ref);
        break;
      }
      default:
        break;
    }
  };
  for (const node of nodes) walk(node, false, undefined);
  push();
  return lines.filter((line) => line.text !== '' || line.links.length > 0);
}

const plainLine = (text: string): Line =>
  finishLine({ ...newAcc(), text, outside: text, outsideStrong: true });

/** A heading is one line, even where it holds a <br>. */
function headingLine(heading: Heading): Line {
  const lines = phrasingLines(heading.children);
  const [first] = lines;
  if (lines.length === 1 && first) return first;
  return {
    text: squash(lines.map((l) => l.text).join(' ')),
    bullet: first?.bullet ?? false,
    links: lines.flatMap((l) => l.links),
    linkOnly: false,
    outside: squash(lines.map((l) => l.outside).join(' ')),
    strongOnly: lines.length > 0 && lines.every((l) => l.strongOnly),
  };
}

const lineOf = (node: { position?: { start: { line: number } } }) => node.position?.start.line ?? 0;

// ---------------------------------------------------------------------------------------------------------
// Containers: headings and bold numbered lines, nested by level, each with the blocks directly under it.

interface Container {
  kind: 'root' | 'heading' | 'bold';
  level: number;
  head?: Line;
  node?: Heading | Paragraph;
  body: RootContent[];
  children: Container[];
  leadingLink?: LinkRef;
}

/** `- ## 백엔드`: a list whose items open with a heading stands for those headings and what follows them. */
function hoist(blocks: readonly RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  for (const block of blocks) {
    if (block.type !== 'list' || !block.children.some((item) => item.children[0]?.type === 'heading')) {
      out.push(block);
      continue;
    }
    let run: ListItem[] = [];
    const flush = () => {
      if (run.length > 0) out.push({ ...block, children: run });
      run = [];
    };
    for (const item of block.children) {
      if (item.children[0]?.type === 'heading') {
        flush();
        out.push(...item.children);
      } else {
        run.push(item);
      }
    }
    flush();
  }
  return out;
}

const isLabelHeading = (line: Line) => {
  const label = classifyLabel(line.text);
  return label !== undefined && !label.common && !isSummaryHeading(line.text);
};

const NUMBERED = /^\s*\d{1,3}(?:\.\d{1,3})*[.)]?\s/;

/** `**1. 티빙**` or `**[회사](url)**` alone on a line: an entry like a heading below all headings. */
function boldEntry(paragraph: Paragraph): Line | undefined {
  const lines = phrasingLines(paragraph.children);
  const line = lines[0];
  if (lines.length !== 1 || !line?.strongOnly || line.text.length > 80) return undefined;
  if (!line.bullet && !NUMBERED.test(line.text) && line.links.length === 0) return undefined;
  if (classifyLabel(line.text)) return undefined;
  return line;
}

const isLinkParagraph = (block: RootContent | undefined): block is Paragraph => {
  if (block?.type !== 'paragraph') return false;
  const lines = phrasingLines(block.children);
  return (
    lines.length === 1 && lines[0]?.linkOnly === true && /^https?:\/\//i.test(lines[0].links[0]?.url ?? '')
  );
};

function buildContainers(blocks: readonly RootContent[]): Container {
  const root: Container = { kind: 'root', level: 0, body: [], children: [] };
  const stack: Container[] = [root];
  let last: { owner: Container; block: RootContent } | undefined;
  const top = () => stack[stack.length - 1] ?? root;
  for (const block of hoist(blocks)) {
    let container: Container | undefined;
    if (block.type === 'heading') {
      const head = headingLine(block);
      if (!isLabelHeading(head)) {
        container = { kind: 'heading', level: block.depth, head, node: block, body: [], children: [] };
      }
    } else if (block.type === 'paragraph') {
      const head = boldEntry(block);
      if (head) container = { kind: 'bold', level: 7, head, node: block, body: [], children: [] };
    }
    if (!container) {
      top().body.push(block);
      last = { owner: top(), block };
      continue;
    }
    while (stack.length > 1 && top().level >= container.level) stack.pop();
    // A bare link right before a heading that has none is that heading's link (a URL line, then `## 1. 직무`).
    if (last && isLinkParagraph(last.block) && container.head?.links.length === 0) {
      const owner = last.owner;
      if (owner.body[owner.body.length - 1] === last.block) {
        owner.body.pop();
        const link = phrasingLines(last.block.children)[0]?.links[0];
        if (link) container.leadingLink = link;
      }
    }
    top().children.push(container);
    stack.push(container);
    last = undefined;
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------------
// The walk.

interface Draft {
  kind: 'heading' | 'bold' | 'item';
  head?: Line;
  line: number;
  required: string[];
  preferred: string[];
  labels: Set<LabelKind>;
  links: LinkRef[];
  plainItems: string[];
  roleLine?: string[];
  leadingLink?: LinkRef;
  sectionRole?: string;
}

interface State {
  section: LabelKind | null;
  scoped: boolean;
  exclude: boolean;
  /** Items of this section so far came from glyph bullets, so an unbulleted line continues the last one. */
  glyph: boolean;
  last?: { list: string[]; index: number };
}

const freshState = (section: LabelKind | null = null, scoped = false): State => ({
  section,
  scoped,
  exclude: false,
  glyph: false,
});

interface Pending {
  draft: Draft;
  title?: string;
  company: string;
  companyFound: boolean;
  url?: string;
}

interface Walk {
  source: string;
  budget: ParseBudget;
  explicitRole?: string;
  pending: Pending[];
  skipped: SkippedEntry[];
  summaries: string[];
  warnings: string[];
  documentRole?: string[];
  roleStack: { level: number; text: string }[];
  itemRoles: string[];
  codeDepth: number;
  codeCache: WeakMap<Code, RootContent[]>;
}

const MAX_CODE_DEPTH = 3;
const MAX_NESTING = 64;

function codeBlocks(code: Code, w: Walk): RootContent[] | undefined {
  if (w.codeDepth >= MAX_CODE_DEPTH || !code.value.trim()) return undefined;
  let blocks = w.codeCache.get(code);
  if (!blocks) {
    blocks = hoist(parseMarkdown(code.value, w.budget).children);
    w.codeCache.set(code, blocks);
  }
  return blocks;
}

const itemHead = (item: ListItem): { lines: Line[]; rest: RootContent[] } => {
  const [first, ...rest] = item.children;
  if (first?.type === 'paragraph') return { lines: phrasingLines(first.children), rest };
  if (first?.type === 'heading') return { lines: [headingLine(first)], rest };
  return { lines: [], rest: item.children };
};

const isReqPref = (label: Label | undefined): label is Label =>
  label !== undefined && (label.kind === 'required' || label.kind === 'preferred');

/** Does this run of blocks itself hold a 자격요건/우대사항 label (not one nested in a deeper entry)? */
function hasDirectLabels(blocks: readonly RootContent[], w: Walk, depth = 0, common = true): boolean {
  if (depth > MAX_NESTING) return false;
  const counts = (label: Label | undefined) => isReqPref(label) && (common || !label.common);
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        if (counts(classifyLabel(headingLine(block).text))) return true;
        break;
      case 'paragraph':
        if (phrasingLines(block.children).some((line) => counts(classifyLabel(line.text)))) return true;
        break;
      case 'list':
        for (const item of block.children) {
          const head = itemHead(item).lines[0];
          if (head && counts(classifyLabel(head.text))) return true;
        }
        break;
      case 'code': {
        const inner = w.codeDepth < MAX_CODE_DEPTH ? codeBlocks(block, w) : undefined;
        if (inner) {
          w.codeDepth++;
          const found = hasDirectLabels(inner, w, depth + 1, common);
          w.codeDepth--;
          if (found) return true;
        }
        break;
      }
      case 'blockquote':
        if (hasDirectLabels(block.children, w, depth + 1, common)) return true;
        break;
      case 'table':
        if (tableLabels(block).some(counts)) return true;
        break;
      case 'html':
        if (htmlLines(block.value).some((line) => counts(classifyLabel(line.text)))) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

/** Is there an entry in these blocks' lists (an item holding labels), at any depth of grouping items? */
function listsHoldEntries(blocks: readonly RootContent[], w: Walk, depth = 0): boolean {
  if (depth > MAX_NESTING) return false;
  for (const block of blocks) {
    if (block.type !== 'list') continue;
    for (const item of block.children) {
      const { lines, rest } = itemHead(item);
      const head = lines[0];
      if (head && classifyLabel(head.text)) continue;
      if (rest.length > 0 && (hasDirectLabels(rest, w, 0, false) || listsHoldEntries(rest, w, depth + 1)))
        return true;
    }
  }
  return false;
}

function hasSubEntries(c: Container, w: Walk): boolean {
  if (listsHoldEntries(c.body, w)) return true;
  return c.children.some(
    (child) =>
      (!isSummaryContainer(child, w) && hasDirectLabels(child.body, w, 0, false)) || hasSubEntries(child, w),
  );
}

function isSummaryContainer(c: Container, w: Walk): boolean {
  const text = c.head?.text ?? '';
  if (!text) return false;
  const decorated = decoratedLabel(stripNumbering(text));
  const roleSummary = decorated?.prefix !== undefined && mentionsRole(decorated.prefix);
  if (!isSummaryHeading(text) && !roleSummary) return false;
  if (c.head?.links.some((l) => l.url && !l.url.startsWith('#'))) return false;
  return !hasSubEntries(c, w);
}

const htmlLines = (html: string): Line[] =>
  html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .split('\n')
    .map(plainLine)
    .filter((line) => line.text !== '');

const cellText = (cell: TableCell) =>
  phrasingLines(cell.children)
    .map((l) => l.text)
    .join(' ');

function tableLabels(table: Table): (Label | undefined)[] {
  const header = table.children[0];
  const byColumn = header ? header.children.map((cell) => classifyLabel(cellText(cell))) : [];
  const byRow = table.children.map((row) => {
    const first = row.children[0];
    return first ? classifyLabel(cellText(first)) : undefined;
  });
  return [...byColumn, ...byRow];
}

// --- items ------------------------------------------------------------------------------------------------

function addItem(text: string, draft: Draft | null, st: State, kind: LabelKind | null = st.section) {
  const item = squash(text);
  if (!draft || !item || st.exclude || (kind !== 'required' && kind !== 'preferred')) return;
  const list = kind === 'required' ? draft.required : draft.preferred;
  list.push(item);
  st.last = { list, index: list.length - 1 };
}

function continueItem(text: string, st: State) {
  const last = st.last;
  if (!last) return false;
  const before = last.list[last.index];
  if (before === undefined) return false;
  last.list[last.index] = squash(`${before} ${text}`);
  return true;
}

/** Texts of the lists and paragraphs nested under an item, flattened (`- 언어\n  - Java, Kotlin`). */
function nestedTexts(blocks: readonly RootContent[], w: Walk, depth = 0): string[] {
  const out: string[] = [];
  if (depth > MAX_NESTING) return out;
  for (const block of blocks) {
    if (block.type === 'paragraph') out.push(...phrasingLines(block.children).map((l) => l.text));
    else if (block.type === 'list') {
      for (const item of block.children) {
        const { lines, rest } = itemHead(item);
        const own = lines.map((l) => l.text).join(' ');
        const kids = nestedTexts(rest, w, depth + 1);
        const merged = mergeKids(own, kids);
        if (merged) out.push(merged);
      }
    } else if (block.type === 'code') {
      out.push(...block.value.split('\n').map((l) => plainLine(l).text));
    } else if (block.type === 'heading') out.push(headingLine(block).text);
    else if (block.type === 'blockquote') out.push(...nestedTexts(block.children, w, depth + 1));
  }
  return out.filter(Boolean);
}

function mergeKids(own: string, kids: string[]): string {
  if (kids.length === 0) return own;
  if (!own) return kids.join(', ');
  return /[:：]$/.test(own) ? `${own} ${kids.join(', ')}` : `${own}: ${kids.join(', ')}`;
}

// --- sections ---------------------------------------------------------------------------------------------

/**
 * Starts the section a label opens and returns its kind, or `other` when the label opens a summary rather
 * than a section of this entry: a `공통 …` label after the entry already has items, or outside any entry.
 */
function openSection(
  label: Label,
  draft: Draft | null,
  st: State,
  w: Walk,
  node: RootContent | ListItem,
): LabelKind {
  st.section = label.kind;
  st.exclude = false;
  st.glyph = false;
  st.last = undefined;
  if (label.kind === 'other') {
    draft?.labels.add('other');
    return 'other';
  }
  const summary = label.common && (!draft || draft.required.length + draft.preferred.length > 0);
  if (draft && !summary) {
    draft.labels.add(label.kind);
    return label.kind;
  }
  st.section = 'other';
  if (summary) {
    const slice = sourceOf(node, w);
    if (slice) w.summaries.push(slice);
  } else {
    w.warnings.push(`line ${lineOf(node)}: requirements outside any company entry were not imported`);
  }
  return 'other';
}

function sourceOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }, w: Walk) {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  return w.source.slice(start, end).trim() || undefined;
}

function setRole(parts: string[], draft: Draft | null, w: Walk) {
  if (draft) draft.roleLine ??= parts;
  else w.documentRole ??= parts;
}

/** A short standalone line after bulleted items: a section heading this parser does not know. */
function unknownHeader(line: Line, st: State, standalone: boolean) {
  return (
    standalone &&
    !line.bullet &&
    st.glyph &&
    [...line.text].length <= 25 &&
    !/[.!?。다요)]$/.test(line.text) &&
    !/[,:：]/.test(line.text)
  );
}

interface LineOptions {
  standalone: boolean;
  node: RootContent;
}

function handleLine(line: Line, draft: Draft | null, st: State, w: Walk, opts: LineOptions) {
  const text = line.text;
  if (!text) return;
  const label = classifyLabel(text);
  if (label) {
    openSection(label, draft, st, w, opts.node);
    if (label.rest) addItem(label.rest, draft, st);
    return;
  }
  if (st.section && isBracketOnly(text)) {
    st.exclude = isOtherGroup(text);
    st.glyph = false;
    st.last = undefined;
    return;
  }
  if (!st.scoped) {
    const role = parseRoleLine(text);
    if (role) {
      setRole(role, draft, w);
      return;
    }
  }
  if (st.section) {
    if (st.section === 'other' || st.exclude) return;
    if (unknownHeader(line, st, opts.standalone)) {
      st.section = 'other';
      return;
    }
    if (!line.bullet && st.glyph && continueItem(text, st)) return;
    addItem(text, draft, st);
    if (line.bullet) st.glyph = true;
    return;
  }
  if (draft && draft.labels.size === 0 && line.linkOnly && line.links[0]) draft.links.push(line.links[0]);
}

function scanBlocks(blocks: readonly RootContent[], draft: Draft | null, st: State, w: Walk, depth = 0) {
  if (depth > MAX_NESTING) return;
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        handleLine(headingLine(block), draft, st, w, { standalone: true, node: block });
        break;
      case 'paragraph': {
        const lines = phrasingLines(block.children);
        for (const line of lines)
          handleLine(line, draft, st, w, { standalone: lines.length === 1, node: block });
        break;
      }
      case 'list':
        for (const item of block.children) handleItem(item, draft, st, w, depth + 1);
        break;
      case 'code': {
        const inner = codeBlocks(block, w);
        if (inner) {
          w.codeDepth++;
          scanBlocks(inner, draft, st, w, depth + 1);
          w.codeDepth--;
        } else {
          for (const text of block.value.split('\n')) {
            handleLine(plainLine(text), draft, st, w, { standalone: false, node: block });
          }
        }
        break;
      }
      case 'blockquote':
        scanBlocks(block.children, draft, st, w, depth + 1);
        break;
      case 'table':
        handleTable(block, draft, st, w);
        break;
      case 'thematicBreak':
        if (!st.scoped) st.section = null;
        break;
      case 'html':
        for (const line of htmlLines(block.value))
          handleLine(line, draft, st, w, { standalone: false, node: block });
        break;
      default:
        break;
    }
  }
}

function handleTable(table: Table, draft: Draft | null, st: State, w: Walk) {
  const [header, ...rows] = table.children;
  if (!header) return;
  const columns = header.children.map((cell) => classifyLabel(cellText(cell)));
  const itemsOf = (cell: TableCell | undefined) =>
    cell ? phrasingLines(cell.children).map((l) => l.text) : [];
  if (columns.some(isReqPref)) {
    columns.forEach((label, column) => {
      if (!isReqPref(label)) return;
      openSection(label, draft, st, w, table);
      for (const row of rows) for (const text of itemsOf(row.children[column])) addItem(text, draft, st);
    });
    st.section = null;
    return;
  }
  for (const row of table.children) {
    const label = row.children[0] ? classifyLabel(cellText(row.children[0])) : undefined;
    if (!isReqPref(label)) continue;
    openSection(label, draft, st, w, table);
    for (const cell of row.children.slice(1)) for (const text of itemsOf(cell)) addItem(text, draft, st);
  }
  st.section = null;
}

/** The items of a label's own nested list (`- 자격 조건` then its indented items). */
function scanScoped(
  blocks: readonly RootContent[],
  draft: Draft | null,
  kind: LabelKind,
  w: Walk,
  depth: number,
) {
  scanBlocks(blocks, draft, freshState(kind, true), w, depth);
}

function plainItem(lines: Line[], rest: RootContent[], draft: Draft | null, st: State, w: Walk) {
  const [head, ...extra] = lines;
  let text = head?.text ?? '';
  const separate: string[] = [];
  for (const line of extra) {
    if (line.bullet) separate.push(line.text);
    else if (separate.length > 0)
      separate[separate.length - 1] = `${separate[separate.length - 1]} ${line.text}`;
    else text = `${text} ${line.text}`;
  }
  text = mergeKids(squash(text), nestedTexts(rest, w));
  addItem(text, draft, st);
  for (const more of separate) addItem(more, draft, st);
}

function handleItem(item: ListItem, draft: Draft | null, st: State, w: Walk, depth: number) {
  if (depth > MAX_NESTING) return;
  const { lines, rest } = itemHead(item);
  const head = lines[0];
  if (!head) {
    // An item that opens with code or a list (`*     text` is indented code): read what it holds.
    scanBlocks(rest, draft, st, w, depth + 1);
    return;
  }
  const nested = rest.some((b) => b.type === 'list' || b.type === 'code' || b.type === 'paragraph');

  if (st.scoped) {
    if (nested) {
      const label = classifyLabel(head.text);
      if (label && !label.rest) {
        st.section = label.kind;
        st.last = undefined;
        scanScoped(rest, draft, label.kind, w, depth + 1);
        return;
      }
      if (isBracketOnly(head.text)) {
        const saved = st.exclude;
        st.exclude = saved || isOtherGroup(head.text);
        scanBlocks(rest, draft, { ...st }, w, depth + 1);
        st.exclude = saved;
        return;
      }
    }
    if (st.section === 'other' || st.exclude) return;
    plainItem(lines, rest, draft, st, w);
    return;
  }

  const label = classifyLabel(head.text);
  if (label) {
    const kind = openSection(label, draft, st, w, item);
    if (label.rest) addItem(label.rest, draft, st);
    for (const more of lines.slice(1)) addItem(more.text, draft, st);
    if (rest.length > 0) {
      scanScoped(rest, draft, kind, w, depth + 1);
      st.section = null;
    }
    return;
  }
  const role = parseRoleLine(head.text);
  if (role) {
    setRole(role, draft, w);
    return;
  }
  if (st.section) {
    if (st.section === 'other' || st.exclude) return;
    if (isBracketOnly(head.text) && nested) {
      const saved = st.exclude;
      st.exclude = isOtherGroup(head.text);
      scanBlocks(rest, draft, { ...st, scoped: true }, w, depth + 1);
      st.exclude = saved;
      return;
    }
    plainItem(lines, rest, draft, st, w);
    return;
  }
  if (rest.length > 0 && hasDirectLabels(rest, w)) {
    const sub = newDraft('item', head, lineOf(item), w);
    scanBlocks(rest, sub, freshState(), w, depth + 1);
    finalize(sub, w);
    return;
  }
  if (head.linkOnly && head.links[0]) {
    if (draft) {
      if (draft.labels.size === 0) draft.links.push(head.links[0]);
    } else if (reportable(head.links[0])) {
      w.skipped.push({
        company: companyText(head.links[0].text, false),
        ...(head.links[0].url ? { url: head.links[0].url } : {}),
        line: lineOf(item),
        reason: 'no-sections',
      });
    }
    return;
  }
  if (draft) {
    if (draft.labels.size === 0 && rest.length === 0) draft.plainItems.push(head.text);
    return;
  }
  if (rest.length > 0) {
    const role = mentionsRole(head.text) ? roleFromHeading(head.text) : undefined;
    if (role) w.itemRoles.push(role);
    scanBlocks(rest, null, freshState(), w, depth + 1);
    if (role) w.itemRoles.pop();
  }
}

// --- entries ----------------------------------------------------------------------------------------------

const reportable = (link: LinkRef) => !link.url.startsWith('#') && link.text !== '';

function newDraft(kind: Draft['kind'], head: Line | undefined, line: number, w: Walk): Draft {
  const sectionRole = w.itemRoles[w.itemRoles.length - 1] ?? w.roleStack[w.roleStack.length - 1]?.text;
  return {
    kind,
    ...(head ? { head } : {}),
    line,
    required: [],
    preferred: [],
    labels: new Set(),
    links: [],
    plainItems: [],
    ...(sectionRole ? { sectionRole } : {}),
  };
}

const EMOJI = /[\p{Extended_Pictographic}\u{1f1e6}-\u{1f1ff}\ufe0f\u20e3]/gu;
const LEADING_EMOJI = /^(?:[\p{Extended_Pictographic}\u{1f1e6}-\u{1f1ff}\ufe0f\u20e3]\s*)+/u;
const TITLE_SEPARATOR = ' — ';

function companyText(text: string, numbered: boolean): string {
  const cleaned = (numbered ? stripNumbering(text) : text.replace(LEADING_EMOJI, ''))
    .replace(/^[\s:：\-–—]+|[\s:：\-–—]+$/g, '')
    .trim();
  return cleaned;
}

function splitTitle(text: string): { company: string; title?: string } {
  const at = text.indexOf(TITLE_SEPARATOR);
  if (at <= 0) return { company: text };
  const title = text.slice(at + TITLE_SEPARATOR.length).trim();
  return { company: text.slice(0, at).trim(), ...(title ? { title } : {}) };
}

/** `( 1명 )`, `(0명)` after a title: how many are hired, not part of the title. */
const HEADCOUNT = /\s*[(（]\s*(?:\d+|[0OoＯ])\s*명\s*[)）]\s*$/;

const isUrlText = (text: string) => /^(?:https?:\/\/|www\.)/i.test(text);

function finalize(draft: Draft, w: Walk) {
  if (draft.required.length === 0 && draft.preferred.length === 0) {
    const link = draft.head?.links[0] ?? draft.leadingLink ?? draft.links[0];
    const company = draft.head
      ? companyText(draft.head.links[0]?.text || draft.head.text, draft.kind !== 'item')
      : '';
    if (draft.labels.has('required') || draft.labels.has('preferred')) {
      w.skipped.push({
        ...(company ? { company } : {}),
        ...(link?.url ? { url: link.url } : {}),
        line: draft.line,
        reason: 'empty-sections',
      });
    }
    return;
  }
  const numbered = draft.kind !== 'item';
  const head = draft.head;
  const headLink = head?.links.find(reportable) ?? head?.links[0];
  let company = '';
  let title: string | undefined;
  let url: string | undefined;
  if (head && headLink?.text) {
    const split = splitTitle(companyText(headLink.text, numbered));
    company = split.company;
    title = split.title;
    url = headLink.url || undefined;
    const after = head.outside
      .replace(EMOJI, '')
      .replace(/^\s*\d{1,3}(?:\.\d{1,3})*[.)]?\s*/, '')
      .trim();
    const trailing = after.replace(/^[(（[]\s*|\s*[)）\]]$/g, '').trim();
    if (!title && trailing && !/^[:：\-–—]*$/.test(trailing)) title = trailing;
  } else if (head) {
    const split = splitTitle(companyText(head.text, numbered));
    company = split.company;
    title = split.title;
  }
  url ??= draft.leadingLink?.url || undefined;
  const firstLink = draft.links[0];
  if (firstLink) {
    url ??= firstLink.url || undefined;
    const linkText = firstLink.text.trim();
    if (!title && linkText && !isUrlText(linkText) && linkText !== company) title = linkText;
    if (!title) {
      const plain = draft.plainItems.find((t) => !parseRoleLine(t) && !/[:：]/.test(t) && t.length <= 150);
      if (plain) title = plain;
    }
  }
  if (title) title = title.replace(HEADCOUNT, '').trim() || undefined;
  company = company.replace(HEADCOUNT, '').trim();
  let companyFound = company !== '';
  if (draft.kind === 'heading' && !headLink && !firstLink && !title && looksLikeJobTitle(company)) {
    title = company;
    companyFound = false;
  }
  if (!companyFound) company = UNKNOWN_COMPANY;
  w.pending.push({ draft, company, companyFound, ...(title ? { title } : {}), ...(url ? { url } : {}) });
}

function popRoles(level: number, w: Walk) {
  while ((w.roleStack[w.roleStack.length - 1]?.level ?? -1) >= level) w.roleStack.pop();
}

function extentEnd(c: Container): number | undefined {
  let end = c.node?.position?.end.offset;
  const lastBody = c.body[c.body.length - 1];
  const bodyEnd = lastBody?.position?.end.offset;
  if (bodyEnd !== undefined && (end === undefined || bodyEnd > end)) end = bodyEnd;
  const lastChild = c.children[c.children.length - 1];
  const childEnd = lastChild ? extentEnd(lastChild) : undefined;
  if (childEnd !== undefined && (end === undefined || childEnd > end)) end = childEnd;
  return end;
}

function visit(c: Container, w: Walk) {
  if (c.kind === 'root') {
    scanBlocks(c.body, null, freshState(), w);
    for (const child of c.children) visit(child, w);
    return;
  }
  const head = c.head ?? plainLine('');
  if (isSummaryContainer(c, w)) {
    popRoles(c.level, w);
    const start = c.node?.position?.start.offset;
    const end = extentEnd(c);
    if (start !== undefined && end !== undefined) {
      const text = w.source.slice(start, end).trim();
      if (text) w.summaries.push(text);
    }
    return;
  }
  const draftKind = c.kind === 'bold' ? 'bold' : 'heading';
  if (hasDirectLabels(c.body, w)) {
    const draft = newDraft(draftKind, head, lineOf(c.node ?? {}), w);
    if (c.leadingLink) draft.leadingLink = c.leadingLink;
    scanBlocks(c.body, draft, freshState(), w);
    finalize(draft, w);
    for (const child of c.children) visit(child, w);
    return;
  }
  const decorated = decoratedLabel(stripNumbering(head.text));
  if (decorated?.prefix && !mentionsRole(decorated.prefix) && c.children.length === 0) {
    // `### 토스 자격요건` then a list: a company's section under a heading of its own.
    const draft = newDraft(draftKind, { ...head, text: decorated.prefix }, lineOf(c.node ?? {}), w);
    draft.labels.add(decorated.kind);
    scanBlocks(c.body, draft, freshState(decorated.kind), w);
    finalize(draft, w);
    return;
  }
  const linked = head.links.find((l) => reportable(l));
  if (linked || (head.links.length > 0 && head.links.every((l) => l.url === ''))) {
    // `## [큐픽스](https://thevc.kr/cupix)` with notes but no labels: an entry that is not a posting.
    const link = linked ?? head.links[0];
    if (link && !listsHoldEntries(c.body, w)) {
      w.skipped.push({
        company: companyText(link.text, true),
        ...(link.url ? { url: link.url } : {}),
        line: lineOf(c.node ?? {}),
        reason: 'no-sections',
      });
    }
    scanBlocks(c.body, null, freshState(), w);
    for (const child of c.children) visit(child, w);
    return;
  }
  popRoles(c.level, w);
  const role = roleFromHeading(head.text);
  if (role) w.roleStack.push({ level: c.level, text: role });
  scanBlocks(c.body, null, freshState(), w);
  for (const child of c.children) visit(child, w);
}

export interface ExtractOptions {
  /** Overrides the role of every posting. */
  role?: string;
  budget: ParseBudget;
}

/** Finds the postings, skipped entries and the author's summary in a decoded document. */
export function extractPostings(source: string, options: ExtractOptions): ExtractResult {
  const blocks = parseMarkdown(source, options.budget).children;
  const w: Walk = {
    source,
    budget: options.budget,
    ...(options.role?.trim() ? { explicitRole: options.role.trim() } : {}),
    pending: [],
    skipped: [],
    summaries: [],
    warnings: [],
    roleStack: [],
    itemRoles: [],
    codeDepth: 0,
    codeCache: new WeakMap(),
  };
  const root = buildContainers(blocks);
  visit(root, w);
  const postings = w.pending.map(({ draft, company, companyFound, title, url }): ParsedPosting => {
    const candidates: string[] = [];
    if (w.explicitRole) candidates.push(w.explicitRole);
    else {
      if (draft.sectionRole) candidates.push(draft.sectionRole);
      candidates.push(...(draft.roleLine ?? []), ...(w.documentRole ?? []));
      if (title) candidates.push(title);
    }
    return {
      company,
      companyFound,
      ...(title ? { title } : {}),
      ...(url ? { url } : {}),
      required: draft.required,
      preferred: draft.preferred,
      roleCandidates: [...new Set(candidates.map((c) => c.trim()).filter(Boolean))],
      line: draft.line,
    };
  });
  const firstHeading = root.children.find((c) => c.kind === 'heading' && c.level === 1);
  const title = firstHeading?.head ? stripNumbering(firstHeading.head.text) : undefined;
  return {
    postings,
    skipped: w.skipped,
    summaries: w.summaries,
    warnings: w.warnings,
    ...(title ? { title } : {}),
  };
}
