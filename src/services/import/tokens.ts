/**
 * The first step of reading a research note: its mdast (and the HTML, tables, code fences and folded
 * `<details>` in it) lowered into one flat stream of tokens, in document order. What a token means for a
 * posting (which company, which section) is decided later, from the stream alone.
 */
import type { Code, List, RootContent } from 'mdast';
import { classifyLabel, decoratedLabel } from '../labels';
import { type DetailsMarks, noDetails } from './details';
import { entryKey, entryKeys, type KeyLine } from './keyvalue';
import { headingLine, type Line, type LinkRef, phrasingLines, plainLine, squash } from './lines';
import { type ParseBudget, parseMarkdown } from './mdast';
import { mentionsRole, parseRoleLine, stripNumbering } from './role';
import { tableTokens } from './tables';
import type { Token } from './token';

export type { Token } from './token';

/** Headings of folded blocks sit below every markdown heading, a little deeper per nesting. */
const DETAILS_LEVEL = 7;
/** What a folded block's summary says when it names nothing: `펼치기`, `공고 원문`, `Click to expand`. */
const GENERIC_SUMMARY =
  /^(?:[▶▼👉\s]*)(?:펼치기|접기|펼치기\s*\/\s*접기|접기\s*\/\s*펼치기|더\s*보기|보기|열기|자세히(?:\s*보기)?|상세(?:\s*(?:보기|내용|정보))?|내용|원문|전문|공고(?:\s*(?:원문|내용|상세|전문|보기))?|채용\s*공고(?:\s*원문)?|jd|job\s*description|details?|more|show(?:\s*more)?|expand|toggle)$|펼치|클릭|click|expand/iu;
const MAX_CODE_DEPTH = 3;
const MAX_NESTING = 64;

interface Lowering {
  out: Token[];
  budget: ParseBudget;
  marks: DetailsMarks;
  codeDepth: number;
  /** The heading a `### 토스 자격요건` left, so `### 토스 우대사항` continues it. */
  decorated?: string;
}

const lineOf = (node: { position?: { start: { line: number } } }) => node.position?.start.line ?? 0;

/** A line as a token: a label, a key–value line, a role line, a link, a glyph bullet or text. */
/** Several keys on one line are one card: its company, position and link. */
function keyedCard(keys: readonly KeyLine[], line: Line, at: number): Token {
  const value = (key: KeyLine['key']) => keys.find((k) => k.key === key && k.value)?.value;
  const title = value('title');
  const url =
    line.links.find((l) => /^https?:/i.test(l.url))?.url ??
    /https?:\/\/[^\s<>)\]]+/i.exec(value('url') ?? '')?.[0];
  const role = title && mentionsRole(title) ? title : undefined;
  return {
    t: 'card',
    line: plainLine(value('company') ?? ''),
    ...(title ? { title } : {}),
    ...(role ? { role } : {}),
    ...(url ? { url } : {}),
    at,
  };
}

function lineToken(line: Line, depth: number, at: number, glyphItem = true): Token {
  const label = line.text ? classifyLabel(line.text) : undefined;
  if (label) return { t: 'label', label, depth, min: depth + 1, at };
  const card = entryKeys(line.text);
  if (card) return keyedCard(card, line, at);
  const kv = entryKey(line.text);
  if (kv && (kv.value || kv.key !== 'url')) return { t: 'kv', key: kv.key, value: kv.value, line, at };
  const roles = line.links.length === 0 ? parseRoleLine(line.text) : undefined;
  if (roles) return { t: 'role', roles, at };
  if (line.linkOnly) return { t: 'link', line, at };
  // `**1. 티빙**`: a bold numbered line names an entry; other numbered or glyph lines are items.
  if (glyphItem && line.bullet && !line.strongOnly) return { t: 'item', depth: depth + 1, line, at };
  return { t: 'text', depth, line, at };
}

function headingToken(text: Line, level: number, depth: number, at: number, lw: Lowering) {
  const label = classifyLabel(text.text);
  if (label) {
    lw.out.push({ t: 'label', label, depth, min: depth + 1, at });
    return;
  }
  const decorated = decoratedLabel(stripNumbering(text.text));
  // `## Back - End 자격요건` names a role, not a company: a grouping (or summary) heading as it is.
  if (decorated?.prefix && !decorated.combined && !mentionsRole(decorated.prefix)) {
    // `### 토스 자격요건` then `### 토스 우대사항`: one company's sections under headings of their own.
    if (lw.decorated !== `${level}:${decorated.prefix}`)
      lw.out.push({ t: 'heading', level, line: { ...text, text: decorated.prefix }, at });
    lw.decorated = `${level}:${decorated.prefix}`;
    lw.out.push({ t: 'label', label: { kind: decorated.kind }, depth, min: depth + 1, at });
    return;
  }
  lw.decorated = undefined;
  lw.out.push({ t: 'heading', level, line: text, at });
}

