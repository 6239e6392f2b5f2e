import type { SectionLabel } from './labels';

/** A table row's cells, without the outer pipes; `\|` stays inside its cell. */
export function tableCells(line: string): string[] | undefined {
  const trimmed = line.trim();
  if (!trimmed.includes('|')) return undefined;
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i];
    if (ch === '\\' && trimmed[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell.trim());
  if (trimmed.startsWith('|')) cells.shift();
  if (trimmed.endsWith('|') && !trimmed.endsWith('\\|')) cells.pop();
  return cells;
}

const SEPARATOR_ROW = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const normalizeHeader = (text: string) => text.replace(/[*_`\s]/g, '').toLowerCase();

/** The index of `column` in the header of the table that holds line `row` (1-based). */
function columnIndex(lines: readonly string[], row: number, column: string): number {
  for (let i = row - 1; i >= 1; i--) {
    if (SEPARATOR_ROW.test(lines[i] ?? '')) {
      const header = tableCells(lines[i - 1] ?? '') ?? [];
      const index = header.findIndex((cell) => normalizeHeader(cell) === normalizeHeader(column));
      if (index < 0) throw new Error(`no column "${column}" in the table above line ${row}`);
      return index;
    }
  }
  throw new Error(`line ${row} is not in a table with a header`);
}

/**
 * The text of a labeled section: its line ranges joined, or in a table the named column's cell of each
 * row in the ranges.
 */
export function sectionText(documentLines: readonly string[], label: SectionLabel): string {
  const out: string[] = [];
  for (const [from, to] of label.lines) {
    if (from > to || to > documentLines.length) {
      throw new Error(`line range ${from}-${to} is outside the document (${documentLines.length} lines)`);
    }
    for (let n = from; n <= to; n++) {
      const line = documentLines[n - 1] ?? '';
      if (label.column === undefined) {
        out.push(line);
        continue;
      }
      if (SEPARATOR_ROW.test(line)) continue;
      const cells = tableCells(line);
      if (!cells) {
        if (line.trim() === '') continue;
        throw new Error(`line ${n} is not in a table`);
      }
      out.push(cells[columnIndex(documentLines, n, label.column)] ?? '');
    }
  }
  return out.join('\n');
}
