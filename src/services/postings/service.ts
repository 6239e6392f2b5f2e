import type { Clock } from '../clock';
import { UserError } from '../errors';
import type { Normalizer } from '../normalize';
import type { RoleDirectory } from '../roles';
import type { ChangeSet, Scope, Store } from '../store/repository';
import {
  type Aggregate,
  aggregateRecord,
  applyPosting,
  companyKey,
  companyRecord,
  emptyAggregate,
} from '../summary/aggregate';
import { type ComposedPosting, composePosting } from './compose';
import { indexEntry, type Problem, reconcile } from './derived';
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
import { POSTING_SCHEMA_VERSION, type Posting, type PostingInput } from './schema';
import { canonicalUrl, canonicalUrlOrNone } from './url';

export type { Problem, ProblemDetail } from './derived';

export interface Actor {
  userId: string;
  /** Members who may manage messages may remove or edit anyone's posting. */
  canManage: boolean;
}

export interface PostingPatch {
  company?: string;
  role?: string;
  title?: string;
  url?: string;
  requirements?: string;
  preferred?: string;
}

export interface PostingPage {
  entries: IndexEntry[];
  total: number;
  offset: number;
}

interface Deps {
  store: Store;
  clock: Clock;
  normalizer: Normalizer;
  roles: RoleDirectory;
}

/** Reads a unit of change makes: its own change set, or committed state for plain reads. */
type Reader = Pick<ChangeSet, 'read'>;

export type PostingService = ReturnType<typeof createPostingService>;