/**
 * An item's own line and the lines after it in its paragraph: plain lines continue the item, until a line
 * that is a label (`- 물류 시스템 개발` then `**자격 요건**` without a blank line), a key or a glyph bullet.
 */
function lazyLines(own: Line, more: readonly Line[], depth: number, at: number, lw: Lowering) {
  let text = own.text;
  let joining = true;
  more.forEach((line, i) => {
    const token = lineToken(line, depth - 1, at + i + 1);
    if (joining && token.t === 'text') {
      text = `${text} ${line.text}`;
      return;
    }
    if (joining) lw.out.push({ t: 'item', depth, line: { ...own, text: squash(text) }, at });
    joining = false;
    // `- 첫 항목<br>- 둘째 항목`: lines of one item written as items beside it.
    lw.out.push(token.t === 'text' ? { ...token, t: 'item', depth } : token);
  });
  if (joining) lw.out.push({ t: 'item', depth, line: { ...own, text: squash(text) }, at });
}

function lowerList(list: List, depth: number, lw: Lowering, nesting: number) {
  for (const item of list.children) {
    const at = lineOf(item);
    const [first, ...rest] = item.children;
    const head = first?.type === 'paragraph' ? first : undefined;
    const kids = head ? rest : item.children;
    if (first?.type === 'heading') {
      headingToken(headingLine(first), first.depth, depth - 1, at, lw);
      lowerBlocks(rest, depth, lw, nesting + 1);
      continue;
    }
    const lines = head ? phrasingLines(head.children) : [];
    const [own, ...more] = lines;
    if (own) {
      const token = lineToken(own, depth, at, false);
      if (token.t === 'label' && kids.length === 0 && more.length === 0) token.min = depth;
      if (token.t === 'text') lazyLines(own, more, depth, at, lw);
      else {
        lw.out.push(token);
        more.forEach((l, i) => {
          lw.out.push(lineToken(l, depth, at + i + 1));
        });
      }
    }
    lowerBlocks(kids, depth, lw, nesting + 1);
  }
}

