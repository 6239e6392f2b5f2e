/** Export of a server's postings as a markdown research note, a CSV of items, or JSON as stored. */
import type { Posting } from '../postings/schema';
import { type CsvExportOptions, renderCsv } from './csv';
import { type JsonExportOptions, renderJson } from './json';
import { type MarkdownExportOptions, renderMarkdown } from './markdown';

export { CSV_HEADER, type CsvExportOptions, csvField, renderCsv } from './csv';
export {
  EXPORT_VERSION,
  type ExportEnvelope,
  exportEnvelopeSchema,
  type JsonExportOptions,
  parseJsonExport,
  renderJson,
} from './json';
export {
  escapeMarkdown,
  type MarkdownExportOptions,
  type RoleSummaryInput,
  renderMarkdown,
  type ShareRow,
  sectionItems,
  TITLE_SEPARATOR,
} from './markdown';

export const EXPORT_FORMATS = {
  markdown: { extension: 'md', contentType: 'text/markdown; charset=utf-8' },
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
  json: { extension: 'json', contentType: 'application/json' },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

export type ExportOptions = MarkdownExportOptions &
  CsvExportOptions &
  JsonExportOptions & { basename?: string };

/** Renders postings in a format, with the file name and content type to send it under. */
export function exportPostings(
  format: ExportFormat,
  postings: readonly Posting[],
  options: ExportOptions = {},
): { filename: string; contentType: string; content: string } {
  const { extension, contentType } = EXPORT_FORMATS[format];
  const content =
    format === 'markdown'
      ? renderMarkdown(postings, options)
      : format === 'csv'
        ? renderCsv(postings, options)
        : renderJson(postings, options);
  return { filename: `${options.basename ?? 'role-radar-postings'}.${extension}`, contentType, content };
}
