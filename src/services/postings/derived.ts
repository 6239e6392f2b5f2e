import type { Normalizer } from '../normalize';
import type { ChangeSet, RecordType } from '../store/repository';
import {
  type Aggregate,
  aggregateRecord,
  applyPosting,
  companyKey,
  companyRecord,
  emptyAggregate,
} from '../summary/aggregate';
import { normalizePostingText } from './compose';
import { contentKeyOfPosting } from './fingerprint';
import {
  type ContentEntry,
  chunkOf,
  contentIndexRecord,
  DERIVED_SCHEMA,
  type GuildMeta,
  guildMetaRecord,
  type IndexEntry,
  indexChunkRecord,
  postingRecord,
  urlIndexRecord,
} from './records';
import type { Posting } from './schema';
import { canonicalUrl } from './url';

/** The fields of a role's totals a recount compares, each named in the catalog as `doctor.field.<name>`. */
export const TOTALS_COUNTS = ['postings', 'companies', 'juniorFriendly'] as const;
export const TOTALS_TABLES = [
  'skills',
  'implied',
  'groups',
  'categories',
  'groupMembers',
  'experience',
  'months',
] as const;
export type TotalsField = (typeof TOTALS_COUNTS)[number] | (typeof TOTALS_TABLES)[number];

/**
 * One thing that differs, for the catalog message `doctor.detail.<code>` (so it is said in the reader's
 * language): `count` is a number of the totals and what the recount found (`postings: 2100, counted 1400`).
 */
export type ProblemDetail =
  | { code: 'entries' | 'company'; found: number; counted: number }
  | { code: 'link'; found: number; expected: number }
  | { code: 'count'; field: TotalsField; found: number; counted: number }
  | { code: 'differs'; field: TotalsField }
  | { code: 'roles'; found: string; counted: string }
  | { code: 'next-id'; next: number; max: number }
  | { code: 'no-meta'; postings: number }
  | { code: 'other' | 'unaccounted' | 'needed' | 'digest-listed' | 'digest-missing' };

/** A derived record that does not match what its server's postings say it should be. */
export interface Problem {
  /** The record, as `<type>` or `<type>:<key>` within its server. */
  record: string;
  kind: 'missing' | 'unexpected' | 'differs';
  /** What differs. */
  details: ProblemDetail[];
}

export const indexEntry = (p: Posting): IndexEntry => ({
  id: p.id,
  roleId: p.roleId,
  company: p.company,
  ...(p.title ? { title: p.title } : {}),
  ...(p.url ? { url: p.url } : {}),
  ...(p.submittedBy ? { submittedBy: p.submittedBy } : {}),
  createdAt: p.createdAt,
});

/** JSON with object keys sorted, so two records compare equal whatever order their keys were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * One kind of record derived from a server's postings, as a recount makes it: `count` sees every posting
 * once, then `records` are what the store should hold, by key. `differs` says what is wrong with a stored
 * record, or nothing when it matches. A new kind of derived record (per-month totals, …) is one
 * more entry in DERIVATIONS, and doctor, the repair on open and the rebuild after a taxonomy change all
 * cover it.
 */
interface Recount<T> {
  type: RecordType<T>;
  count(posting: Posting): void;
  records(): Map<string, T>;
  differs(found: T, expected: T): ProblemDetail[];
}
type Derivation = (context: { normalizer: Normalizer; taxonomyVersion: string }) => Recount<unknown>;

const derivation = <T>(make: (context: Parameters<Derivation>[0]) => Recount<T>): Derivation =>
  make as unknown as Derivation;

const listIndex = derivation(() => {
  const chunks = new Map<string, IndexEntry[]>();
  return {
    type: indexChunkRecord,
    count(p) {
      const chunk = String(chunkOf(p.id));
      const entries = chunks.get(chunk) ?? [];
      entries.push(indexEntry(p));
      chunks.set(chunk, entries);
    },
    records: () =>
      new Map(
        [...chunks].map(([chunk, entries]) => [chunk, { entries: entries.sort((a, b) => a.id - b.id) }]),
      ),
    differs: (found, expected) =>
      canonical(found.entries) === canonical(expected.entries)
        ? []
        : [{ code: 'entries', found: found.entries.length, counted: expected.entries.length }],
  };
});

const linkIndex = derivation(() => {
  const urls = new Map<string, { id: number }>();
  return {
    type: urlIndexRecord,
    count(p) {
      if (!p.url) return;
      try {
        urls.set(canonicalUrl(p.url), { id: p.id });
      } catch {
        // A link that no longer parses is kept on the posting but indexes nothing.
      }
    },
    records: () => urls,
    differs: (found, expected) =>
      found.id === expected.id ? [] : [{ code: 'link', found: found.id, expected: expected.id }],
  };
});

const contentIndex = derivation(() => {
  const keys = new Map<string, ContentEntry[]>();
  return {
    type: contentIndexRecord,
    count(p) {
      const key = contentKeyOfPosting(p);
      keys.set(key, [...(keys.get(key) ?? []), { id: p.id, roleId: p.roleId }]);
    },
    records: () =>
      new Map([...keys].map(([key, postings]) => [key, { postings: postings.sort((a, b) => a.id - b.id) }])),
    differs: (found, expected) =>
      canonical(found.postings) === canonical(expected.postings)
        ? []
        : [{ code: 'entries', found: found.postings.length, counted: expected.postings.length }],
  };
});

const companyCounts = derivation(() => {
  const companies = new Map<string, { postings: number }>();
  return {
    type: companyRecord,
    count(p) {
      const key = companyKey(p.roleId, p.company);
      companies.set(key, { postings: (companies.get(key)?.postings ?? 0) + 1 });
    },
    records: () => companies,
    differs: (found, expected) =>
      found.postings === expected.postings
        ? []
        : [{ code: 'company', found: found.postings, counted: expected.postings }],
  };
});