function lowerCode(code: Code, depth: number, lw: Lowering) {
  const at = lineOf(code);
  if (lw.codeDepth >= MAX_CODE_DEPTH || !code.value.trim()) return;
  // Lists pasted into a code fence: read as the markdown they were before being fenced.
  lw.codeDepth++;
  const tree = parseMarkdown(code.value, lw.budget);
  const from = lw.out.length;
  lowerBlocks(tree.children, depth, lw, 0);
  for (let i = from; i < lw.out.length; i++) {
    const token = lw.out[i];
    if (token) token.at = at + Math.max(0, token.at);
  }
  lw.codeDepth--;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ', '#39': "'" };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? '');

/** Inline HTML as a line: its anchors as links, other tags gone. */
function htmlLine(html: string): Line {
  const links: LinkRef[] = [];
  const text = html.replace(
    /<a\b[^>]*?href\s*=\s*["']([^"']*)["'][^>]*>([^<]*)<\/a\s*>/gi,
    (_, url: string, words: string) => {
      links.push({ text: squash(decode(words)), url });
      return words;
    },
  );
  const line = plainLine(decode(text.replace(/<[^>]*>/g, ' ')));
  return links.length === 0
    ? line
    : { ...line, links, linkOnly: links.length === 1 && line.text === links[0]?.text };
}

/** HTML blocks: unclosed `<h3> 회사`, `<hr>`, `<li>` items, and text between tags. */
function lowerHtml(value: string, depth: number, at: number, lw: Lowering) {
  let comment = false;
  let lists = 0;
  value.split('\n').forEach((raw, i) => {
    let rest = raw;
    if (comment || /^\s*<!--/.test(rest)) {
      comment = !/-->/.test(rest);
      rest = rest.replace(/^.*?-->|^\s*<!--.*$/, '');
    }
    const line = at + i;
    for (let part = /<br\s*\/?>/i.exec(rest); part; part = /<br\s*\/?>/i.exec(rest)) {
      htmlPart(rest.slice(0, part.index), depth, line, lw, lists);
      rest = rest.slice(part.index + part[0].length);
    }
    lists += (rest.match(/<[uo]l\b/gi) ?? []).length;
    htmlPart(rest, depth, line, lw, lists);
    lists = Math.max(0, lists - (rest.match(/<\/[uo]l\s*>/gi) ?? []).length);
  });
}

function htmlPart(html: string, depth: number, at: number, lw: Lowering, lists: number) {
  if (/<hr\b/i.test(html)) lw.out.push({ t: 'rule', at });
  const heading = /<h([1-6])\b[^>]*>(.*?)(?:<\/h\1\s*>|$)/i.exec(html);
  if (heading?.[1]) {
    headingToken(htmlLine(heading[2] ?? ''), Number(heading[1]), depth, at, lw);
    html = html.slice(heading.index + heading[0].length);
  }
  const items = [...html.matchAll(/<li\b[^>]*>(.*?)(?:<\/li\s*>|$)/gi)];
  if (items.length === 0) {
    const line = htmlLine(html);
    if (line.text || line.links.length > 0) lw.out.push(lineToken(line, depth, at));
    return;
  }
  for (const item of items) {
    const line = htmlLine(item[1] ?? '');
    if (!line.text && line.links.length === 0) continue;
    const token = lineToken(line, depth, at);
    const inList = depth + Math.max(1, lists);
    if (token.t === 'text' || token.t === 'item') lw.out.push({ t: 'item', depth: inList, line, at });
    else if (token.t === 'label') lw.out.push({ ...token, depth: inList - 1, min: inList - 1 });
    else lw.out.push(token);
  }
}

function lowerBlocks(blocks: readonly RootContent[], depth: number, lw: Lowering, nesting: number) {
  if (nesting > MAX_NESTING) return;
  for (const block of blocks) {
    const at = lineOf(block);
    switch (block.type) {
      case 'heading': {
        const nest = lw.marks.summaries.get(at);
        const lines = phrasingLines(block.children);
        if (lines.length > 1 && lines.some((l) => lineToken(l, depth, at).t !== 'text')) {
          // `회사: 겨울나무` / `포지션: …` then `---`: a card the parser took for a setext heading.
          lines.forEach((l, i) => {
            lw.out.push(lineToken(l, depth, at + i));
          });
          break;
        }
        const line = headingLine(block);
        // `<summary>펼치기</summary>`: a folded block that names nothing.
        if (nest !== undefined && GENERIC_SUMMARY.test(line.text)) break;
        headingToken(line, nest === undefined ? block.depth : DETAILS_LEVEL + nest - 1, depth, at, lw);
        break;
      }
      case 'paragraph':
        phrasingLines(block.children).forEach((line, i) => {
          lw.out.push(lineToken(line, depth, at + i));
        });
        break;
      case 'list':
        lowerList(block, depth + 1, lw, nesting);
        break;
      case 'code':
        lowerCode(block, depth, lw);
        break;
      case 'table':
        lw.out.push(...tableTokens(block, depth));
        break;
      case 'html':
        lowerHtml(block.value, depth, at, lw);
        break;
      case 'blockquote':
        lowerBlocks(block.children, depth, lw, nesting + 1);
        break;
      case 'thematicBreak':
        lw.out.push({ t: 'rule', at });
        break;
      default:
        break;
    }
  }
}

/** The tokens of a document (already tamed and with its `<details>` rewritten as headings). */
export function tokenize(source: string, budget: ParseBudget, marks: DetailsMarks = noDetails()): Token[] {
  const lw: Lowering = { out: [], budget, marks, codeDepth: 0 };
  lowerBlocks(parseMarkdown(source, budget).children, -1, lw, 0);
  if (marks.closes.length === 0) return lw.out;
  // Where each folded block closed, in line order among the tokens: it closes the innermost one open.
  const open: number[] = [];
  const events = [
    ...[...marks.summaries].map(([at, nest]) => ({ at, nest })),
    ...marks.closes.map((at) => ({ at, nest: 0 })),
  ].sort((a, b) => a.at - b.at || b.nest - a.nest);
  const closes: Token[] = [];
  for (const event of events) {
    if (event.nest > 0) open.push(event.nest);
    else closes.push({ t: 'close', level: DETAILS_LEVEL + (open.pop() ?? 1) - 1, at: event.at });
  }
  const out: Token[] = [];
  let next = 0;
  for (const token of lw.out) {
    for (let close = closes[next]; close && close.at < token.at; close = closes[++next]) out.push(close);
    out.push(token);
  }
  out.push(...closes.slice(next));
  return out;
}
