/**
 * Tables in research notes, as tokens: a posting per row (`| 회사 | 포지션 | 자격요건 | 우대사항 |`), a
 * posting per column (`| 구분 | 바다솔 | 새온랩 |` with rows of labels), or the sections of the entry the
 * table sits in (`| 자격요건 | … |` rows). Any other table is read as lines of text.
 */
import type { Table, TableCell } from 'mdast';
import { classifyLabel, type Label } from '../labels';
import { inlineItems } from './items';
import type { EntryKey } from './keyvalue';
import { type Line, phrasingLines, plainLine, squash } from './lines';
import type { Token } from './token';

const EMOJI = /[\p{Extended_Pictographic}\u{1f1e6}-\u{1f1ff}\ufe0f\u20e3]/gu;
const COMPANY_COLUMN =
  /^(?:회사|회사\s*명|회사\s*이름|기업|기업\s*명|업체|업체\s*명|company|company\s*name|employer)$/i;
const POSITION_COLUMN =
  /^(?:포지션|포지션\s*명|공고|공고\s*명|공고\s*제목|채용\s*포지션|직무\s*명|position|title|job\s*title)$/i;
const ROLE_COLUMN = /^(?:직무|직군|분야|모집\s*분야|role)$/i;
const URL_COLUMN = /^(?:링크|공고\s*링크|채용\s*링크|지원\s*링크|url|link|출처|바로\s*가기|원문)$/i;
/** A column header that names no company: `구분 | 내용`. */
const GENERIC_COLUMN =
  /^(?:구분|항목|분류|내용|설명|상세|상세\s*내용|세부\s*내용|세부\s*사항|비고|값|정보|요약|메모|공통|전체|합계|평균|item|field|category|content|contents|description|details?|value|info|notes?|common|total|all|summary|)$/i;

const lineOf = (node: { position?: { start: { line: number } } }) => node.position?.start.line ?? 0;
const cellLines = (cell: TableCell | undefined): Line[] => (cell ? phrasingLines(cell.children) : []);
const cellText = (cell: TableCell | undefined) =>
  squash(
    cellLines(cell)
      .map((l) => l.text)
      .join(' '),
  );
const headerWord = (text: string) =>
  text
    .replace(EMOJI, '')
    .replace(/[:：]\s*$/, '')
    .trim();
const isReqPref = (label: Label | undefined) => label !== undefined && label.kind !== 'other';

function cellItems(cell: TableCell | undefined): string[] {
  const lines = cellLines(cell).filter((line) => line.text !== '');
  const [only] = lines;
  if (lines.length === 1 && only && !only.bullet) return inlineItems(only.text);
  return lines
    .flatMap((line) => line.text.split(/\s+[•ㆍ▪◦‣]\s+/))
    .map(squash)
    .filter(Boolean);
}

function sectionTokens(label: Label, cell: TableCell | undefined, depth: number, at: number): Token[] {
  const out: Token[] = [{ t: 'label', label, depth, min: depth + 1, at }];
  if (label.kind !== 'other')
    for (const text of cellItems(cell)) out.push({ t: 'item', depth: depth + 1, line: plainLine(text), at });
  return out;
}

