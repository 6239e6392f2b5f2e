import { contentKey } from '../postings/fingerprint';
import { canonicalUrlOrNone } from '../postings/url';
import type { PlannedInput } from './report';

/** How the plan looks up the server's postings. */
export interface ServerPostings {
  /** The posting this server already has at a canonical URL. */
  findByUrl(canonicalUrl: string): Promise<{ id: number; company: string } | undefined>;
  /** A posting of this server with the same content key (see contentKey) and role; any role without one. */
  findByContent?(
    key: string,
    roleId: string | undefined,
  ): Promise<{ id: number; company: string; url?: string } | undefined>;
}

export const contentKeyOf = (input: PlannedInput) =>
  contentKey({ company: input.company, requirements: input.requirements, preferred: input.preferred ?? '' });

/** What makes two postings of one document the same: the link, else the content under the same role. */
export const documentKeyOf = (input: PlannedInput, roleId: string | null) =>
  canonicalUrlOrNone(input.url) ?? `${contentKeyOf(input)}\u0000${roleId ?? ''}`;

/**
 * The server's posting this one repeats: the one at its link, else one with the same content and role (any
 * role, for a posting whose role is not known yet). Two postings with different links are two postings,
 * however alike their text.
 */
export async function serverTwin(
  server: ServerPostings,
  input: PlannedInput,
  roleId: string | null,
): Promise<{ id: number; company: string } | undefined> {
  const canonical = canonicalUrlOrNone(input.url);
  if (canonical) {
    const byUrl = await server.findByUrl(canonical);
    if (byUrl) return byUrl;
  }
  const byContent = await server.findByContent?.(contentKeyOf(input), roleId ?? undefined);
  if (!byContent || (canonical && byContent.url)) return undefined;
  return { id: byContent.id, company: byContent.company };
}
