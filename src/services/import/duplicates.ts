import { postingFingerprint } from '../postings/fingerprint';
import { canonicalUrl } from '../postings/url';
import type { PlannedInput } from './report';

/** How the plan looks up the server's postings. */
export interface ServerPostings {
  /** The posting this server already has at a canonical URL. */
  findByUrl(canonicalUrl: string): Promise<{ id: number; company: string } | undefined>;
  /** A posting of this server with the same content fingerprint (see postingFingerprint). */
  findByFingerprint?(fingerprint: string): Promise<{ id: number; company: string; url?: string } | undefined>;
}

/** A link's canonical form, or undefined for none or one that does not parse. */
export function canonicalOf(url: string | undefined): string | undefined {
  try {
    return url ? canonicalUrl(url) : undefined;
  } catch {
    return undefined;
  }
}

export const fingerprintOf = (input: PlannedInput, roleId: string) =>
  postingFingerprint({
    company: input.company,
    roleId,
    requirements: input.requirements,
    preferred: input.preferred ?? '',
  });

/**
 * The server's posting this one repeats: the one at its link, else one with the same content. Two postings
 * with different links are two postings, however alike their text.
 */
export async function serverTwin(
  server: ServerPostings,
  posting: { canonicalUrl?: string; fingerprint?: string },
): Promise<{ id: number; company: string } | undefined> {
  if (posting.canonicalUrl) {
    const byUrl = await server.findByUrl(posting.canonicalUrl);
    if (byUrl) return byUrl;
  }
  if (!posting.fingerprint || !server.findByFingerprint) return undefined;
  const byContent = await server.findByFingerprint(posting.fingerprint);
  if (!byContent || (posting.canonicalUrl && byContent.url)) return undefined;
  return { id: byContent.id, company: byContent.company };
}
