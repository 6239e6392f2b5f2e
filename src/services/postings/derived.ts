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
import {
  chunkOf,
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

/** A derived record that does not match what its server's postings say it should be. */
export interface Problem {
  /** The record, as `<type>` or `<type>:<key>` within its server. */
  record: string;
  kind: 'missing' | 'unexpected' | 'differs';
  /** What differs, in a few words (`postings: 2100, counted 1400`). */
  detail: string;
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

/** What differs between two aggregates, field by field, in a few words. */
function aggregateDifference(found: Aggregate, expected: Aggregate): string {
  const fields: string[] = [];
  for (const field of ['postings', 'companies', 'juniorFriendly'] as const) {
    if (found[field] !== expected[field])
      fields.push(`${field}: ${found[field]}, counted ${expected[field]}`);
  }
  for (const field of ['skills', 'groups', 'groupMembers', 'experience'] as const) {
    if (canonical(found[field]) !== canonical(expected[field])) fields.push(`${field} differ`);
  }
  return fields.join('; ');
}

interface Expected {
  meta: GuildMeta;
  chunks: Map<string, IndexEntry[]>;
  urls: Map<string, number>;
  aggregates: Map<string, Aggregate>;
  companies: Map<string, number>;
}

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
  const expected: Expected = {
    meta: {
      schema: 1,
      nextId: stored?.nextId ?? 1,
      taxonomyVersion: options.renormalize
        ? normalizer.version
        : (stored?.taxonomyVersion ?? normalizer.version),
      derivedSchema: DERIVED_SCHEMA,
      roles: {},
    },
    chunks: new Map(),
    urls: new Map(),
    aggregates: new Map(),
    companies: new Map(),
  };
  let maxId = 0;
  let postings = 0;
  for await (const [, found] of tx.scan(postingRecord)) {
    let posting = found;
    if (options.renormalize) {
      const items = normalizePostingText(normalizer, posting.requirementsText, posting.preferredText);
      posting = { ...posting, items, taxonomyVersion: normalizer.version };
      if (options.fix) {
        tx.write(postingRecord, String(posting.id), posting);
        await tx.settle();
      }
    }
    count(expected, posting, normalizer);
    maxId = Math.max(maxId, posting.id);
    postings++;
  }
  if (maxId === 0 && !stored) return { problems: [], postings: 0 };
  expected.meta.nextId = Math.max(expected.meta.nextId, maxId + 1);
  for (const [key, postings] of expected.companies) {
    const aggregate = expected.aggregates.get(key.slice(0, key.indexOf(':')));
    if (aggregate && postings > 0) aggregate.companies += 1;
  }

  const problems: Problem[] = [];
  const differ = (record: string, kind: Problem['kind'], detail: string) =>
    problems.push({ record, kind, detail });

  if (!stored) differ('meta', 'missing', `${maxId} postings have no server record`);
  else {
    if (stored.nextId < expected.meta.nextId) {
      differ('meta', 'differs', `next id ${stored.nextId}, but posting #${maxId} exists`);
    }
    if (canonical(stored.roles) !== canonical(expected.meta.roles)) {
      differ(
        'meta',
        'differs',
        `postings per role ${canonical(stored.roles)}, counted ${canonical(expected.meta.roles)}`,
      );
    }
  }
  const fixMeta = {
    ...expected.meta,
    // A counter never goes back: ids of removed postings are not handed out again.
    nextId: Math.max(expected.meta.nextId, stored?.nextId ?? 1),
  };

  await compareAll(tx, indexChunkRecord, expected.chunks, {
    expect: (entries) => ({ entries }),
    same: (found, entries) => canonical(found.entries) === canonical(entries),
    describe: (found, entries) => `${found.entries.length} entries, counted ${entries.length}`,
    differ,
    fix: options.fix,
  });
  await compareAll(tx, urlIndexRecord, expected.urls, {
    expect: (id) => ({ id }),
    same: (found, id) => found.id === id,
    describe: (found, id) => `points at #${found.id}, the posting with this link is #${id}`,
    differ,
    fix: options.fix,
  });
  await compareAll(tx, aggregateRecord, expected.aggregates, {
    expect: (aggregate) => aggregate,
    same: (found, aggregate) => aggregateDifference(found, aggregate) === '',
    describe: aggregateDifference,
    differ,
    fix: options.fix,
  });
  await compareAll(tx, companyRecord, expected.companies, {
    expect: (postings) => ({ postings }),
    same: (found, postings) => found.postings === postings,
    describe: (found, postings) => `${found.postings} postings, counted ${postings}`,
    differ,
    fix: options.fix,
  });
  if (options.fix) tx.write(guildMetaRecord, undefined, fixMeta);
  return { problems, postings };
}

function count(expected: Expected, posting: Posting, normalizer: Normalizer) {
  const roles = expected.meta.roles;
  roles[posting.roleId] = (roles[posting.roleId] ?? 0) + 1;
  const chunk = String(chunkOf(posting.id));
  const entries = expected.chunks.get(chunk) ?? [];
  entries.push(indexEntry(posting));
  entries.sort((a, b) => a.id - b.id);
  expected.chunks.set(chunk, entries);
  if (posting.url) {
    try {
      expected.urls.set(canonicalUrl(posting.url), posting.id);
    } catch {
      // A link that no longer parses is kept on the posting but indexes nothing.
    }
  }
  const aggregate =
    expected.aggregates.get(posting.roleId) ?? emptyAggregate(posting.roleId, expected.meta.taxonomyVersion);
  applyPosting(aggregate, posting, normalizer, 1);
  expected.aggregates.set(posting.roleId, aggregate);
  const key = companyKey(posting.roleId, posting.company);
  expected.companies.set(key, (expected.companies.get(key) ?? 0) + 1);
}

/** Compares every stored record of one type with the expected ones, and (with fix) makes them so. */
async function compareAll<T, E>(
  tx: ChangeSet,
  type: RecordType<T>,
  expected: Map<string, E>,
  how: {
    expect: (e: E) => T;
    same: (found: T, e: E) => boolean;
    describe: (found: T, e: E) => string;
    differ: (record: string, kind: Problem['kind'], detail: string) => void;
    fix: boolean;
  },
) {
  const seen = new Set<string>();
  for await (const [key, found] of tx.scan(type)) {
    seen.add(key);
    const want = expected.get(key);
    if (want === undefined) {
      how.differ(`${type.name}:${key}`, 'unexpected', 'no posting accounts for it');
      if (how.fix) tx.delete(type, key);
    } else if (!how.same(found, want)) {
      how.differ(`${type.name}:${key}`, 'differs', how.describe(found, want));
      if (how.fix) tx.write(type, key, how.expect(want));
    }
  }
  for (const [key, want] of expected) {
    if (seen.has(key)) continue;
    how.differ(`${type.name}:${key}`, 'missing', 'the postings need it');
    if (how.fix) tx.write(type, key, how.expect(want));
  }
}
