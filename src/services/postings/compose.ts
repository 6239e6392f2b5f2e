import type { z } from 'zod';
import { UserError } from '../errors';
import { classifyLabel, type Label } from '../labels';
import type { Normalizer } from '../normalize';
import type { RoleDirectory } from '../roles';
import {
  MAX_FIELD_CHARS,
  type NormalizedItem,
  type PostingInput,
  postingInputSchema,
  type Section,
} from './schema';
import { canonicalUrl } from './url';

const LINE_MARKERS = /^\s*(?:#{1,6}\s*|[-*+•ㆍ·]\s*|\d{1,2}[.)]\s*)?/;

/** The section label a line of pasted text is, if it is one: `자격요건`, `### 우대 사항`, `- 혜택 및 복지`. */
function sectionLabel(line: string): Label | undefined {
  const text = line
    .replace(LINE_MARKERS, '')
    .replace(/\*\*|__/g, '')
    .trim();
  if (!text || text.length > 60) return undefined;
  const label = classifyLabel(text);
  // `기술 스택: Python, Django` is an item that happens to start like a label, not the start of a section.
  if (!label || label.common || (label.kind === 'other' && label.rest)) return undefined;
  return label;
}

/**
 * Sorts pasted text into its sections. A member often pastes a whole posting into the requirements field:
 * 자격요건 lines go to requirements, 우대사항 lines to preferred, and what stands under 주요업무, 복지 or 채용 절차
 * goes nowhere, nor does a title line above the first label. Text without labels stays in the field it
 * was typed in.
 */
export function splitPastedSections(
  requirements: string,
  preferred: string,
): { requirements: string; preferred: string } {
  const out: Record<Section, string[]> = { required: [], preferred: [] };
  const scan = (text: string, start: Section) => {
    const lines = text.split(/\r?\n/);
    // What stands above the first 자격요건 or 주요업무 label is a title or an introduction
    // (`회사 | Server Developer (Python)`), not a requirement; above a first 우대사항 it is the requirements.
    const first = lines.map(sectionLabel).find((label) => label !== undefined);
    let section: Section | 'other' = first && first.kind !== 'preferred' ? 'other' : start;
    for (const line of lines) {
      const label = sectionLabel(line);
      if (!label) {
        if (section !== 'other') out[section].push(line);
        continue;
      }
      section = label.kind;
      if (label.rest && section !== 'other') out[section].push(label.rest);
    }
  };
  scan(requirements, 'required');
  scan(preferred, 'preferred');
  return { requirements: out.required.join('\n').trim(), preferred: out.preferred.join('\n').trim() };
}

/** A posting's items from its two texts, as stored or as pasted, for a posting filed under `roleId`. */
export function normalizePostingText(
  normalizer: Normalizer,
  requirements: string,
  preferred: string,
  roleId?: string,
): NormalizedItem[] {
  const sections = splitPastedSections(requirements, preferred);
  return [
    ...normalizer.normalizeSection(sections.requirements, 'required', roleId),
    ...normalizer.normalizeSection(sections.preferred, 'preferred', roleId),
  ];
}

export interface ComposedPosting {
  company: string;
  roleId: string;
  title?: string;
  url?: string;
  canonicalUrl?: string;
  requirementsText: string;
  preferredText: string;
  submittedBy?: string;
  items: NormalizedItem[];
}

function fieldError(issue: z.core.$ZodIssue): UserError {
  const field = String(issue.path[0] ?? 'input');
  if (issue.code === 'too_big') {
    const max = MAX_FIELD_CHARS[field as keyof typeof MAX_FIELD_CHARS] ?? Number(issue.maximum);
    return new UserError('input.too-long', { field, max });
  }
  if (issue.code === 'too_small') return new UserError('input.empty', { field });
  return new UserError('input.invalid', { field });
}

function checkUrl(raw: string | undefined): { url?: string; canonical?: string } {
  const url = raw?.trim();
  if (!url) return {};
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError('input.bad-url', { url: url.slice(0, 100) });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new UserError('input.bad-url', { url: url.slice(0, 100) });
  }
  return { url, canonical: canonicalUrl(url) };
}

export type PostingField = keyof typeof MAX_FIELD_CHARS;

/**
 * Checks one field as it is entered, by the rules composePosting applies to the whole submission, so a form
 * can ask again for that field alone. Throws the same UserError the submission would.
 */
export function checkPostingField(field: PostingField, value: string): void {
  const parsed = postingInputSchema.shape[field].safeParse(value);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  if (issue) throw fieldError({ ...issue, path: [field] });
  if (field === 'url') checkUrl(parsed.data as string);
}

/** Validates a submission and normalizes its text; throws UserError on anything a member should fix. */
export function composePosting(
  input: PostingInput,
  normalizer: Normalizer,
  roles: RoleDirectory,
): ComposedPosting {
  const parsed = postingInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw issue ? fieldError(issue) : new UserError('input.invalid', { field: 'input' });
  }
  const data = parsed.data;
  const role = roles.resolve(data.role);
  if (!role) throw new UserError('role.unknown', { role: data.role.slice(0, 50) });
  const { url, canonical } = checkUrl(data.url);
  const items = normalizePostingText(normalizer, data.requirements, data.preferred, role.id);
  if (items.length === 0) throw new UserError('posting.no-items');
  const title = data.title?.trim();
  return {
    company: data.company,
    roleId: role.id,
    ...(title ? { title } : {}),
    ...(url ? { url, canonicalUrl: canonical } : {}),
    requirementsText: data.requirements.trim(),
    preferredText: data.preferred.trim(),
    ...(data.submittedBy ? { submittedBy: data.submittedBy } : {}),
    items,
  };
}
