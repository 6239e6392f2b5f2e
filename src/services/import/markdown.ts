/**
 * Reads the postings out of a study group's research notes: an mdast walk that finds each company entry
 * (a heading, a bold numbered line, a list item holding 자격요건/우대사항 lists), the items under each label,
 * the role each entry is for, and the author's own summary.
 */
import type {
  Code,
  Heading,
  List,
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
  isReferenceHeading,
  isSummaryHeading,
  type Label,
  type LabelKind,
} from '../labels';
import { type DetailsMarks, noDetails } from './details';
import { isGenericLinkText, isJobBoardText, isUrlText, splitEntryName } from './entry';
import { bareUrl, entryKey } from './keyvalue';
import { type ParseBudget, parseMarkdown } from './mdast';
import { looksLikeJobTitle, mentionsRole, parseRoleLine, roleFromHeading, stripNumbering } from './role';
import type { ImportWarning } from './warnings';

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
  /** The bold words the line opens with (`**구슬모아** | 백엔드` → `구슬모아`). */
  lead?: string;
}

const BULLET =
  /^(?:[•ㆍ·∙・▪▫▸▹►▷◦‣⁃○●■□◆◇◾◼❖※✔✓☑☐✅✗➢➤➔→⇒★☆]+\s*|[-*+](?:\s+|$)|[–—]\s+|\d{1,2}[.)](?:\s+|$)|\(\d{1,2}\)\s*|[①-⑳]\s*|[가나다라마바사아자차카타파하][.)]\s+|[a-zA-Z][.)]\s+)/u;
/** `[ ]` / `[x]` of a checkbox the parser did not take as a task list item. */
const CHECKBOX = /^\[[ xXvV✓✔]?\]\s*/u;
const BR = /<br\s*\/?>/i;

interface LineAcc {
  text: string;
  outside: string;
  links: LinkRef[];
  outsideStrong: boolean;
  /** Bold text at the start of the line, until the first plain text. */
  lead: string;
  leadOpen: boolean;
}

