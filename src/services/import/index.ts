/**
 * Import of a study group's markdown research notes: parse (no side effects), then plan (what would be
 * stored, skipped, or is a duplicate). Storing the plan's inputs is the caller's job.
 */
import { MAX_FIELD_CHARS, type PostingInput } from '../postings/schema';
import { canonicalUrl } from '../postings/url';
import { rewriteDetails } from './details';
import { decodeDocument } from './document';
import { extractPostings, type ParsedPosting, type SkippedEntry } from './markdown';
import { keepRelevant, newBudget, PARSE_BUDGET, tameLines, tooMuchMarkdown } from './mdast';
import type { DuplicateReport, ImportPlan, PlannedPosting, SkippedReport } from './report';
import { roleFromHeading } from './role';

export { decodeDocument, MAX_IMPORT_BYTES } from './document';
export { classifyLabel, editDistance, isSummaryHeading, type Label, type LabelKind } from './labels';
export type { ParsedPosting, SkippedEntry, SkipReason } from './markdown';
export { UNKNOWN_COMPANY } from './markdown';
export { PARSE_BUDGET } from './mdast';
export * from './report';
export { parseRoleLine, roleFromHeading } from './role';

export interface ParsedDocument {
  postings: ParsedPosting[];
  /** Entries that are not postings: link-only lists, investment notes, empty sections. */
  skipped: SkippedEntry[];
  /** The author's own summary (`## Review`, `공통 자격 조건`, `공통사항`, `정리`…) as markdown. */
  authorSummary?: string;
  warnings: string[];
  /** The document's `# title` or front matter title. */
  title?: string;
}

export interface ParseOptions {
  /** The role of every posting, instead of what the document says. */
  role?: string;
}

const nonBlankLength = (text: string) => text.replace(/\n[ \t]*(?=\n)/g, '\n').length;

/**
 * Reads a research document (bytes of an uploaded file, or text). Throws UserError `import.too-large`,
 * `import.binary` or `import.invalid-utf8` for what is not a document it can read.
 */
export function parseResearchDocument(
  input: Uint8Array | string,
  options: ParseOptions = {},
): ParsedDocument {
  const decoded = decodeDocument(input);
  const folded = rewriteDetails(tameLines(decoded.text));
  let text = folded.text;
  const warnings: string[] = [];
  if (nonBlankLength(text) > PARSE_BUDGET) {
    text = keepRelevant(
      text,
      (line) => roleFromHeading(line.replace(/^[-*+]\s+/, '').replace(/^#+\s*/, '')) !== undefined,
    );
    warnings.push('large document: only the sections that mention requirements or roles were read');
    if (nonBlankLength(text) > PARSE_BUDGET) throw tooMuchMarkdown();
  }
  const result = extractPostings(text, {
    budget: newBudget(),
    details: folded.marks,
    ...(options.role ? { role: options.role } : {}),
    ...(decoded.frontMatter?.title ? { frontMatterTitle: decoded.frontMatter.title } : {}),
  });
  const title = decoded.frontMatter?.title || result.title;
  const summary = result.summaries
    .map((text) => text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n'))
    .join('\n\n')
    .trim();
  return {
    postings: result.postings,
    skipped: result.skipped,
    ...(summary ? { authorSummary: summary } : {}),
    warnings: [...warnings, ...result.warnings],
    ...(title ? { title } : {}),
  };
}

export interface ImportDeps {
  /** The role id a free text names, if the role table knows it. */
  resolveRole(text: string): string | undefined;
  /** The posting this server already has at a canonical URL. */
  findByUrl(canonicalUrl: string): Promise<{ id: number; company: string } | undefined>;
}

export interface PlanOptions {
  /** Discord user id recorded as the submitter of every imported posting. */
  submittedBy?: string;
}

const clip = (text: string, max: number) =>
  [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;

function usableUrl(raw: string | undefined): string | undefined {
  const url = raw?.trim();
  if (!url || url.length > MAX_FIELD_CHARS.url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const itemsText = (items: readonly string[]) => items.map((item) => `- ${item}`).join('\n');

/**
 * Decides what an import would do: which postings are stored (with the role each resolves to), which
 * entries are skipped and why, and which are duplicates of the server's postings or of each other.
 */
export async function planImport(
  parsed: ParsedDocument,
  deps: ImportDeps,
  options: PlanOptions = {},
): Promise<ImportPlan> {
  const inputs: PostingInput[] = [];
  const postings: PlannedPosting[] = [];
  const skipped: SkippedReport[] = parsed.skipped.map((s) => ({ ...s }));
  const duplicates: DuplicateReport[] = [];
  const warnings = [...parsed.warnings];
  const seen = new Map<string, number>();

  for (const p of parsed.postings) {
    const who = {
      company: p.company,
      ...(p.title ? { title: p.title } : {}),
      ...(p.url ? { url: p.url } : {}),
    };
    let role: string | undefined;
    let roleId: string | undefined;
    for (const candidate of p.roleCandidates) {
      roleId = deps.resolveRole(candidate);
      if (roleId) {
        role = candidate;
        break;
      }
    }
    if (!role || !roleId) {
      skipped.push({ ...who, line: p.line, reason: 'role-unknown', detail: p.roleCandidates[0] ?? '' });
      continue;
    }
    const requirements = itemsText(p.required);
    const preferred = itemsText(p.preferred);
    if (requirements.length > MAX_FIELD_CHARS.requirements || preferred.length > MAX_FIELD_CHARS.preferred) {
      const field = requirements.length > MAX_FIELD_CHARS.requirements ? 'requirements' : 'preferred';
      skipped.push({ ...who, line: p.line, reason: 'too-long', detail: field });
      continue;
    }
    const url = usableUrl(p.url);
    if (p.url && !url)
      warnings.push(`line ${p.line}: ${p.company}: the link is not a web address and was left out`);

    let canonical: string | undefined;
    try {
      canonical = url ? canonicalUrl(url) : undefined;
    } catch {
      canonical = undefined;
    }
    const key = canonical ?? `${p.company}\u0000${p.title ?? ''}\u0000${requirements}\u0000${preferred}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      duplicates.push({ ...who, line: p.line, of: 'document', firstLine });
      continue;
    }
    seen.set(key, p.line);
    if (canonical) {
      const existing = await deps.findByUrl(canonical);
      if (existing) {
        duplicates.push({
          ...who,
          line: p.line,
          of: 'server',
          existing: { id: existing.id, company: existing.company },
        });
        continue;
      }
    }

    const company = clip(p.company, MAX_FIELD_CHARS.company);
    const title = p.title ? clip(p.title, MAX_FIELD_CHARS.title) : undefined;
    inputs.push({
      company,
      role,
      ...(title ? { title } : {}),
      ...(url ? { url } : {}),
      requirements,
      preferred,
      ...(options.submittedBy ? { submittedBy: options.submittedBy } : {}),
    });
    postings.push({
      company,
      companyFound: p.companyFound,
      ...(title ? { title } : {}),
      ...(url ? { url } : {}),
      role,
      roleId,
      required: p.required.length,
      preferred: p.preferred.length,
      line: p.line,
    });
  }

  return {
    inputs,
    postings,
    skipped: skipped.sort((a, b) => a.line - b.line),
    duplicates,
    ...(parsed.authorSummary ? { authorSummary: parsed.authorSummary } : {}),
    warnings,
    empty: inputs.length === 0,
  };
}
