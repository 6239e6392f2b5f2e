import type { Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { UserError } from '../errors';
import { fencedLines } from './fences';

/**
 * How much markdown one import may hand to the parser, in characters. micromark is thorough but not fast,
 * and a long list is quadratic in mdast-util-from-markdown, so the text is cut into top-level pieces parsed
 * one by one, and the total is capped. Real research notes are 2–20 KB.
 */
export const PARSE_BUDGET = 96 * 1024;

/** Most columns of indentation kept, and most list or quote markers opening one line. */
const MAX_INDENT = 40;
const MAX_MARKERS = 8;
const MAX_LINE = 4000;
const PIECE_TARGET = 4 * 1024;
const PIECE_MAX = 12 * 1024;

export interface ParseBudget {
  left: number;
}

export const newBudget = (chars = PARSE_BUDGET): ParseBudget => ({ left: chars });

const expandIndent = (indent: string) => {
  let column = 0;
  for (const ch of indent) column = ch === '\t' ? column + 4 - (column % 4) : column + 1;
  return column;
};

const MARKERS = /^((?:[-*+>]|\d{1,9}[.)])[ \t]+)/;

/**
 * Caps what makes micromark slow without changing ordinary documents: deep indentation, dozens of list
 * markers opening one line, and very long lines. Line count is kept, so line numbers still match.
 */
export function tameLines(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (line.length > MAX_LINE) line = line.slice(0, MAX_LINE);
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    const column = expandIndent(indent);
    if (indent.includes('\t') || column > MAX_INDENT) {
      line = ' '.repeat(Math.min(column, MAX_INDENT)) + line.slice(indent.length);
    }
    let rest = line.trimStart();
    let markers = 0;
    let kept = line.slice(0, line.length - rest.length);
    for (let m = MARKERS.exec(rest); m?.[1]; m = MARKERS.exec(rest)) {
      if (markers < MAX_MARKERS) kept += m[1];
      markers++;
      rest = rest.slice(m[1].length);
    }
    if (markers > MAX_MARKERS) line = kept + rest;
    lines[i] = line;
  }
  return lines.join('\n');
}

const HEADING_START = /^#{1,6}(?:[ \t]|$)/;
const BULLET_START = /^[-*+][ \t]+\S/;
const ORDERED_START = /^\d{1,9}[.)][ \t]+\S/;
const BOLD_START = /^\*\*\S/;

interface Piece {
  start: number; // index of the first line
  end: number; // index after the last line
  /** Index of a table's header row, repeated before the piece: the piece continues that table's rows. */
  tableHeader?: number;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/** The header row index of the table that line `at` is a row of, when the table started in [from, at). */
function tableOf(lines: string[], from: number, at: number): number | undefined {
  if (!(lines[at] ?? '').includes('|')) return undefined;
  for (let i = at - 1; i > from && at - i < 100_000; i--) {
    const line = lines[i] ?? '';
    if (!line.includes('|')) return undefined;
    if (DELIMITER_ROW.test(line) && line.includes('-') && (lines[i - 1] ?? '').includes('|')) return i - 1;
  }
  return undefined;
}

/**
 * Line indices where a new top-level block surely starts, so the text before and after can be parsed
 * apart: an ATX heading or a bullet at column 0 always ends what came before; an ordered item or a bold line
 * only after a blank line (otherwise it may continue a paragraph). Never inside a fenced code block.
 */
function splitPoints(lines: string[]): number[] {
  const points: number[] = [0];
  const fenced = fencedLines(lines);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fenced[i]) continue;
    if (i === 0) continue;
    const afterBlank = (lines[i - 1] ?? '').trim() === '';
    if (
      HEADING_START.test(line) ||
      BULLET_START.test(line) ||
      (afterBlank && (ORDERED_START.test(line) || BOLD_START.test(line)))
    ) {
      points.push(i);
    }
  }
  return points;
}