export function createPostingService({ store, clock, normalizer, roles }: Deps) {
  const current = new Set<string>();

  const emptyMeta = (): GuildMeta => ({
    schema: 1,
    nextId: 1,
    taxonomyVersion: normalizer.version,
    derivedSchema: DERIVED_SCHEMA,
    roles: {},
  });

  const readMeta = async (tx: Reader): Promise<GuildMeta> => (await tx.read(guildMetaRecord)) ?? emptyMeta();
  const committed = (scope: Scope): Reader => ({ read: (type, key) => scope.get(type, key) });

  const toPosting = (c: ComposedPosting, id: number, createdAt: string, updatedAt: string): Posting => ({
    schema: POSTING_SCHEMA_VERSION,
    id,
    company: c.company,
    roleId: c.roleId,
    ...(c.title ? { title: c.title } : {}),
    ...(c.url ? { url: c.url } : {}),
    requirementsText: c.requirementsText,
    preferredText: c.preferredText,
    ...(c.submittedBy ? { submittedBy: c.submittedBy } : {}),
    createdAt,
    updatedAt,
    taxonomyVersion: normalizer.version,
    items: c.items,
  });

  /** The list index a chunk at a time, oldest or newest first (entries within a chunk in the same order). */
  async function* indexChunks(scope: Scope, meta: GuildMeta, order: 'oldest' | 'newest') {
    const last = chunkOf(Math.max(1, meta.nextId - 1));
    for (let n = 0; n <= last; n++) {
      const chunk = order === 'oldest' ? n : last - n;
      const entries = (await scope.get(indexChunkRecord, String(chunk)))?.entries ?? [];
      yield order === 'oldest' ? entries : [...entries].reverse();
    }
  }

  const postingsOf = async (scope: Scope, entries: readonly IndexEntry[]) =>
    (
      await scope.getMany(
        postingRecord,
        entries.map((e) => String(e.id)),
      )
    ).filter((p): p is Posting => p !== undefined);

  /**
   * Whether a server's derived records need making again before it is served: the taxonomy or the shape of
   * the totals changed, they were written before changes were atomic (derivedSchema 2 and older, which a
   * crash could leave half-written), or the id counter is behind a stored posting.
   */
  const needsRebuild = async (scope: Scope, meta: GuildMeta | undefined) => {
    if (!meta) return false;
    if (meta.taxonomyVersion !== normalizer.version || meta.derivedSchema !== DERIVED_SCHEMA) return true;
    return (await scope.get(postingRecord, String(meta.nextId))) !== undefined;
  };

  const open = async (guildId: string): Promise<Scope> => {
    const scope = store.guild(guildId);
    if (current.has(guildId)) return scope;
    if (await needsRebuild(scope, await scope.get(guildMetaRecord))) {
      await scope.change(async (tx) => {
        // Decided again inside the unit: another process may have rebuilt it meanwhile.
        const meta = await tx.read(guildMetaRecord);
        if (!meta) return;
        const renormalize = meta.taxonomyVersion !== normalizer.version;
        await reconcile(tx, normalizer, { fix: true, renormalize });
      });
    }
    current.add(guildId);
    return scope;
  };

  const findByCanonicalUrl = async (tx: Reader, canonical: string) => {
    const hit = await tx.read(urlIndexRecord, canonical);
    if (!hit) return undefined;
    return tx.read(postingRecord, String(hit.id));
  };

  const refuseDuplicates = async (tx: Reader, composed: ComposedPosting[], except?: number) => {
    const seen = new Map<string, string>();
    for (const c of composed) {
      if (!c.canonicalUrl) continue;
      const existing = await findByCanonicalUrl(tx, c.canonicalUrl);
      if (existing && existing.id !== except) {
        throw new UserError('posting.duplicate-url', { id: existing.id, company: existing.company });
      }
      const twin = seen.get(c.canonicalUrl);
      if (twin !== undefined) throw new UserError('posting.duplicate-url', { id: 0, company: twin });
      seen.set(c.canonicalUrl, c.company);
    }
  };

  /**
   * Writes one operation into a unit of change: the postings, their URL index and list index, the role
   * totals and company counts, the server's meta (with its id counter). The unit commits them together.
   */
  const record = async (tx: ChangeSet, meta: GuildMeta, change: { put: Posting[]; removed: Posting[] }) => {
    const aggregates = new Map<string, Aggregate>();
    const aggregateOf = async (roleId: string) => {
      let aggregate = aggregates.get(roleId);
      if (!aggregate) {
        aggregate = (await tx.read(aggregateRecord, roleId)) ?? emptyAggregate(roleId, normalizer.version);
        aggregates.set(roleId, aggregate);
      }
      return aggregate;
    };
    const chunks = new Map<number, IndexEntry[]>();
    const chunkEntries = async (id: number) => {
      const chunk = chunkOf(id);
      let entries = chunks.get(chunk);
      if (!entries) {
        entries = (await tx.read(indexChunkRecord, String(chunk)))?.entries ?? [];
        chunks.set(chunk, entries);
      }
      return entries;
    };
    const companies = new Map<string, number>();
    const countCompany = async (p: Posting, delta: 1 | -1) => {
      const key = companyKey(p.roleId, p.company);
      const before = companies.get(key) ?? (await tx.read(companyRecord, key))?.postings ?? 0;
      const after = Math.max(0, before + delta);
      companies.set(key, after);
      const aggregate = await aggregateOf(p.roleId);
      if (before === 0 && after > 0) aggregate.companies += 1;
      if (before > 0 && after === 0) aggregate.companies = Math.max(0, aggregate.companies - 1);
    };

    const contents = new Map<string, ContentEntry[]>();
    const sameContent = async (p: Posting) => {
      const key = contentKeyOfPosting(p);
      let entries = contents.get(key);
      if (!entries) {
        entries = [...((await tx.read(contentIndexRecord, key))?.postings ?? [])];
        contents.set(key, entries);
      }
      return entries;
    };

    const roleCounts = { ...meta.roles };
    const putIds = new Set(change.put.map((p) => p.id));
    for (const old of change.removed) {
      applyPosting(await aggregateOf(old.roleId), old, normalizer, -1);
      await countCompany(old, -1);
      roleCounts[old.roleId] = Math.max(0, (roleCounts[old.roleId] ?? 0) - 1);
      const entries = await chunkEntries(old.id);
      const at = entries.findIndex((e) => e.id === old.id);
      if (at >= 0) entries.splice(at, 1);
      if (!putIds.has(old.id)) tx.delete(postingRecord, String(old.id));
      if (old.url) tx.delete(urlIndexRecord, canonicalUrl(old.url));
      const twins = await sameContent(old);
      const twin = twins.findIndex((e) => e.id === old.id);
      if (twin >= 0) twins.splice(twin, 1);
    }
    for (const p of change.put) {
      applyPosting(await aggregateOf(p.roleId), p, normalizer, 1);
      await countCompany(p, 1);
      roleCounts[p.roleId] = (roleCounts[p.roleId] ?? 0) + 1;
      const entries = await chunkEntries(p.id);
      entries.push(indexEntry(p));
      entries.sort((a, b) => a.id - b.id);
      tx.write(postingRecord, String(p.id), p);
      if (p.url) tx.write(urlIndexRecord, canonicalUrl(p.url), { id: p.id });
      const twins = await sameContent(p);
      twins.push({ id: p.id, roleId: p.roleId });
      twins.sort((a, b) => a.id - b.id);
    }
    for (const [key, postings] of contents) {
      if (postings.length > 0) tx.write(contentIndexRecord, key, { postings });
      else tx.delete(contentIndexRecord, key);
    }
    for (const [roleId, count] of Object.entries(roleCounts)) if (count === 0) delete roleCounts[roleId];
    for (const [key, postings] of companies) {
      if (postings > 0) tx.write(companyRecord, key, { postings });
      else tx.delete(companyRecord, key);
    }
    for (const [chunk, entries] of chunks) {
      if (entries.length > 0) tx.write(indexChunkRecord, String(chunk), { entries });
      else tx.delete(indexChunkRecord, String(chunk));
    }
    for (const [roleId, aggregate] of aggregates) {
      // A role whose last posting went keeps no totals, as a recount would find none.
      if (aggregate.postings > 0) tx.write(aggregateRecord, roleId, aggregate);
      else tx.delete(aggregateRecord, roleId);
    }
    tx.write(guildMetaRecord, undefined, { ...meta, roles: roleCounts });
  };

  const getPosting = async (tx: Reader, id: number): Promise<Posting> => {
    const posting = Number.isSafeInteger(id) && id > 0 ? await tx.read(postingRecord, String(id)) : undefined;
    if (!posting) throw new UserError('posting.not-found', { id });
    return posting;
  };

  const checkActor = (posting: Posting, actor?: Actor) => {
    if (actor && !actor.canManage && actor.userId !== posting.submittedBy) {
      throw new UserError('posting.not-allowed', { id: posting.id });
    }
  };

  const service = {
    /**
     * Checks, normalizes and stores postings, all or none. `also` adds other records of the same server to
     * the same unit of change (an import keeps its authors' summary with the postings it brought).
     */
    async addMany(
      guildId: string,
      inputs: PostingInput[],
      options: { also?: (tx: ChangeSet, added: Posting[]) => void | Promise<void> } = {},
    ): Promise<Posting[]> {
      const composed = inputs.map((input) => composePosting(input, normalizer, roles));
      const scope = await open(guildId);
      return scope.change(async (tx) => {
        await refuseDuplicates(tx, composed);
        const meta = await readMeta(tx);
        const now = clock.now().toISOString();
        const postings = composed.map((c, i) => toPosting(c, meta.nextId + i, now, now));
        const advanced = { ...meta, nextId: meta.nextId + postings.length };
        await record(tx, advanced, { put: postings, removed: [] });
        await options.also?.(tx, postings);
        return postings;
      });
    },

    async add(guildId: string, input: PostingInput): Promise<Posting> {
      const [posting] = await service.addMany(guildId, [input]);
      if (!posting) throw new Error('addMany returned nothing for one input');
      return posting;
    },

    async get(guildId: string, id: number): Promise<Posting> {
      return getPosting(committed(await open(guildId)), id);
    },

    async edit(guildId: string, id: number, patch: PostingPatch, actor?: Actor): Promise<Posting> {
      const scope = await open(guildId);
      const first = await getPosting(committed(scope), id);
      checkActor(first, actor);
      const compose = (old: Posting) =>
        composePosting(
          {
            company: patch.company ?? old.company,
            role: patch.role ?? old.roleId,
            title: patch.title ?? old.title,
            url: patch.url ?? old.url,
            requirements: patch.requirements ?? old.requirementsText,
            preferred: patch.preferred ?? old.preferredText,
            submittedBy: old.submittedBy,
          },
          normalizer,
          roles,
        );
      // Normalized outside the unit; done again only if the posting changed before the unit began.
      let composed = compose(first);
      return scope.change(async (tx) => {
        const old = await getPosting(tx, id);
        checkActor(old, actor);
        if (old.updatedAt !== first.updatedAt) composed = compose(old);
        await refuseDuplicates(tx, [composed], id);
        const next = toPosting(composed, id, old.createdAt, clock.now().toISOString());
        await record(tx, await readMeta(tx), { put: [next], removed: [old] });
        return next;
      });
    },

    async remove(guildId: string, id: number, actor?: Actor): Promise<Posting> {
      const scope = await open(guildId);
      return scope.change(async (tx) => {
        const old = await getPosting(tx, id);
        checkActor(old, actor);
        await record(tx, await readMeta(tx), { put: [], removed: [old] });
        return old;
      });
    },

    async findByUrl(guildId: string, url: string): Promise<Posting | undefined> {
      const canonical = canonicalUrlOrNone(url);
      return canonical ? findByCanonicalUrl(committed(await open(guildId)), canonical) : undefined;
    },

    /**
     * The oldest posting of the server with this content key (see contentKey) and role; without a role,
     * of any role.
     */
    async findByContent(guildId: string, key: string, roleId?: string): Promise<Posting | undefined> {
      const scope = committed(await open(guildId));
      const hit = (await scope.read(contentIndexRecord, key))?.postings.find(
        (entry) => roleId === undefined || entry.roleId === roleId,
      );
      return hit ? scope.read(postingRecord, String(hit.id)) : undefined;
    },

    /** Ids of the server's other postings with the same content and role as this one, oldest first. */
    async twinsOf(guildId: string, posting: Posting): Promise<number[]> {
      const scope = committed(await open(guildId));
      const hit = await scope.read(contentIndexRecord, contentKeyOfPosting(posting));
      return (hit?.postings ?? [])
        .filter((entry) => entry.roleId === posting.roleId && entry.id !== posting.id)
        .map((entry) => entry.id);
    },

    /** Newest first; with a role, only that role's postings. */
    async list(
      guildId: string,
      options: { roleId?: string; offset?: number; limit?: number } = {},
    ): Promise<PostingPage> {
      const scope = await open(guildId);
      const meta = await readMeta(committed(scope));
      const offset = Math.max(0, options.offset ?? 0);
      const limit = Math.max(1, Math.min(100, options.limit ?? 10));
      const total = options.roleId
        ? (meta.roles[options.roleId] ?? 0)
        : Object.values(meta.roles).reduce((a, b) => a + b, 0);
      const entries: IndexEntry[] = [];
      let skipped = 0;
      for await (const chunk of indexChunks(scope, meta, 'newest')) {
        for (const entry of chunk) {
          if (options.roleId && entry.roleId !== options.roleId) continue;
          if (skipped < offset) skipped++;
          else entries.push(entry);
          if (entries.length >= limit) return { entries, total, offset };
        }
      }
      return { entries, total, offset };
    },

    /** Every posting of the server (or of one role), oldest first, read a chunk at a time (for export). */
    async all(guildId: string, options: { roleId?: string } = {}): Promise<Posting[]> {
      const scope = await open(guildId);
      const meta = await readMeta(committed(scope));
      const result: Posting[] = [];
      for await (const entries of indexChunks(scope, meta, 'oldest')) {
        const wanted = entries.filter((e) => !options.roleId || e.roleId === options.roleId);
        result.push(...(await postingsOf(scope, wanted)));
      }
      return result;
    },

    /** Postings created at or after a moment, newest first (for the weekly digest). */
    async createdSince(guildId: string, since: Date): Promise<IndexEntry[]> {
      const scope = await open(guildId);
      const meta = await readMeta(committed(scope));
      const from = since.getTime();
      const result: IndexEntry[] = [];
      for await (const entries of indexChunks(scope, meta, 'newest')) {
        const recent = entries.filter((e) => Date.parse(e.createdAt) >= from);
        result.push(...recent);
        if (recent.length < entries.length) break;
      }
      return result;
    },

    /** Roles with at least one posting in the server, with their counts. */
    async rolesInUse(guildId: string): Promise<{ roleId: string; postings: number }[]> {
      const meta = await readMeta(committed(await open(guildId)));
      return Object.entries(meta.roles)
        .map(([roleId, postings]) => ({ roleId, postings }))
        .sort((a, b) => b.postings - a.postings);
    },

    /**
     * Recounts every derived record of a server from its postings and lists what differs; with `repair`,
     * makes them match, in the same unit. Reads the server as it is, without bringing it up to date first.
     */
    async check(
      guildId: string,
      options: { repair?: boolean } = {},
    ): Promise<{ problems: Problem[]; postings: number }> {
      const scope = store.guild(guildId);
      // A check reads one snapshot and holds no writer up; a repair is one unit of change.
      const result = options.repair
        ? await scope.change((tx) => reconcile(tx, normalizer, { fix: true }))
        : await scope.read((tx) => reconcile(tx, normalizer, { fix: false }));
      if (options.repair) current.delete(guildId);
      return result;
    },

    /** Opens a server's records, first bringing them up to the current taxonomy. */
    open,
  };
  return service;
}