const roleTotals = derivation(({ normalizer, taxonomyVersion }) => {
  const aggregates = new Map<string, Aggregate>();
  const companies = new Map<string, Set<string>>();
  return {
    type: aggregateRecord,
    count(p) {
      const aggregate = aggregates.get(p.roleId) ?? emptyAggregate(p.roleId, taxonomyVersion);
      applyPosting(aggregate, p, normalizer, 1);
      aggregates.set(p.roleId, aggregate);
      const names = companies.get(p.roleId) ?? new Set();
      names.add(companyKey(p.roleId, p.company));
      companies.set(p.roleId, names);
    },
    records() {
      for (const [roleId, aggregate] of aggregates) aggregate.companies = companies.get(roleId)?.size ?? 0;
      return aggregates;
    },
    differs(found, expected) {
      const details: ProblemDetail[] = [];
      for (const field of TOTALS_COUNTS) {
        if (found[field] !== expected[field])
          details.push({ code: 'count', field, found: found[field], counted: expected[field] });
      }
      for (const field of TOTALS_TABLES) {
        if (canonical(found[field]) !== canonical(expected[field])) details.push({ code: 'differs', field });
      }
      // Anything else of the totals (a field added later, its version): said without naming it.
      if (details.length === 0 && canonical(found) !== canonical(expected)) details.push({ code: 'other' });
      return details;
    },
  };
});

/** Every record derived from postings, besides the server's meta (its id counter and counts per role). */
const DERIVATIONS: readonly Derivation[] = [listIndex, linkIndex, contentIndex, roleTotals, companyCounts];

/**
 * Recounts every derived record of one server from its postings (found by scanning the postings
 * themselves, not through any index), and compares them with what is stored. With `renormalize`, each
 * posting's items are made again from its raw text with the current taxonomy, and the postings rewritten.
 * Returns the differences and, when `fix` is set, writes what makes them go away (all within tx's unit).
 */
export async function reconcile(
  tx: ChangeSet,
  normalizer: Normalizer,
  options: { fix: boolean; renormalize?: boolean },
): Promise<{ problems: Problem[]; postings: number }> {
  const stored = await tx.read(guildMetaRecord);
  const taxonomyVersion = options.renormalize
    ? normalizer.version
    : (stored?.taxonomyVersion ?? normalizer.version);
  const recounts = DERIVATIONS.map((make) => make({ normalizer, taxonomyVersion }));
  const roles: Record<string, number> = {};
  let maxId = 0;
  let postings = 0;
  for await (const [, found] of tx.scan(postingRecord)) {
    let posting = found;
    if (options.renormalize) {
      const items = normalizePostingText(
        normalizer,
        posting.requirementsText,
        posting.preferredText,
        posting.roleId,
      );
      posting = { ...posting, items, taxonomyVersion: normalizer.version };
      if (options.fix) {
        tx.write(postingRecord, String(posting.id), posting);
        await tx.settle();
      }
    }
    for (const recount of recounts) recount.count(posting);
    roles[posting.roleId] = (roles[posting.roleId] ?? 0) + 1;
    maxId = Math.max(maxId, posting.id);
    postings++;
  }
  if (postings === 0 && !stored) return { problems: [], postings: 0 };

  const problems: Problem[] = [];
  const differ = (record: string, kind: Problem['kind'], details: ProblemDetail[]) =>
    problems.push({ record, kind, details });
  if (!stored) differ('meta', 'missing', [{ code: 'no-meta', postings }]);
  else {
    const details: ProblemDetail[] = [];
    if (stored.nextId <= maxId) details.push({ code: 'next-id', next: stored.nextId, max: maxId });
    if (canonical(stored.roles) !== canonical(roles)) {
      details.push({ code: 'roles', found: canonical(stored.roles), counted: canonical(roles) });
    }
    if (details.length > 0) differ('meta', 'differs', details);
  }
  for (const recount of recounts) await compare(tx, recount, differ, options.fix);
  if (options.fix) {
    const meta: GuildMeta = {
      schema: 1,
      // A counter never goes back: ids of removed postings are not handed out again.
      nextId: Math.max(maxId + 1, stored?.nextId ?? 1),
      taxonomyVersion,
      derivedSchema: DERIVED_SCHEMA,
      roles,
    };
    tx.write(guildMetaRecord, undefined, meta);
  }
  return { problems, postings };
}

/** Compares every stored record of one derived type with the recount, and (with fix) makes them so. */
async function compare<T>(
  tx: ChangeSet,
  recount: Recount<T>,
  differ: (record: string, kind: Problem['kind'], details: ProblemDetail[]) => void,
  fix: boolean,
) {
  const { type } = recount;
  const expected = recount.records();
  const seen = new Set<string>();
  for await (const [key, found] of tx.scan(type)) {
    seen.add(key);
    const want = expected.get(key);
    if (want === undefined) {
      differ(`${type.name}:${key}`, 'unexpected', [{ code: 'unaccounted' }]);
      if (fix) tx.delete(type, key);
      continue;
    }
    const difference = recount.differs(found, want);
    if (difference.length > 0) {
      differ(`${type.name}:${key}`, 'differs', difference);
      if (fix) tx.write(type, key, want);
    }
  }
  for (const [key, want] of expected) {
    if (seen.has(key)) continue;
    differ(`${type.name}:${key}`, 'missing', [{ code: 'needed' }]);
    if (fix) tx.write(type, key, want);
  }
}
