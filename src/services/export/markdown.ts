/**
 * Postings as a research note of the study groups' own kind: a title, a section per role, each company as a
 * linked list item with nested `자격 조건` / `우대 사항` lists, then `## Review` with what is commonly asked.
 * Importing the result into an empty server gives the same postings back.
 */
import { splitItems } from '../normalize/split';
import type { Posting, Section } from '../postings/schema';
import { wholePercent } from '../summary/percent';

export interface ShareRow {
  label: string;
  count: number;
  /** Fraction of the postings (0–1); a number above 1 is taken as a percentage. */
  share: number;
  /** Of `count`, the postings that only imply it (Django ⇒ Python). */
  implied?: number;
}

/** What the review part shows for one role: its commonly required and preferred skills. */
export interface RoleSummaryInput {
  required: readonly ShareRow[];
  preferred: readonly ShareRow[];
  postings: number;
}

/** The words of the document around the postings, in its language; Korean by default, as the genre is. */
export interface MarkdownLabels {
  title: string;
  /** `직무: 백엔드 개발자` — the importer reads a role from a heading of this shape in either language. */
  role: (label: string) => string;
  required: string;
  preferred: string;
  review: string;
  commonRequired: string;
  commonPreferred: string;
  /** A share that comes partly or only from skills that imply this one. */
  impliedSome: (count: number) => string;
  impliedAll: string;
  impliedNote: string;
  /** How a company the document must name shows (the importer's stand-in for a missing name). */
  company?: (company: string) => string;
}

const KOREAN_LABELS: MarkdownLabels = {
  title: '채용공고 정리',
  role: (label) => `직무: ${label}`,
  required: '자격 조건',
  preferred: '우대 사항',
  review: 'Review',
  commonRequired: '공통 자격 조건',
  commonPreferred: '공통 우대 사항',
  impliedSome: (count) => `추정 ${count}`,
  impliedAll: '모두 추정',
  impliedNote: '추정: 그 기술 대신 그것을 뜻하는 다른 기술을 적은 공고 (예: Django ⇒ Python)',
};

export interface MarkdownExportOptions {
  /** The document title; the labels' title by default. */
  title?: string;
  labels?: MarkdownLabels;
  /** Display name of a role id (`backend` → `백엔드 개발자`); the id by default. */
  roleLabel?: (roleId: string) => string;
  /** The summary for the review part: one for a single role, or one per role id. */
  summary?: RoleSummaryInput | Readonly<Record<string, RoleSummaryInput>>;
  /** Most skills listed per section of the review. */
  maxShares?: number;
  /** The authors' own summaries kept from imports, appended under the review, each under its label. */
  authorSummaries?: readonly { label: string; text: string }[];
}

/** Separates company and title inside one link text; the importer splits at the first one. */
export const TITLE_SEPARATOR = ' — ';