function pieces(lines: string[]): Piece[] {
  const points = splitPoints(lines);
  const out: Piece[] = [];
  let current: Piece | undefined;
  let size = 0;
  for (let p = 0; p < points.length; p++) {
    const start = points[p] ?? 0;
    const end = points[p + 1] ?? lines.length;
    let length = 0;
    for (let i = start; i < end; i++) length += (lines[i]?.length ?? 0) + 1;
    if (current && size + length <= PIECE_TARGET) {
      current.end = end;
      size += length;
      continue;
    }
    if (current) out.push(current);
    if (length <= PIECE_MAX) {
      current = { start, end };
      size = length;
      continue;
    }
    // One block larger than a piece may be (a huge nested list): cut it at line boundaries. The parts are
    // parsed as if they stood alone, which keeps hostile input fast at the price of its structure; a part
    // that continues a table gets the table's header again, so its rows stay rows.
    let from = start;
    let partSize = 0;
    const part = (first: number, after: number): Piece => {
      const header = first > start ? tableOf(lines, start, first) : undefined;
      return header === undefined
        ? { start: first, end: after }
        : { start: first, end: after, tableHeader: header };
    };
    for (let i = start; i < end; i++) {
      partSize += (lines[i]?.length ?? 0) + 1;
      if (partSize >= PIECE_TARGET) {
        out.push(part(from, i + 1));
        from = i + 1;
        partSize = 0;
      }
    }
    current = from < end ? part(from, end) : undefined;
    size = partSize;
  }
  if (current) out.push(current);
  return out;
}

interface Positioned {
  position?: {
    start: { line: number; column: number; offset?: number };
    end: { line: number; offset?: number };
  };
  children?: Positioned[];
}

function shift(node: Positioned, lines: number, offset: number) {
  const stack: Positioned[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n) break;
    if (n.position) {
      n.position.start.line += lines;
      n.position.end.line += lines;
      if (n.position.start.offset !== undefined) n.position.start.offset += offset;
      if (n.position.end.offset !== undefined) n.position.end.offset += offset;
    }
    if (n.children) for (const child of n.children) stack.push(child);
  }
}

/** More markdown than one import may parse: reported like a file that is too large. */
export const tooMuchMarkdown = () =>
  new UserError('import.too-large', { max: `${Math.round(PARSE_BUDGET / 1024)} KB` });

/**
 * Parses markdown (GFM) into mdast, piece by piece, with positions relative to `text`. Throws UserError
 * `import.too-large` when the budget runs out.
 */
export function parseMarkdown(text: string, budget: ParseBudget): Root {
  const lines = text.split('\n');
  const root: Root = { type: 'root', children: [] };
  let offset = 0;
  const lineOffsets: number[] = [];
  for (const line of lines) {
    lineOffsets.push(offset);
    offset += line.length + 1;
  }
  for (const piece of pieces(lines)) {
    const body = lines.slice(piece.start, piece.end).join('\n');
    if (body.trim() === '') continue;
    const header =
      piece.tableHeader === undefined
        ? ''
        : `${lines[piece.tableHeader] ?? ''}\n${lines[piece.tableHeader + 1] ?? ''}\n`;
    const chunk = header + body;
    budget.left -= chunk.length;
    if (budget.left < 0) throw tooMuchMarkdown();
    const tree = fromMarkdown(chunk, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    // The repeated header takes two lines before the piece: positions still count from the piece's own lines.
    const headerLines = header ? 2 : 0;
    for (const child of tree.children) {
      shift(child as Positioned, piece.start - headerLines, (lineOffsets[piece.start] ?? 0) - header.length);
      root.children.push(child as RootContent);
    }
  }
  return root;
}

const HINT =
  /자격|우대|요건|요구\s*사항|필수|부가|직무|공통|정리|review|qualif|requir|prefer|nice[\s-]to[\s-]have|plus(?:es)?\b|skills?\b/i;
const SECTION_START = /^(?:[-*+][ \t]+)?#{1,6}(?:[ \t]|$)/;

/**
 * For a document larger than the parse budget: keeps only the heading sections that may hold postings or a
 * summary (they mention a label, 직무 or 공통/정리) and headings that name a role; every other line becomes
 * empty, so line numbers still match. A megabyte of nested lists or of headings alone comes out (nearly)
 * empty instead of taking seconds to parse.
 */
export function keepRelevant(text: string, isRoleHeading: (line: string) => boolean): string {
  const lines = text.split('\n');
  const out: string[] = new Array(lines.length).fill('');
  let start = 0;
  const fenced = fencedLines(lines);
  const flush = (end: number) => {
    let relevant = false;
    for (let i = start; i < end && !relevant; i++) relevant = HINT.test(lines[i] ?? '');
    if (relevant) {
      for (let i = start; i < end; i++) out[i] = lines[i] ?? '';
    } else if (SECTION_START.test(lines[start] ?? '') && isRoleHeading(lines[start] ?? '')) {
      out[start] = lines[start] ?? '';
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fenced[i]) continue;
    if (i > start && SECTION_START.test(line)) {
      flush(i);
      start = i;
    }
  }
  flush(lines.length);
  return out.join('\n');
}