const urlOf = (cell: TableCell | undefined) => {
  const line = cellLines(cell)[0];
  return (
    line?.links.find((l) => /^https?:\/\//i.test(l.url))?.url ?? /https?:\/\/\S+/.exec(line?.text ?? '')?.[0]
  );
};

function rowKey(text: string): EntryKey | undefined {
  const word = headerWord(text);
  if (COMPANY_COLUMN.test(word)) return 'company';
  if (POSITION_COLUMN.test(word) || ROLE_COLUMN.test(word)) return 'title';
  return URL_COLUMN.test(word) ? 'url' : undefined;
}

/** The tokens a table stands for; `depth` is the depth of the list item it sits in, -1 at the top. */
export function tableTokens(table: Table, depth: number): Token[] {
  const [header, ...rows] = table.children;
  if (!header) return [];
  const heads = header.children.map((cell) => headerWord(cellText(cell)));
  const headLabels = heads.map((text) => classifyLabel(text));
  const out: Token[] = [];
  let company = heads.findIndex((text) => COMPANY_COLUMN.test(text));
  // `|  | 자격요건 | 우대사항 |`: an empty corner, and a company in the first cell of each row.
  if (company < 0 && heads[0] === '' && rows.length > 1) company = 0;
  if (company >= 0 && headLabels.some((label, i) => i !== company && isReqPref(label))) {
    const position = heads.findIndex((text) => POSITION_COLUMN.test(text));
    const role = heads.findIndex((text) => ROLE_COLUMN.test(text));
    const url = heads.findIndex((text) => URL_COLUMN.test(text));
    for (const row of rows) {
      const at = lineOf(row);
      if (row.children.every((c) => cellText(c) === '')) continue;
      const cell = (column: number) => (column >= 0 ? row.children[column] : undefined);
      const name = cellLines(cell(company))[0] ?? plainLine('');
      const title = cellText(cell(position));
      const roleText = cellText(cell(role));
      const link = urlOf(cell(url));
      out.push({
        t: 'card',
        line: name,
        at,
        ...(title ? { title } : {}),
        ...(roleText ? { role: roleText } : {}),
        ...(link ? { url: link } : {}),
      });
      headLabels.forEach((label, column) => {
        if (label && column !== company) out.push(...sectionTokens(label, row.children[column], depth, at));
      });
    }
    out.push({ t: 'rule', at: lineOf(table) });
    return out;
  }
  const firstColumn = table.children.map((row) => classifyLabel(cellText(row.children[0])));
  const rowWise = firstColumn.some(isReqPref) && headLabels.slice(1).every((label) => !label);
  const named = heads.slice(1).filter((text) => !GENERIC_COLUMN.test(text));
  if (rowWise && !headLabels[0] && named.length >= 1) {
    // A posting per column. A single named column inside an entry is that entry's own content.
    header.children.forEach((headCell, column) => {
      if (column === 0 || GENERIC_COLUMN.test(heads[column] ?? '')) return;
      const at = lineOf(table);
      out.push({ t: 'card', line: cellLines(headCell)[0] ?? plainLine(''), at });
      table.children.forEach((row, index) => {
        const label = firstColumn[index];
        if (label && index > 0) out.push(...sectionTokens(label, row.children[column], depth, lineOf(row)));
      });
    });
    out.push({ t: 'rule', at: lineOf(table) });
    return out;
  }
  if (rowWise) {
    table.children.forEach((row, index) => {
      const label = firstColumn[index];
      const at = lineOf(row);
      if (!label) {
        // `| 직무 | 백엔드 개발자 |`, `| 링크 | https://… |` beside the label rows: the entry's own keys.
        const key = rowKey(cellText(row.children[0]));
        const value = cellLines(row.children[1])[0];
        if (key && value?.text) out.push({ t: 'kv', key, value: value.text, line: value, at });
        return;
      }
      out.push({ t: 'label', label, depth, min: depth + 1, at });
      if (label.kind === 'other') return;
      for (const cell of row.children.slice(1))
        for (const text of cellItems(cell))
          out.push({ t: 'item', depth: depth + 1, line: plainLine(text), at });
    });
    out.push({ t: 'close', level: 99, at: lineOf(table) });
    return out;
  }
  if (headLabels.some(isReqPref)) {
    headLabels.forEach((label, column) => {
      if (!label) return;
      out.push({ t: 'label', label, depth, min: depth + 1, at: lineOf(table) });
      if (label.kind === 'other') return;
      for (const row of rows)
        for (const text of cellItems(row.children[column]))
          out.push({ t: 'item', depth: depth + 1, line: plainLine(text), at: lineOf(row) });
    });
    out.push({ t: 'close', level: 99, at: lineOf(table) });
    return out;
  }
  for (const row of table.children) {
    const text = row.children
      .map((cell) => cellText(cell))
      .filter(Boolean)
      .join(' | ');
    if (text) out.push({ t: 'text', depth, line: plainLine(text), at: lineOf(row) });
  }
  return out;
}
