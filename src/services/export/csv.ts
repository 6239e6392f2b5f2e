/**
 * Postings as CSV, one row per item: RFC 4180 (CRLF, quoted where needed), a header row, and a UTF-8 byte
 * order mark so Excel reads the Korean text correctly.
 */
import type { Posting, Section } from '../postings/schema';

export const CSV_HEADER = [
  'posting_id',
  'company',
  'role',
  'title',
  'url',
  'section',
  'item',
  'skills',
] as const;

export interface CsvExportOptions {
  /** What the role column shows for a role id; the id by default. */
  roleLabel?: (roleId: string) => string;
  /** Column names in the reader's language; CSV_HEADER by default. */
  header?: readonly string[];
  /** How a company shows (the importer's stand-in for a missing name, in the reader's language). */
  company?: (company: string) => string;
  /** What the section column shows; `required` / `preferred` by default. */
  sectionLabel?: (section: Section) => string;
}

/**
 * One field, quoted when it holds a comma, quote or line break. A field that a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe.
 */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const BOM = '\ufeff';

export function renderCsv(postings: readonly Posting[], options: CsvExportOptions = {}): string {
  const label = options.roleLabel ?? ((id: string) => id);
  const section = options.sectionLabel ?? ((s: Section) => s);
  const rows: string[] = [(options.header ?? CSV_HEADER).map(csvField).join(',')];
  for (const posting of postings) {
    for (const item of posting.items) {
      rows.push(
        [
          posting.id,
          options.company?.(posting.company) ?? posting.company,
          label(posting.roleId),
          posting.title,
          posting.url,
          section(item.section),
          item.text,
          item.skills.map((skill) => skill.id).join(';'),
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${BOM}${rows.join('\r\n')}\r\n`;
}