/** Backslash-escapes what markdown would read as markup, so the text parses back to itself. */
export function escapeMarkdown(text: string): string {
  const escaped = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>~|]/g, '\\$&')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
  // At the start of a line: a heading, quote, list marker or ordered-list number.
  return escaped.replace(/^([#>+\-=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

function linkDestination(url: string): string {
  const safe = url
    .trim()
    .replace(/\\/g, '\\\\')
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
  return /[\s()<>]/.test(safe) ? `<${safe.replace(/[<>]/g, '\\$&')}>` : safe;
}

/** The items of one section as the posting lists them. */
export function sectionItems(posting: Posting, section: Section): string[] {
  const items = posting.items.filter((item) => item.section === section).map((item) => item.text);
  if (items.length > 0 || posting.items.length > 0) return items;
  return splitItems(section === 'required' ? posting.requirementsText : posting.preferredText);
}

function entry(posting: Posting, labels: MarkdownLabels): string[] {
  const company = labels.company?.(posting.company) ?? posting.company;
  const name = posting.title ? `${company}${TITLE_SEPARATOR}${posting.title}` : company;
  const head = posting.url
    ? `[${escapeMarkdown(name)}](${linkDestination(posting.url)})`
    : escapeMarkdown(name);
  const lines = [`- ${head}`];
  const section = (label: string, items: string[]) => {
    const kept = items.map(escapeMarkdown).filter(Boolean);
    if (kept.length === 0) return;
    lines.push(`  - ${label}`, ...kept.map((item) => `    - ${item}`));
  };
  section(labels.required, sectionItems(posting, 'required'));
  section(labels.preferred, sectionItems(posting, 'preferred'));
  return lines;
}

function isSingle(summary: MarkdownExportOptions['summary']): summary is RoleSummaryInput {
  return (
    summary !== undefined &&
    Array.isArray((summary as RoleSummaryInput).required) &&
    typeof (summary as RoleSummaryInput).postings === 'number'
  );
}

function review(summary: RoleSummaryInput, max: number, labels: MarkdownLabels): string[] {
  const lines: string[] = [];
  const part = (label: string, rows: readonly ShareRow[]) => {
    if (rows.length === 0) return;
    lines.push(`- ${label}`);
    for (const row of rows.slice(0, max)) {
      const implied = row.implied ?? 0;
      const note =
        implied === 0 ? '' : `, ${implied >= row.count ? labels.impliedAll : labels.impliedSome(implied)}`;
      lines.push(
        `  - ${escapeMarkdown(row.label)}: ${row.count}/${summary.postings} (${wholePercent(row.count, summary.postings)}%${note})`,
      );
    }
  };
  part(labels.commonRequired, summary.required);
  part(labels.commonPreferred, summary.preferred);
  if ([...summary.required, ...summary.preferred].some((row) => (row.implied ?? 0) > 0)) {
    lines.push(`- ${labels.impliedNote}`);
  }
  return lines;
}

/** Renders postings (grouped by role, in the order given) as a markdown research note. */
export function renderMarkdown(postings: readonly Posting[], options: MarkdownExportOptions = {}): string {
  const label = options.roleLabel ?? ((id: string) => id);
  const labels = options.labels ?? KOREAN_LABELS;
  const out: string[] = [`# ${escapeMarkdown(options.title ?? labels.title)}`, ''];
  const byRole = new Map<string, Posting[]>();
  for (const posting of postings) {
    const group = byRole.get(posting.roleId) ?? [];
    group.push(posting);
    byRole.set(posting.roleId, group);
  }
  for (const [roleId, group] of byRole) {
    out.push(`## ${escapeMarkdown(labels.role(label(roleId)))}`, '');
    for (const posting of group) out.push(...entry(posting, labels), '');
  }

  const max = options.maxShares ?? 10;
  const summaries: [string | undefined, RoleSummaryInput][] = isSingle(options.summary)
    ? [[undefined, options.summary]]
    : Object.entries(options.summary ?? {});
  const reviewLines: string[] = [];
  for (const [roleId, summary] of summaries) {
    const lines = review(summary, max, labels);
    if (lines.length === 0) continue;
    if (roleId !== undefined && summaries.length > 1) {
      reviewLines.push(`### ${escapeMarkdown(label(roleId))} (${summary.postings})`, '');
    }
    reviewLines.push(...lines, '');
  }
  const authored = (options.authorSummaries ?? [])
    .map((s) => ({ label: s.label, text: s.text.trim() }))
    .filter((s) => s.text);
  if (reviewLines.length > 0 || authored.length > 0) {
    out.push(`## ${escapeMarkdown(labels.review)}`, '', ...reviewLines);
    for (const { label: name, text } of authored) {
      // Demoted into the review as quoted text so its own labels never read as postings.
      out.push(`> **${escapeMarkdown(name)}**`, '>');
      out.push(...text.split('\n').map((line) => (line ? `> ${line}` : '>')), '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