const newAcc = (): LineAcc => ({
  text: '',
  outside: '',
  links: [],
  outsideStrong: false,
  lead: '',
  leadOpen: true,
});
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function finishLine(acc: LineAcc): Line {
  let text = squash(acc.text);
  const bullet = BULLET.exec(text);
  if (bullet) text = text.slice(bullet[0].length).trim();
  const box = CHECKBOX.exec(text);
  if (box && text.length > box[0].length) text = text.slice(box[0].length).trim();
  const lead = squash(acc.lead);
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
    ...(lead && lead !== text ? { lead } : {}),
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
    if (!strong && text.trim()) {
      acc.outsideStrong = true;
      acc.leadOpen = false;
    }
    if (strong && acc.leadOpen) acc.lead += text;
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
// Containers: headings, bold entry lines, folded <details> and key-value cards, nested by level, each with
// the blocks directly under it.

interface Container {
  kind: 'root' | 'heading' | 'bold' | 'details' | 'card';
  /** Headings 1–6, then <details> (7, a little deeper per nesting), then bold lines and cards (8). */
  level: number;
  head?: Line;
  node?: RootContent;
  body: RootContent[];
  children: Container[];
  leadingLink?: LinkRef;
  /** Lines of the opening block after its head (`**구슬모아** | 백엔드` then `자격요건: …` in one paragraph). */
  extra?: Line[];
  /** Its body holds a 자격요건/우대사항 label of its own. */
  labelled?: boolean;
}

const DETAILS_LEVEL = 7;
/** What a folded block's summary says when it names nothing: `펼치기`, `공고 원문`, `Click to expand`. */
const GENERIC_SUMMARY =
  /^(?:[▶▼👉\s]*)(?:펼치기|접기|펼치기\s*\/\s*접기|접기\s*\/\s*펼치기|더\s*보기|보기|열기|자세히(?:\s*보기)?|상세(?:\s*(?:보기|내용|정보))?|내용|원문|전문|공고(?:\s*(?:원문|내용|상세|전문|보기))?|채용\s*공고(?:\s*원문)?|jd|job\s*description|details?|more|show(?:\s*more)?|expand|toggle)$|펼치|클릭|click|expand/iu;
const ENTRY_LEVEL = 8;
const MAX_QUOTE_DEPTH = 8;

/**
 * `- ## 백엔드`: a list whose items open with a heading stands for those headings and what follows them. A
 * block quote stands for what it quotes (`> ### 바닷길`, `> - 자격요건`).
 */
function hoist(blocks: readonly RootContent[], depth = 0): RootContent[] {
  const out: RootContent[] = [];
  for (const block of blocks) {
    if (block.type === 'blockquote' && depth < MAX_QUOTE_DEPTH) {
      out.push(...hoist(block.children, depth + 1));
      continue;
    }
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

/**
 * `**구슬모아** | 백엔드 엔지니어 | [링크](url)`, `**토스** - 서버 개발자`: bold words, a separator and a position
 * or link. The paragraph's other lines come with it.
 */
function separatedEntry(paragraph: Paragraph, inEntry: boolean): { head: Line; extra: Line[] } | undefined {
  const [head, ...extra] = phrasingLines(paragraph.children);
  const lead = head?.lead;
  if (!head || !lead || head.text.length > 120 || !head.text.startsWith(lead)) return undefined;
  const name = stripNumbering(lead);
  if (!name || name.length > 40 || classifyLabel(lead) || classifyLabel(head.text)) return undefined;
  if (isSummaryHeading(name) || entryKey(head.text) || parseRoleLine(head.text)) return undefined;
  const rest = head.text.slice(lead.length).trim();
  if (!/^[|｜\-–—:：/(（]/.test(rest)) return undefined;
  const position = rest.replace(/^[\s|｜\-–—:：/(（]+|[\s)）]+$/g, '');
  // Without a bar or a link, only a position after the dash says so, and not among an entry's own items
  // (`**Spring** - 서버 개발자 경험`).
  if (
    !/[|｜]/.test(rest) &&
    head.links.length === 0 &&
    (inEntry || !(position.length <= 40 && looksLikeJobTitle(position)))
  )
    return undefined;
  return { head, extra };
}

const isLinkParagraph = (block: RootContent | undefined): block is Paragraph => {
  if (block?.type !== 'paragraph') return false;
  const lines = phrasingLines(block.children);
  return (
    lines.length === 1 && lines[0]?.linkOnly === true && /^https?:\/\//i.test(lines[0].links[0]?.url ?? '')
  );
};

/** The URL a key-value line gives: its link, or a bare address in its text. */
function lineUrl(line: Line): string | undefined {
  const link = line.links.find((l) => /^https?:\/\//i.test(l.url)) ?? line.links.find((l) => l.url);
  return link?.url || bareUrl(line.text);
}

interface CardRead {
  /** The company, from the `회사:` line. */
  head: Line;
  /** The other lines (`포지션:`, `링크:`, `자격요건: …`), read as the entry's content. */
  extra: Line[];
}

/** Key-value lines naming a company (`회사: 새봄물산`, `포지션: …`, `링크: …`): a card for one posting. */
function readCard(lines: readonly Line[]): CardRead | undefined {
  let head: Line | undefined;
  const extra: Line[] = [];
  for (const line of lines) {
    const key = head ? undefined : entryKey(line.text);
    if (key?.key === 'company' && key.value) {
      const links = line.links.filter((l) => l.text && key.value.includes(l.text));
      head = { ...plainLine(key.value), links };
    } else {
      extra.push(line);
    }
  }
  return head ? { head, extra } : undefined;
}

const companyKey = (item: ListItem) => {
  const { lines, rest } = itemHead(item);
  const first = lines[0];
  return lines.length === 1 && rest.length === 0 && first && entryKey(first.text)?.key === 'company'
    ? first
    : undefined;
};

/** A list that holds a `- 회사: 여름정원` item: a card, with the list's other items as its content. */
function readListCard(list: List): { head: Line; rest?: List } | undefined {
  const item = list.children.find(companyKey);
  const line = item ? companyKey(item) : undefined;
  const read = line ? readCard([line]) : undefined;
  if (!read) return undefined;
  const kept = list.children.filter((other) => other !== item);
  return { head: read.head, ...(kept.length > 0 ? { rest: { ...list, children: kept } } : {}) };
}

/** The first line a block opens with. */
function firstText(block: RootContent | undefined): string | undefined {
  switch (block?.type) {
    case 'paragraph':
      return phrasingLines(block.children)[0]?.text;
    case 'heading':
      return headingLine(block).text;
    case 'list': {
      const item = block.children[0];
      return item ? itemHead(item).lines[0]?.text : undefined;
    }
    case 'code': {
      const line = block.value.split('\n').find((l) => l.trim() !== '');
      return line === undefined ? undefined : plainLine(line).text;
    }
    case 'html':
      return htmlLines(block.value)[0]?.text;
    default:
      return undefined;
  }
}

/** Does the block open a section (`자격요건`, `- 주요업무`, a table of labels)? */
function opensSection(block: RootContent | undefined): boolean {
  if (block?.type === 'table') return tableShape(block, true).kind === 'sections';
  const text = firstText(block);
  const label = text ? classifyLabel(text) : undefined;
  return label !== undefined && !label.common && text !== undefined && !isSummaryHeading(text);
}

/** Does the block end with a label line, so what follows is that label's content? */
function endsWithLabel(block: RootContent | undefined): boolean {
  let text: string | undefined;
  if (block?.type === 'paragraph') text = phrasingLines(block.children).at(-1)?.text;
  else if (block?.type === 'heading') text = headingLine(block).text;
  else if (block?.type === 'list') {
    const item = block.children.at(-1);
    const head = item ? itemHead(item) : undefined;
    if (head && head.rest.length === 0) text = head.lines.at(-1)?.text;
  }
  return text !== undefined && classifyLabel(text) !== undefined;
}

/** Words of a heading that groups entries rather than naming one (`## 지원할 회사`, `## 채용공고 목록`). */
const GROUPING =
  /공고|채용|리서치|목록|리스트|모음|정리|분석|회사|기업|후보|관심|지원|list|research|compan|jobs?\b|postings?|openings?|targets?|notes?/i;
const MAX_LOOKAHEAD = 40;

/**
 * A company written as a plain line right before its sections, with no heading (`**가나소프트**`, `1. 마바랩`,
 * `카카오`): the line heads an entry when a 자격요건/우대사항 label follows before the next heading, and the
 * line is not itself inside an entry (then it is that entry's title or a note).
 */
function orphanHead(
  line: Line | undefined,
  blocks: readonly RootContent[],
  at: number,
  parent: Container,
  w: Walk,
): boolean {
  if (!line || parent.labelled || !opensSection(blocks[at + 1]) || endsWithLabel(blocks[at - 1]))
    return false;
  const text = line.text;
  if (!text || [...text].length > 50 || /[.!?。다요:：]$/.test(text)) return false;
  if (classifyLabel(text) || parseRoleLine(text) || entryKey(text) || isBracketOnly(text)) return false;
  if (isSummaryHeading(text) || isReferenceHeading(text)) return false;
  const headText = parent.head?.text ?? '';
  if (parent.kind !== 'root' && isSummaryHeading(headText)) return false;
  // A heading that names a position (`## 4. Vision Engineer`) is an entry itself, not a group of them.
  const grouping =
    parent.kind === 'root' ||
    parent.children.length > 0 ||
    (roleFromHeading(headText) !== undefined && !looksLikeJobTitle(headText)) ||
    GROUPING.test(headText);
  if (!grouping || (parent.kind !== 'root' && parent.children.length === 0 && looksLikeJobTitle(text)))
    return false;
  for (let i = at + 1; i < blocks.length && i <= at + MAX_LOOKAHEAD; i++) {
    const block = blocks[i];
    if (!block || block.type === 'heading' || block.type === 'thematicBreak') return false;
    if (hasDirectLabels([block], w, 0, false)) return true;
  }
  return false;
}

function buildContainers(blocks: readonly RootContent[], marks: DetailsMarks, w: Walk): Container {
  const root: Container = { kind: 'root', level: 0, body: [], children: [] };
  const stack: Container[] = [root];
  let last: { owner: Container; block: RootContent } | undefined;
  const top = () => stack[stack.length - 1] ?? root;
  /** Open <details> blocks: the container each opened, or null for a summary that is a label. */
  const details: (Container | null)[] = [];
  let nextClose = 0;
  const closeDetails = (before: number) => {
    while (nextClose < marks.closes.length && (marks.closes[nextClose] ?? 0) < before) {
      nextClose++;
      const closed = details.pop();
      if (closed && stack.includes(closed)) while (stack.length > 1 && stack.pop() !== closed);
    }
  };
  /** The container a new entry at ENTRY_LEVEL would go into. */
  const entryParent = () => {
    for (let i = stack.length - 1; i > 0; i--) {
      const c = stack[i];
      if (c && c.level < ENTRY_LEVEL) return c;
    }
    return root;
  };
  const hoisted = hoist(blocks);
  for (let index = 0; index < hoisted.length; index++) {
    const block = hoisted[index];
    if (!block) continue;
    closeDetails(lineOf(block));
    let container: Container | undefined;
    let body: RootContent | undefined = block;
    const make = (kind: Container['kind'], level: number, head: Line): Container => ({
      kind,
      level,
      head,
      node: block,
      body: [],
      children: [],
    });
    if (block.type === 'heading') {
      const depth = marks.summaries.get(lineOf(block));
      const head = headingLine(block);
      const lines = phrasingLines(block.children);
      const card = readCard(lines);
      if (card) {
        // `## 회사: 카카오`, or `회사: …` lines right above `---`, which read as a heading: still a card.
        const level = lines.length > 1 ? ENTRY_LEVEL : block.depth;
        container = { ...make('card', level, card.head), extra: card.extra };
      } else if (depth !== undefined) {
        // `<summary>자격요건</summary>` is a label, `<summary>펼치기</summary>` a toggle: neither is an entry.
        if (isLabelHeading(head) || GENERIC_SUMMARY.test(stripNumbering(head.text))) details.push(null);
        else {
          container = make('details', DETAILS_LEVEL + Math.min(depth, 99) / 100, head);
          details.push(container);
        }
      } else if (!isLabelHeading(head)) {
        container = make('heading', block.depth, head);
      }
    } else if (block.type === 'paragraph') {
      const lines = phrasingLines(block.children);
      const card = lines.some((line) => entryKey(line.text)?.key === 'company') ? readCard(lines) : undefined;
      const bold = card ? undefined : boldEntry(block);
      const separated = card || bold ? undefined : separatedEntry(block, entryParent().labelled === true);
      if (card) {
        container = { ...make('card', ENTRY_LEVEL, card.head), extra: card.extra };
        body = undefined;
      } else if (bold) {
        container = make('bold', ENTRY_LEVEL, bold);
      } else if (separated) {
        container = { ...make('bold', ENTRY_LEVEL, separated.head), extra: separated.extra };
        body = undefined;
      } else if (
        lines.length === 1 &&
        (lines[0]?.strongOnly || lines[0]?.linkOnly) &&
        !lines[0]?.bullet &&
        orphanHead(lines[0], hoisted, index, entryParent(), w)
      ) {
        // `**가나소프트**` then `자격요건`: a bold (or linked) company line with no heading.
        const [head] = lines;
        if (head) container = make('bold', ENTRY_LEVEL, head);
      }
    } else if (block.type === 'list') {
      const card = readListCard(block);
      const [only] = block.children;
      const single = only && block.children.length === 1 ? itemHead(only) : undefined;
      if (card) {
        container = make('card', ENTRY_LEVEL, card.head);
        body = card.rest;
      } else if (
        single?.lines.length === 1 &&
        single.rest.length === 0 &&
        orphanHead(single.lines[0], hoisted, index, entryParent(), w)
      ) {
        // `1. 마바랩` then `- 자격요건`: a list of one item that names the company.
        const [head] = single.lines;
        if (head) container = make('bold', ENTRY_LEVEL, head);
      }
    } else if (block.type === 'thematicBreak' && top().kind === 'card') {
      // `---` ends a card.
      stack.pop();
    }
    if (!container) {
      const owner = top();
      owner.body.push(block);
      if (!owner.labelled && hasDirectLabels([block], w, 0, false)) owner.labelled = true;
      last = { owner, block };
      continue;
    }
    if (body && body !== block) container.body.push(body);
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
  /** `포지션: 서버 개발자`, or a table's position column. */
  position?: string;
  /** `링크: https://…`, or a table's link column. */
  keyUrl?: string;
  /** A bare link after the sections (`https://…` below the lists). */
  lateUrl?: string;
  /** Lines before the first label (a pasted posting's title line). */
  intro: string[];
  /** roleLine came from a `포지션:` line. */
  roleFromPosition?: boolean;
  /** The entry is a key-value card: `회사:` named the company. */
  card?: boolean;
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
  warnings: ImportWarning[];
  documentRole?: string[];
  roleStack: { level: number; text: string }[];
  itemRoles: string[];
  codeDepth: number;
  codeCache: WeakMap<Code, RootContent[]>;
  /** The entry a `### 토스 자격요건` heading opened, for a `### 토스 우대사항` right after it. */
  lastDecorated?: { prefix: string; draft: Draft };
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

/** Does an item's paragraph open a section: its first line, or a label line run on into it (lazy line)? */
const itemLabels = (lines: readonly Line[]) =>
  lines.filter((line, i) => i === 0 || !line.bullet).map((line) => classifyLabel(line.text));

/** Does this run of blocks itself hold a 자격요건/우대사항 label (not one nested in a deeper entry)? */
function hasDirectLabels(
  blocks: readonly RootContent[],
  w: Walk,
  depth = 0,
  common = true,
  extra: readonly Line[] = [],
): boolean {
  if (depth > MAX_NESTING) return false;
  const counts = (label: Label | undefined) => isReqPref(label) && (common || !label.common);
  if (extra.some((line) => counts(classifyLabel(line.text)))) return true;
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        if (counts(classifyLabel(headingLine(block).text))) return true;
        break;
      case 'paragraph':
        if (phrasingLines(block.children).some((line) => counts(classifyLabel(line.text)))) return true;
        break;
      case 'list':
        // A flat list of entries holds labels of those entries, not of this one.
        if (isFlatEntryList(block)) break;
        for (const item of block.children) {
          if (itemLabels(itemHead(item).lines).some(counts)) return true;
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
        if (tableShape(block, true).kind === 'sections' && tableLabels(block).some(counts)) return true;
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

/**
 * Is there an entry in these blocks' lists (an item holding labels), at any depth of grouping items, or a
 * table with a posting per row or column?
 */
function listsHoldEntries(blocks: readonly RootContent[], w: Walk, depth = 0): boolean {
  if (depth > MAX_NESTING) return false;
  for (const block of blocks) {
    // A table with a company per row; one with a name per column may as well be a summary (`| 구분 | 백엔드 |`).
    if (block.type === 'table' && tableShape(block, false).kind === 'rows') return true;
    if (block.type !== 'list') continue;
    if (isFlatEntryList(block)) return true;
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

/** Does the container's own content (its opening block's other lines, then its body) hold labels? */
const containerLabels = (c: Container, w: Walk, common = true) =>
  hasDirectLabels(c.body, w, 0, common, c.extra ?? []);

function hasSubEntries(c: Container, w: Walk): boolean {
  if (listsHoldEntries(c.body, w)) return true;
  return c.children.some(
    (child) =>
      child.kind === 'card' ||
      (!isSummaryContainer(child, w) && containerLabels(child, w, false)) ||
      hasSubEntries(child, w),
  );
}

function isSummaryContainer(c: Container, w: Walk): boolean {
  const text = c.head?.text ?? '';
  if (!text || c.kind === 'card') return false;
  const decorated = decoratedLabel(stripNumbering(text));
  const roleSummary = decorated?.prefix !== undefined && mentionsRole(decorated.prefix);
  if (!isSummaryHeading(text) && !roleSummary) return false;
  if (c.head?.links.some((l) => l.url && !l.url.startsWith('#'))) return false;
  return !hasSubEntries(c, w);
}

const htmlLines = (html: string): Line[] =>
  html
    .replace(/<br\s*\/?>|<\/?(?:li|p|div|ul|ol|tr|h[1-6])\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .split('\n')
    .map(plainLine)
    .filter((line) => line.text !== '');

const cellText = (cell: TableCell | undefined) =>
  cell
    ? phrasingLines(cell.children)
        .map((l) => l.text)
        .join(' ')
    : '';

const COMPANY_COLUMN =
  /^(?:회사|회사\s*명|회사\s*이름|기업|기업\s*명|업체|업체\s*명|company|company\s*name|employer)$/i;
const POSITION_COLUMN =
  /^(?:포지션|포지션\s*명|공고|공고\s*명|공고\s*제목|채용\s*포지션|직무\s*명|position|title|job\s*title)$/i;
const ROLE_COLUMN = /^(?:직무|직군|분야|모집\s*분야|role)$/i;
const URL_COLUMN = /^(?:링크|공고\s*링크|채용\s*링크|지원\s*링크|url|link|출처|바로\s*가기|원문)$/i;
/** A column header that names no company: `구분 | 내용`. */
const GENERIC_COLUMN =
  /^(?:구분|항목|분류|내용|설명|상세|상세\s*내용|세부\s*내용|세부\s*사항|비고|값|정보|요약|메모|공통|전체|합계|평균|item|field|category|content|contents|description|details?|value|info|notes?|common|total|all|summary|)$/i;

const headerWord = (text: string) =>
  text
    .replace(EMOJI, '')
    .replace(/[:：]\s*$/, '')
    .trim();

type TableShape =
  /** Labels of the entry the table is in: a header of labels, or a first column of them. */
  | { kind: 'sections' }
  /** A posting per row: `| 회사 | 포지션 | 자격요건 | 우대사항 |`. */
  | { kind: 'rows'; company: number; position: number; role: number; url: number }
  /** A posting per column: `| 구분 | 바다솔 | 새온랩 |` with rows of labels. */
  | { kind: 'columns' }
  | { kind: 'none' };

/**
 * How a table holds postings. `inEntry`: the table is inside an entry already, so a single named column
 * (`| 구분 | 라온소프트 |`) is that entry's content rather than another posting.
 */
function tableShape(table: Table, inEntry: boolean): TableShape {
  const [header] = table.children;
  if (!header) return { kind: 'none' };
  const heads = header.children.map((cell) => headerWord(cellText(cell)));
  const headLabels = heads.map((text) => classifyLabel(text));
  let company = heads.findIndex((text) => COMPANY_COLUMN.test(text));
  // `|  | 자격요건 | 우대사항 |`: an empty corner, and a company in the first cell of each row.
  if (company < 0 && heads[0] === '' && table.children.length > 2) company = 0;
  if (company >= 0 && headLabels.some((label, i) => i !== company && isReqPref(label))) {
    return {
      kind: 'rows',
      company,
      position: heads.findIndex((text) => POSITION_COLUMN.test(text)),
      role: heads.findIndex((text) => ROLE_COLUMN.test(text)),
      url: heads.findIndex((text) => URL_COLUMN.test(text)),
    };
  }
  const firstColumn = table.children.map((row) => classifyLabel(cellText(row.children[0])));
  if (firstColumn.some(isReqPref) && headLabels.slice(1).every((label) => !label)) {
    if (headLabels[0]) return { kind: 'sections' };
    const named = heads.slice(1).filter((text) => !GENERIC_COLUMN.test(text));
    if (named.length >= 2 || (named.length === 1 && !inEntry)) return { kind: 'columns' };
    return { kind: 'sections' };
  }
  return headLabels.some(isReqPref) ? { kind: 'sections' } : { kind: 'none' };
}

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

/**
 * Items written on the label's own line (`자격요건: Python, Django 경험`): split at commas when every part is
 * short and nothing binds the parts together (`Java, Kotlin 등`, `Python, Go 중 하나`); commas inside
 * brackets never split.
 */
export function inlineItems(text: string): string[] {
  const whole = squash(text);
  if (
    !/[,，、;；]/.test(whole) ||
    /\s등|등의|등을|중\s*(?:하나|한|1)|또는|이나\s|거나|\bor\b|such as|e\.g\./i.test(whole)
  )
    return whole ? [whole] : [];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of whole) {
    if ('([{（【'.includes(ch)) depth++;
    else if (')]}）】'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && ',，、;；'.includes(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const items = parts.map(squash).filter(Boolean);
  if (items.length < 2 || items.length > 12 || items.some((item) => [...item].length > 20)) return [whole];
  return items;
}

function addInline(text: string, draft: Draft | null, st: State) {
  for (const item of inlineItems(text)) addItem(item, draft, st);
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
function openSection(label: Label, draft: Draft | null, st: State, w: Walk, node: RootContent): LabelKind {
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
    w.warnings.push({ code: 'outside', line: lineOf(node) });
  }
  return 'other';
}

function sourceOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }, w: Walk) {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  return w.source.slice(start, end).trim() || undefined;
}

/**
 * The role a `직무:` line names. A `포지션: 서버 개발자` line names one too, but a `직무:` line of the same entry
 * says it more plainly and wins.
 */
function setRole(parts: string[], draft: Draft | null, w: Walk, fromPosition = false) {
  if (!draft) w.documentRole ??= parts;
  else if (!draft.roleLine || (draft.roleFromPosition && !fromPosition)) {
    draft.roleLine = parts;
    draft.roleFromPosition = fromPosition;
  }
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
  heading?: boolean;
}

/**
 * A line that ends the section it is in without opening another: the author's summary or reference list
 * starting after the last entry (`**총평**`, `### 참고`).
 */
const endsSection = (line: Line, opts: LineOptions) =>
  opts.standalone &&
  (line.strongOnly || opts.heading === true) &&
  [...line.text].length <= 20 &&
  (isSummaryHeading(line.text) || isReferenceHeading(line.text));

/**
 * `링크: https://…` gives the entry's link, and `포지션: 서버 개발자` its position (then it is read as a role line
 * too). True when the line is used up.
 */
function keyLine(line: Line, draft: Draft | null, st: State): boolean {
  if (st.scoped) return false;
  const key = entryKey(line.text);
  if (!key) return false;
  if (key.key === 'url') {
    const url = lineUrl(line);
    if (!url) return false;
    if (draft) draft.keyUrl ??= url;
    return true;
  }
  if (key.key === 'title' && draft && key.value) draft.position ??= key.value;
  return false;
}

function handleLine(line: Line, draft: Draft | null, st: State, w: Walk, opts: LineOptions) {
  const text = line.text;
  if (!text) return;
  const label = classifyLabel(text);
  if (label) {
    openSection(label, draft, st, w, opts.node);
    if (label.rest) addInline(label.rest, draft, st);
    return;
  }
  if (st.section && isBracketOnly(text)) {
    st.exclude = isOtherGroup(text);
    st.glyph = false;
    st.last = undefined;
    return;
  }
  if (keyLine(line, draft, st)) return;
  if (!st.scoped) {
    const role = parseRoleLine(text);
    if (role) {
      setRole(role, draft, w, entryKey(text)?.key === 'title');
      return;
    }
  }
  if (st.section) {
    if (endsSection(line, opts)) {
      st.section = 'other';
      return;
    }
    if (st.section === 'other' || st.exclude) return;
    if (unknownHeader(line, st, opts.standalone)) {
      st.section = 'other';
      return;
    }
    if (line.linkOnly && isUrlText(text)) {
      // A bare address under the items is the posting's link, not a requirement.
      if (draft) draft.lateUrl ??= line.links[0]?.url || undefined;
      return;
    }
    if (!line.bullet && st.glyph && continueItem(text, st)) return;
    addItem(text, draft, st);
    if (line.bullet) st.glyph = true;
    return;
  }
  if (!draft) return;
  if (line.linkOnly && line.links[0]) {
    if (draft.labels.size === 0) draft.links.push(line.links[0]);
    else draft.lateUrl ??= line.links[0].url || undefined;
  } else if (draft.labels.size === 0 && draft.intro.length < MAX_INTRO) {
    draft.intro.push(text);
  }
}

const MAX_INTRO = 3;

function scanBlocks(blocks: readonly RootContent[], draft: Draft | null, st: State, w: Walk, depth = 0) {
  if (depth > MAX_NESTING) return;
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        handleLine(headingLine(block), draft, st, w, { standalone: true, node: block, heading: true });
        break;
      case 'paragraph': {
        const lines = phrasingLines(block.children);
        for (const line of lines)
          handleLine(line, draft, st, w, { standalone: lines.length === 1, node: block });
        break;
      }
      case 'list':
        if (!draft && !st.section && flatEntries(block, st, w, depth)) break;
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

/** The items of a table cell: one per line (`<br>`), or the comma-separated words of a single line. */
function cellItems(cell: TableCell | undefined): string[] {
  if (!cell) return [];
  const lines = phrasingLines(cell.children).filter((line) => line.text !== '');
  const [only] = lines;
  if (lines.length === 1 && only && !only.bullet) return inlineItems(only.text);
  return lines
    .flatMap((line) => line.text.split(/\s+[•ㆍ▪◦‣]\s+/))
    .map(squash)
    .filter(Boolean);
}

function handleTable(table: Table, draft: Draft | null, st: State, w: Walk) {
  const shape = tableShape(table, draft !== null);
  if (shape.kind === 'rows') tableRows(table, shape, w);
  else if (shape.kind === 'columns') tableColumns(table, w);
  else if (shape.kind === 'sections') tableSections(table, draft, st, w);
}

/** Labels of the entry the table is in: a header row of labels, or a first column of them. */
function tableSections(table: Table, draft: Draft | null, st: State, w: Walk) {
  const [header, ...rows] = table.children;
  if (!header) return;
  const columns = header.children.map((cell) => classifyLabel(headerWord(cellText(cell))));
  const firstColumn = table.children.map((row) => classifyLabel(cellText(row.children[0])));
  const rowWise = columns.slice(1).every((label) => !label) && firstColumn.some(isReqPref);
  if (!rowWise) {
    columns.forEach((label, column) => {
      if (!isReqPref(label)) return;
      openSection(label, draft, st, w, table);
      for (const row of rows) for (const text of cellItems(row.children[column])) addItem(text, draft, st);
    });
  } else {
    table.children.forEach((row, index) => {
      const label = firstColumn[index];
      if (!label) return;
      openSection(label, draft, st, w, row);
      if (label.kind === 'other') return;
      for (const cell of row.children.slice(1)) for (const text of cellItems(cell)) addItem(text, draft, st);
    });
  }
  st.section = null;
}

/** `| 회사 | 포지션 | 자격요건 | 우대사항 |`: a posting per row. */
function tableRows(table: Table, shape: Extract<TableShape, { kind: 'rows' }>, w: Walk) {
  const [header, ...rows] = table.children;
  if (!header) return;
  const labels = header.children.map((cell) => classifyLabel(headerWord(cellText(cell))));
  for (const row of rows) {
    const cell = (column: number) => (column >= 0 ? row.children[column] : undefined);
    const companyCell = cell(shape.company);
    const head = companyCell ? phrasingLines(companyCell.children)[0] : undefined;
    const draft = newDraft('item', head, lineOf(row), w);
    const position = cellText(cell(shape.position));
    if (position) draft.position = position;
    const role = cellText(cell(shape.role));
    if (role) draft.roleLine = parseRoleLine(`직무: ${role}`) ?? [role];
    const urlCell = cell(shape.url);
    const urlLine = urlCell ? phrasingLines(urlCell.children)[0] : undefined;
    const url = urlLine ? lineUrl(urlLine) : undefined;
    if (url) draft.keyUrl = url;
    const st = freshState();
    labels.forEach((label, column) => {
      if (!isReqPref(label) || column === shape.company) return;
      openSection(label, draft, st, w, row);
      for (const text of cellItems(row.children[column])) addItem(text, draft, st);
    });
    if (!head?.text && draft.required.length + draft.preferred.length === 0) continue;
    finalize(draft, w);
  }
}

/** `| 구분 | 바다솔 | 새온랩 |` with rows of labels: a posting per column. */
function tableColumns(table: Table, w: Walk) {
  const [header, ...rows] = table.children;
  if (!header) return;
  header.children.forEach((headCell, column) => {
    if (column === 0) return;
    const head = phrasingLines(headCell.children)[0];
    if (!head || GENERIC_COLUMN.test(headerWord(head.text))) return;
    const draft = newDraft('item', head, lineOf(table), w);
    const st = freshState();
    for (const row of rows) {
      const label = classifyLabel(cellText(row.children[0]));
      if (!label) continue;
      openSection(label, draft, st, w, row);
      if (label.kind === 'other') continue;
      for (const text of cellItems(row.children[column])) addItem(text, draft, st);
    }
    finalize(draft, w);
  });
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

/** A label item that holds its items (nested, or after a colon): `- 자격요건` + list, `- 자격요건: Java`. */
const sectionItem = (item: ListItem | undefined) => {
  if (!item) return false;
  const { lines, rest } = itemHead(item);
  const label = lines[0] ? classifyLabel(lines[0].text) : undefined;
  return label !== undefined && !label.common && (rest.length > 0 || label.rest !== undefined);
};

/**
 * In a flat list where company items and label items take turns (`- 자차컴퍼니`, `- 자격요건` + list, …), the
 * company item at `index`: one short line, followed by a label item that holds its items, and after the
 * previous company's sections (or first).
 */
function flatHead(items: readonly ListItem[], index: number): Line | undefined {
  const item = items[index];
  if (!item || !sectionItem(items[index + 1])) return undefined;
  const previous = items[index - 1];
  if (previous && !sectionItem(previous) && !isKeyItem(previous)) return undefined;
  const { lines, rest } = itemHead(item);
  const [head] = lines;
  if (!head || lines.length !== 1 || rest.length > 0 || [...head.text].length > 50) return undefined;
  if (classifyLabel(head.text) || parseRoleLine(head.text) || entryKey(head.text)) return undefined;
  if (/[.!?。다요:：]$/.test(head.text) || isSummaryHeading(head.text) || looksLikeJobTitle(head.text))
    return undefined;
  return head;
}

/** `- 직무: 백엔드`, `- 링크: …`: a key line, which may come before the first company. */
const isKeyItem = (item: ListItem) => {
  const text = itemHead(item).lines[0]?.text ?? '';
  return parseRoleLine(text) !== undefined || entryKey(text) !== undefined;
};

/** Is this a flat list of entries: its first item (after key lines) a company followed by its sections? */
function isFlatEntryList(list: List): boolean {
  const first = list.children.findIndex((item) => !isKeyItem(item));
  return first >= 0 && flatHead(list.children, first) !== undefined;
}

/** Reads a flat list of entries (see flatHead). False when the list is not one. */
function flatEntries(list: List, st: State, w: Walk, depth: number): boolean {
  if (!isFlatEntryList(list)) return false;
  const items = list.children;
  let current: Draft | null = null;
  let inner = freshState();
  items.forEach((item, index) => {
    const head = flatHead(items, index);
    if (head) {
      if (current) finalize(current, w);
      current = newDraft('item', head, lineOf(item), w);
      inner = freshState();
    } else {
      handleItem(item, current, current ? inner : st, w, depth + 1);
    }
  });
  if (current) finalize(current, w);
  return true;
}

/** A line run on into an item (no bullet, no blank line) that is a label: `- 물류 개발\n**자격 요건**`. */
const lazyLabel = (line: Line, index: number) =>
  index > 0 && !line.bullet && classifyLabel(line.text) !== undefined;

function handleItem(item: ListItem, draft: Draft | null, st: State, w: Walk, depth: number) {
  if (depth > MAX_NESTING) return;
  const { lines, rest } = itemHead(item);
  const cut = lines.findIndex(lazyLabel);
  if (cut > 0) {
    // A pasted posting without blank lines: the labels and their lines ran on into the item above.
    itemLines(lines.slice(0, cut), [], item, draft, st, w, depth);
    for (const line of lines.slice(cut)) handleLine(line, draft, st, w, { standalone: false, node: item });
    if (rest.length > 0) scanBlocks(rest, draft, st, w, depth + 1);
    return;
  }
  itemLines(lines, rest, item, draft, st, w, depth);
}

function itemLines(
  lines: Line[],
  rest: RootContent[],
  item: ListItem,
  draft: Draft | null,
  st: State,
  w: Walk,
  depth: number,
) {
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
    if (label.rest) addInline(label.rest, draft, st);
    for (const more of lines.slice(1)) addItem(more.text, draft, st);
    if (rest.length > 0) {
      scanScoped(rest, draft, kind, w, depth + 1);
      st.section = null;
    }
    return;
  }
  if (keyLine(head, draft, st)) return;
  const role = parseRoleLine(head.text);
  if (role) {
    setRole(role, draft, w, entryKey(head.text)?.key === 'title');
    return;
  }
  if (st.section) {
    if (st.section === 'other' || st.exclude) return;
    if (head.linkOnly && isUrlText(head.text) && rest.length === 0) {
      if (draft) draft.lateUrl ??= head.links[0]?.url || undefined;
      return;
    }
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
    intro: [],
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

interface HeadName {
  company: string;
  title?: string;
  url?: string;
  /** The company came from a link's text. */
  linked: boolean;
}

/**
 * Company, position and link of an entry's head: `[회사](url)(포지션)`, `**[회사](url)** - 포지션`,
 * `햇살랩 - 백엔드 개발자`, `달무리소프트 (서버 개발자)`, `**구슬모아** | 백엔드 엔지니어 | [링크](url)`.
 */
function headName(head: Line, numbered: boolean): HeadName {
  const naming = (l: LinkRef) => reportable(l) && !isGenericLinkText(l.text) && !isUrlText(l.text);
  const named =
    head.links.find((l) => naming(l) && !isJobBoardText(l.text)) ??
    // `[원티드](…)` alone names the company; beside other words it names the job board.
    (head.links.length === 1 && head.linkOnly ? head.links.find(naming) : undefined);
  if (named) {
    const split = splitTitle(companyText(named.text, numbered));
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
  text = squash(text.replace(/(?:https?:\/\/|www\.)\S+/gi, ' '));
  const cleaned = companyText(text, numbered);
  const split = cleaned ? splitEntryName(cleaned) : { company: '' };
  const url = head.links.find((l) => /^https?:\/\//i.test(l.url))?.url;
  return { ...split, ...(url ? { url } : {}), linked: false };
}

/** A line before the first label that names the position (`서버 개발자 (결제)` atop a pasted posting). */
const introTitle = (draft: Draft, company: string) =>
  draft.intro.find(
    (text) =>
      [...text].length <= 40 &&
      text !== company &&
      !/[:：]/.test(text) &&
      !isUrlText(text) &&
      !isSummaryHeading(text) &&
      looksLikeJobTitle(text),
  );

function finalize(draft: Draft, w: Walk) {
  const numbered = draft.kind !== 'item';
  const head = draft.head;
  const name: HeadName = head ? headName(head, numbered) : { company: '', linked: false };
  if (draft.required.length === 0 && draft.preferred.length === 0) {
    const url = name.url ?? draft.leadingLink?.url ?? draft.links[0]?.url ?? draft.keyUrl;
    const company = name.company.replace(HEADCOUNT, '').trim();
    if (draft.labels.has('required') || draft.labels.has('preferred')) {
      w.skipped.push({
        ...(company ? { company } : {}),
        ...(url ? { url } : {}),
        line: draft.line,
        reason: 'empty-sections',
      });
    }
    return;
  }
  let company = name.company;
  let title = name.title;
  let url = name.url;
  url ??= draft.leadingLink?.url || undefined;
  const firstLink = draft.links.find((l) => !isGenericLinkText(l.text)) ?? draft.links[0];
  if (firstLink) {
    url ??= firstLink.url || undefined;
    const linkText = firstLink.text.trim();
    if (
      !title &&
      linkText &&
      !isUrlText(linkText) &&
      !isGenericLinkText(linkText) &&
      !isJobBoardText(linkText) &&
      linkText !== company
    )
      title = linkText;
    if (!title) {
      const plain = draft.plainItems.find((t) => !parseRoleLine(t) && !/[:：]/.test(t) && t.length <= 150);
      if (plain) title = plain;
    }
  }
  url ??= draft.keyUrl ?? draft.lateUrl;
  title ??= draft.position ?? introTitle(draft, company);
  if (title) title = title.replace(HEADCOUNT, '').trim() || undefined;
  company = company.replace(HEADCOUNT, '').trim();
  let companyFound = company !== '';
  if (
    draft.kind !== 'item' &&
    !draft.card &&
    !name.linked &&
    !firstLink &&
    !title &&
    looksLikeJobTitle(company)
  ) {
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
  visitEntry(c, w);
  // What a folded block says about roles ends where the block ends.
  if (c.kind === 'details') popRoles(c.level, w);
}

function visitEntry(c: Container, w: Walk) {
  const head = c.head ?? plainLine('');
  const previous = w.lastDecorated;
  w.lastDecorated = undefined;
  const line = lineOf(c.node ?? {});
  if (c.kind !== 'card' && isReferenceHeading(head.text)) {
    // `## 참고`, `## 출처`: the links the author read are not entries.
    for (const child of c.children) visit(child, w);
    return;
  }
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
  const draftKind = c.kind === 'bold' || c.kind === 'card' ? 'bold' : 'heading';
  if (c.kind === 'card' || containerLabels(c, w)) {
    const draft = newDraft(draftKind, head, line, w);
    if (c.leadingLink) draft.leadingLink = c.leadingLink;
    if (c.kind === 'card') draft.card = true;
    const st = freshState();
    if (c.node)
      for (const extra of c.extra ?? []) handleLine(extra, draft, st, w, { standalone: false, node: c.node });
    scanBlocks(c.body, draft, st, w);
    if (c.kind === 'card' && !draft.labels.has('required') && !draft.labels.has('preferred')) {
      // A card with a company and a link but nothing asked of the applicant.
      const name = headName(head, true);
      const url = name.url ?? draft.keyUrl;
      w.skipped.push({ company: name.company, ...(url ? { url } : {}), line, reason: 'no-sections' });
    } else {
      finalize(draft, w);
    }
    for (const child of c.children) visit(child, w);
    return;
  }
  const decorated = decoratedLabel(stripNumbering(head.text));
  if (
    decorated?.prefix &&
    !mentionsRole(decorated.prefix) &&
    (c.children.length === 0 || (c.body.length > 0 && !hasSubEntries(c, w)))
  ) {
    // `### 토스 자격요건` then a list: a company's section under a heading of its own. `### 토스 우대사항`
    // right after it is the same company's next section.
    const same = previous?.prefix === decorated.prefix ? previous.draft : undefined;
    const draft = same ?? newDraft(draftKind, { ...head, text: decorated.prefix }, line, w);
    draft.labels.add(decorated.kind);
    scanBlocks(c.body, draft, freshState(decorated.kind), w);
    if (!w.pending.some((p) => p.draft === draft)) finalize(draft, w);
    for (const child of c.children) visit(child, w);
    w.lastDecorated = { prefix: decorated.prefix, draft };
    return;
  }
  const linked = head.links.find((l) => reportable(l));
  if (linked || (head.links.length > 0 && head.links.every((l) => l.url === ''))) {
    // `## [큐픽스](https://thevc.kr/cupix)` with notes but no labels: an entry that is not a posting.
    const link = linked ?? head.links[0];
    if (link && !listsHoldEntries(c.body, w)) {
      const name = headName(head, true);
      const url = name.url ?? (link.url || undefined);
      w.skipped.push({
        company: name.company || companyText(link.text, true),
        ...(url ? { url } : {}),
        line,
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
  /** Where folded `<details>` blocks began and ended (see rewriteDetails). */
  details?: DetailsMarks;
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
  const root = buildContainers(blocks, options.details ?? noDetails(), w);
  visit(root, w);
  // Entries nested in another entry's content are finished before it; the document's order is the line order.
  w.pending.sort((a, b) => a.draft.line - b.draft.line);
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
