import type { z } from 'zod';
import { UserError } from '../errors';
import type { Normalizer } from '../normalize';
import type { RoleDirectory } from '../roles';
import { MAX_FIELD_CHARS, type NormalizedItem, type PostingInput, postingInputSchema } from './schema';
import { canonicalUrl } from './url';

const PREFERRED_LABEL =
  /^\s*(?:#{1,6}\s*)?[[(【]?\s*(?:우대\s*(?:사항|조건|요건)|부가\s*요건|preferred(?:\s+(?:qualifications?|skills?))?|nice[\s-]to[\s-]have|pluses?|bonus points?)\s*[\])】]?\s*:?\s*$/i;

/** A requirements field that also holds the preferred list (pasted whole) is split at the preferred label. */
export function splitPastedSections(
  requirements: string,
  preferred: string,
): { requirements: string; preferred: string } {
  const lines = requirements.split(/\r?\n/);
  const at = lines.findIndex((line) => PREFERRED_LABEL.test(line.replace(/\*\*/g, '')));
  if (at < 0) return { requirements, preferred };
  const rest = lines.slice(at + 1).join('\n');
  return {
    requirements: lines.slice(0, at).join('\n'),
    preferred: preferred.trim() ? `${rest}\n${preferred}` : rest,
  };
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
  const sections = splitPastedSections(data.requirements, data.preferred);
  const items = [
    ...normalizer.normalizeSection(sections.requirements, 'required'),
    ...normalizer.normalizeSection(sections.preferred, 'preferred'),
  ];
  if (items.length === 0) throw new UserError('posting.no-items');
  const title = data.title?.trim();
  return {
    company: data.company,
    roleId: role.id,
    ...(title ? { title } : {}),
    ...(url ? { url, canonicalUrl: canonical } : {}),
    requirementsText: sections.requirements.trim(),
    preferredText: sections.preferred.trim(),
    ...(data.submittedBy ? { submittedBy: data.submittedBy } : {}),
    items,
  };
}
