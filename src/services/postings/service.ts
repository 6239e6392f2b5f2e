import type { Clock } from '../clock';
import { UserError } from '../errors';
import type { Normalizer } from '../normalize';
import type { RoleDirectory } from '../roles';
import { Changes } from '../store/changes';
import type { Scope, Store } from '../store/repository';
import {
  type Aggregate,
  aggregateRecord,
  applyPosting,
  companyKey,
  companyRecord,
  emptyAggregate,
} from '../summary/aggregate';
import { type ComposedPosting, composePosting, normalizePostingText } from './compose';
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
import { POSTING_SCHEMA_VERSION, type Posting, type PostingInput } from './schema';
import { canonicalUrl } from './url';

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

export type PostingService = ReturnType<typeof createPostingService>;

export function createPostingService({ store, clock, normalizer, roles }: Deps) {
  const current = new Set<string>();

  const readMeta = async (scope: Scope): Promise<GuildMeta> =>
    (await scope.get(guildMetaRecord)) ?? {
      schema: 1,
      nextId: 1,
      taxonomyVersion: normalizer.version,
      derivedSchema: DERIVED_SCHEMA,
      roles: {},
    };

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

  const indexEntry = (p: Posting): IndexEntry => ({
    id: p.id,
    roleId: p.roleId,
    company: p.company,
    ...(p.title ? { title: p.title } : {}),
    ...(p.url ? { url: p.url } : {}),
    ...(p.submittedBy ? { submittedBy: p.submittedBy } : {}),
    createdAt: p.createdAt,
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
   * Re-normalizes every posting from its raw text and rebuilds every derived record (role totals, company
   * counts), when the taxonomy or the shape of the totals changed since they were made.
   */
  const rebuild = async (scope: Scope, meta: GuildMeta) => {
    const aggregates = new Map<string, Aggregate>();
    const companies = new Map<string, number>();
    const roleCounts: Record<string, number> = {};
    for await (const entries of indexChunks(scope, meta, 'oldest')) {
      const updated: Posting[] = [];
      for (const posting of await postingsOf(scope, entries)) {
        const items = normalizePostingText(
          normalizer,
          posting.requirementsText,
          posting.preferredText,
          posting.roleId,
        );
        const next = { ...posting, items, taxonomyVersion: normalizer.version };
        updated.push(next);
        const aggregate = aggregates.get(next.roleId) ?? emptyAggregate(next.roleId, normalizer.version);
        applyPosting(aggregate, next, normalizer, 1);
        aggregates.set(next.roleId, aggregate);
        roleCounts[next.roleId] = (roleCounts[next.roleId] ?? 0) + 1;
        const key = companyKey(next.roleId, next.company);
        companies.set(key, (companies.get(key) ?? 0) + 1);
      }
      await Promise.all(updated.map((p) => scope.set(postingRecord, String(p.id), p)));
    }
    for (const [key, postings] of companies) {
      await scope.set(companyRecord, key, { postings });
      const aggregate = aggregates.get(key.slice(0, key.indexOf(':')));
      if (aggregate) aggregate.companies += 1;
    }
    for (const roleId of Object.keys(meta.roles)) {
      if (!aggregates.has(roleId)) await scope.delete(aggregateRecord, roleId);
    }
    await Promise.all([...aggregates].map(([roleId, agg]) => scope.set(aggregateRecord, roleId, agg)));
    await scope.set(guildMetaRecord, undefined, {
      ...meta,
      roles: roleCounts,
      taxonomyVersion: normalizer.version,
      derivedSchema: DERIVED_SCHEMA,
    });
  };

  const open = async (guildId: string): Promise<Scope> => {
    const scope = store.guild(guildId);
    if (!current.has(guildId)) {
      await scope.exclusive(async () => {
        const meta = await scope.get(guildMetaRecord);
        const stale =
          meta && (meta.taxonomyVersion !== normalizer.version || meta.derivedSchema !== DERIVED_SCHEMA);
        if (meta && stale) await rebuild(scope, meta);
        current.add(guildId);
      });
    }
    return scope;
  };

  const findByCanonicalUrl = async (scope: Scope, canonical: string) => {
    const hit = await scope.get(urlIndexRecord, canonical);
    if (!hit) return undefined;
    return scope.get(postingRecord, String(hit.id));
  };

  const refuseDuplicates = async (scope: Scope, composed: ComposedPosting[], except?: number) => {
    const seen = new Map<string, string>();
    for (const c of composed) {
      if (!c.canonicalUrl) continue;
      const existing = await findByCanonicalUrl(scope, c.canonicalUrl);
      if (existing && existing.id !== except) {
        throw new UserError('posting.duplicate-url', { id: existing.id, company: existing.company });
      }
      const twin = seen.get(c.canonicalUrl);
      if (twin !== undefined) throw new UserError('posting.duplicate-url', { id: 0, company: twin });
      seen.set(c.canonicalUrl, c.company);
    }
  };

  /**
   * Applies one operation to a server's records: the postings, their URL index and list index, the role totals
   * and company counts, the server's meta. If any write fails, every touched record is put back.
   */
  const commit = async (scope: Scope, meta: GuildMeta, change: { put: Posting[]; removed: Posting[] }) => {
    const changes = new Changes(scope);
    await changes.preload(
      postingRecord,
      change.put.map((p) => String(p.id)),
    );
    const aggregates = new Map<string, Aggregate>();
    const aggregateOf = async (roleId: string) => {
      let aggregate = aggregates.get(roleId);
      if (!aggregate) {
        aggregate =
          (await changes.read(aggregateRecord, roleId)) ?? emptyAggregate(roleId, normalizer.version);
        aggregate = structuredClone(aggregate);
        aggregates.set(roleId, aggregate);
      }
      return aggregate;
    };
    const chunks = new Map<number, IndexEntry[]>();
    const chunkEntries = async (id: number) => {
      const chunk = chunkOf(id);
      let entries = chunks.get(chunk);
      if (!entries) {
        entries = [...((await changes.read(indexChunkRecord, String(chunk)))?.entries ?? [])];
        chunks.set(chunk, entries);
      }
      return entries;
    };
    const countCompany = async (p: Posting, delta: 1 | -1) => {
      const key = companyKey(p.roleId, p.company);
      const before = (await changes.read(companyRecord, key))?.postings ?? 0;
      const after = before + delta;
      await changes.write(companyRecord, key, after > 0 ? { postings: after } : undefined);
      const aggregate = await aggregateOf(p.roleId);
      if (before === 0 && after > 0) aggregate.companies += 1;
      if (before > 0 && after === 0) aggregate.companies = Math.max(0, aggregate.companies - 1);
    };

    const roleCounts = { ...meta.roles };
    const putIds = new Set(change.put.map((p) => p.id));
    for (const old of change.removed) {
      applyPosting(await aggregateOf(old.roleId), old, normalizer, -1);
      await countCompany(old, -1);
      roleCounts[old.roleId] = Math.max(0, (roleCounts[old.roleId] ?? 0) - 1);
      const entries = await chunkEntries(old.id);
      entries.splice(
        entries.findIndex((e) => e.id === old.id) >>> 0,
        entries.some((e) => e.id === old.id) ? 1 : 0,
      );
      if (!putIds.has(old.id)) await changes.write(postingRecord, String(old.id), undefined);
      if (old.url) await changes.write(urlIndexRecord, canonicalUrl(old.url), undefined);
    }
    for (const p of change.put) {
      applyPosting(await aggregateOf(p.roleId), p, normalizer, 1);
      await countCompany(p, 1);
      roleCounts[p.roleId] = (roleCounts[p.roleId] ?? 0) + 1;
      const entries = await chunkEntries(p.id);
      entries.push(indexEntry(p));
      entries.sort((a, b) => a.id - b.id);
      await changes.write(postingRecord, String(p.id), p);
      if (p.url) await changes.write(urlIndexRecord, canonicalUrl(p.url), { id: p.id });
    }
    for (const [roleId, count] of Object.entries(roleCounts)) if (count === 0) delete roleCounts[roleId];
    for (const [chunk, entries] of chunks) await changes.write(indexChunkRecord, String(chunk), { entries });
    for (const [roleId, aggregate] of aggregates) await changes.write(aggregateRecord, roleId, aggregate);
    await changes.write(guildMetaRecord, undefined, { ...meta, roles: roleCounts });
    await changes.commit();
  };

  const getPosting = async (scope: Scope, id: number): Promise<Posting> => {
    const posting =
      Number.isSafeInteger(id) && id > 0 ? await scope.get(postingRecord, String(id)) : undefined;
    if (!posting) throw new UserError('posting.not-found', { id });
    return posting;
  };

  const checkActor = (posting: Posting, actor?: Actor) => {
    if (actor && !actor.canManage && actor.userId !== posting.submittedBy) {
      throw new UserError('posting.not-allowed', { id: posting.id });
    }
  };

  const service = {
    /** Checks, normalizes and stores postings, all or none. */
    async addMany(guildId: string, inputs: PostingInput[]): Promise<Posting[]> {
      const composed = inputs.map((input) => composePosting(input, normalizer, roles));
      const scope = await open(guildId);
      return scope.exclusive(async () => {
        await refuseDuplicates(scope, composed);
        const meta = await readMeta(scope);
        const now = clock.now().toISOString();
        const postings = composed.map((c, i) => toPosting(c, meta.nextId + i, now, now));
        const advanced = { ...meta, nextId: meta.nextId + postings.length };
        await commit(scope, advanced, { put: postings, removed: [] });
        return postings;
      });
    },

    async add(guildId: string, input: PostingInput): Promise<Posting> {
      const [posting] = await service.addMany(guildId, [input]);
      if (!posting) throw new Error('addMany returned nothing for one input');
      return posting;
    },

    async get(guildId: string, id: number): Promise<Posting> {
      return getPosting(await open(guildId), id);
    },

    async edit(guildId: string, id: number, patch: PostingPatch, actor?: Actor): Promise<Posting> {
      const scope = await open(guildId);
      return scope.exclusive(async () => {
        const old = await getPosting(scope, id);
        checkActor(old, actor);
        const composed = composePosting(
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
        await refuseDuplicates(scope, [composed], id);
        const next = toPosting(composed, id, old.createdAt, clock.now().toISOString());
        await commit(scope, await readMeta(scope), { put: [next], removed: [old] });
        return next;
      });
    },

    async remove(guildId: string, id: number, actor?: Actor): Promise<Posting> {
      const scope = await open(guildId);
      return scope.exclusive(async () => {
        const old = await getPosting(scope, id);
        checkActor(old, actor);
        await commit(scope, await readMeta(scope), { put: [], removed: [old] });
        return old;
      });
    },

    async findByUrl(guildId: string, url: string): Promise<Posting | undefined> {
      let canonical: string;
      try {
        canonical = canonicalUrl(url);
      } catch {
        return undefined;
      }
      return findByCanonicalUrl(await open(guildId), canonical);
    },

    /** Newest first; with a role, only that role's postings. */
    async list(
      guildId: string,
      options: { roleId?: string; offset?: number; limit?: number } = {},
    ): Promise<PostingPage> {
      const scope = await open(guildId);
      const meta = await readMeta(scope);
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
      const meta = await readMeta(scope);
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
      const meta = await readMeta(scope);
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
      const meta = await readMeta(await open(guildId));
      return Object.entries(meta.roles)
        .map(([roleId, postings]) => ({ roleId, postings }))
        .sort((a, b) => b.postings - a.postings);
    },

    /** Opens a server's records, first bringing them up to the current taxonomy. */
    open,
  };
  return service;
}
