import { createHash } from 'node:crypto';

/** Text as compared for sameness: NFC, lower case, without spaces, punctuation, symbols or invisible marks. */
export const foldForFingerprint = (text: string) =>
  text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{White_Space}\p{P}\p{S}\p{Cf}]+/gu, '');

/**
 * The content half of a posting's fingerprint: company, requirement and preferred text, folded so that
 * bullets, spacing, case and punctuation do not count. Two postings are the same posting when their
 * content keys and their roles are equal; the index keeps the role beside each id, so a posting whose role
 * is not known yet can still be found by its content alone.
 */
export function contentKey(posting: { company: string; requirements: string; preferred: string }): string {
  const parts = [posting.company, posting.requirements, posting.preferred].map(foldForFingerprint);
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32);
}

/** The content key of a stored posting. */
export const contentKeyOfPosting = (p: {
  company: string;
  requirementsText: string;
  preferredText: string;
}) => contentKey({ company: p.company, requirements: p.requirementsText, preferred: p.preferredText });
