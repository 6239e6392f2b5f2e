/**
 * Import of a study group's markdown research notes: parse (no side effects), then plan (what would be
 * stored, skipped, or is a duplicate). Storing the plan's inputs is the caller's job.
 */
import { MAX_FIELD_CHARS } from '../postings/schema';
import { rewriteDetails } from './details';
import { decodeDocument } from './document';
import { documentKeyOf, type ServerPostings, serverTwin } from './duplicates';
import { extractPostings, type ParsedPosting, type SkippedEntry } from './markdown';
import { keepRelevant, newBudget, PARSE_BUDGET, tameLines, tooMuchMarkdown } from './mdast';
import type { DuplicateReport, ImportPlan, PlannedInput, PlannedPosting, SkippedReport } from './report';
import { roleFromHeading } from './role';
import type { ImportWarning } from './warnings';

export { classifyLabel, editDistance, isSummaryHeading, type Label, type LabelKind } from '../labels';
export { assignRole } from './assign-role';
export { decodeDocument, MAX_IMPORT_BYTES } from './document';
export { createRoleInference, type RoleInferrer } from './infer-role';
export type { ParsedPosting, SkippedEntry, SkipReason } from './markdown';
export { UNKNOWN_COMPANY } from './markdown';
export { PARSE_BUDGET } from './mdast';
export * from './report';
export { parseRoleLine, roleFromHeading } from './role';
export type { ImportWarning } from './warnings';

export interface ParsedDocument {
  postings: ParsedPosting[];
  /** Entries that are not postings: link-only lists, investment notes, empty sections. */
  skipped: SkippedEntry[];
  /** The author's own summary (`## Review`, `공통 자격 조건`, `공통사항`, `정리`…) as markdown. */
  authorSummary?: string;
  warnings: ImportWarning[];
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
  const warnings: ImportWarning[] = [];
  if (nonBlankLength(text) > PARSE_BUDGET) {
    text = keepRelevant(
      text,
      (line) => roleFromHeading(line.replace(/^[-*+]\s+/, '').replace(/^#+\s*/, '')) !== undefined,
    );
    warnings.push({ code: 'large' });
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

export interface ImportDeps extends ServerPostings {
  /** The role id a free text names, if the role table knows it. */
  resolveRole(text: string): string | undefined;
  /** The role a posting's skills point to with a clear margin, if any (see createRoleInference). */
  inferRole?(required: readonly string[], preferred: readonly string[]): string | undefined;
}

export interface PlanOptions {
  /** Discord user id recorded as the submitter of every imported posting. */
  submittedBy?: string;
  /** The role id of every posting (the command's role option), before anything the document says. */
  role?: string;
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
 * A posting's role, by the first that gives one: the command's option, the document's words for it (in the
 * parser's order, see ParsedPosting.roleCandidates), the role its skills point to. Null: needed.
 */
function roleOf(
  p: ParsedPosting,
  deps: ImportDeps,
  explicit: string | undefined,
): Pick<PlannedPosting, 'role' | 'roleId' | 'roleInferred' | 'roleNeeded'> {
  if (explicit) return { role: explicit, roleId: explicit };
  for (const candidate of p.roleCandidates) {
    const roleId = deps.resolveRole(candidate);
    if (roleId) return { role: candidate, roleId };
  }
  const inferred = deps.inferRole?.(p.required, p.preferred);
  if (inferred) return { role: inferred, roleId: inferred, roleInferred: true };
  return { role: null, roleId: null, roleNeeded: true };
}

/**
 * Decides what an import would do: every posting found, with the role each resolves to (or that its role is
 * needed), which entries are skipped and why, and which are duplicates of the server's postings (same link,
 * or same content) or of each other.
 */
export async function planImport(
  parsed: ParsedDocument,
  deps: ImportDeps,
  options: PlanOptions = {},
): Promise<ImportPlan> {
  const inputs: PlannedInput[] = [];
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
    const requirements = itemsText(p.required);
    const preferred = itemsText(p.preferred);
    if (requirements.length > MAX_FIELD_CHARS.requirements || preferred.length > MAX_FIELD_CHARS.preferred) {
      const field = requirements.length > MAX_FIELD_CHARS.requirements ? 'requirements' : 'preferred';
      skipped.push({ ...who, line: p.line, reason: 'too-long', detail: field });
      continue;
    }
    const url = usableUrl(p.url);
    if (p.url && !url) warnings.push({ code: 'bad-link', line: p.line, company: p.company });
    const role = roleOf(p, deps, options.role);
    const company = clip(p.company, MAX_FIELD_CHARS.company);
    const title = p.title ? clip(p.title, MAX_FIELD_CHARS.title) : undefined;
    const input: PlannedInput = {
      company,
      role: role.roleId,
      ...(title ? { title } : {}),
      ...(url ? { url } : {}),
      requirements,
      preferred,
      ...(options.submittedBy ? { submittedBy: options.submittedBy } : {}),
    };

    const key = documentKeyOf(input, role.roleId);
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      duplicates.push({ ...who, line: p.line, of: 'document', firstLine });
      continue;
    }
    seen.set(key, p.line);
    const existing = await serverTwin(deps, input, role.roleId);
    if (existing) {
      duplicates.push({ ...who, line: p.line, of: 'server', existing });
      continue;
    }

    inputs.push(input);
    postings.push({
      company,
      companyFound: p.companyFound,
      ...(title ? { title } : {}),
      ...(url ? { url } : {}),
      ...role,
      ...(p.unlabeled ? { unlabeled: true as const } : {}),
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
    ...(parsed.title ? { title: parsed.title } : {}),
    warnings,
    empty: inputs.length === 0,
  };
}
