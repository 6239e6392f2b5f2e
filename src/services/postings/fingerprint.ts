import { createHash } from 'node:crypto';

/** Text as compared for sameness: NFC, lower case, without spaces, punctuation, symbols or invisible marks. */
export const foldForFingerprint = (text: string) =>
  text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\p{White_Space}\p{P}\p{S}\p{Cf}]+/gu, '');

/**
 * What makes two postings the same posting when neither link tells: company, role and the requirement and
 * preferred text, folded so that bullets, spacing, case and punctuation do not count.
 */
export function postingFingerprint(posting: {
  company: string;
  roleId: string;
  requirements: string;
  preferred: string;
}): string {
  const parts = [posting.company, posting.roleId, posting.requirements, posting.preferred].map(
    foldForFingerprint,
  );
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 32);
}

/** The fingerprint of a stored posting. */
export const fingerprintOfPosting = (p: {
  company: string;
  roleId: string;
  requirementsText: string;
  preferredText: string;
}) =>
  postingFingerprint({
    company: p.company,
    roleId: p.roleId,
    requirements: p.requirementsText,
    preferred: p.preferredText,
  });
