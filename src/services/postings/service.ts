import type { Clock } from '../clock';
import { UserError } from '../errors';
import type { Normalizer } from '../normalize';
import type { RoleDirectory } from '../roles';
import type { Scope, Store } from '../store/repository';
import { type Aggregate, aggregateRecord, applyPosting, emptyAggregate } from '../summary/aggregate';
import { type ComposedPosting, composePosting } from './compose';
import {
  chunkOf,
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

  /** Re-normalizes every posting and rebuilds the totals when the taxonomy changed since they were made. */
  const renormalize = async (scope: Scope, meta: GuildMeta) => {
    const aggregates = new Map<string, Aggregate>();
    const roleCounts: Record<string, number> = {};
    for (let chunk = 0; chunk <= chunkOf(Math.max(1, meta.nextId - 1)); chunk++) {
      const entries = (await scope.get(indexChunkRecord, String(chunk)))?.entries ?? [];
      const postings = await scope.getMany(
        postingRecord,
        entries.map((e) => String(e.id)),
      );
      const updated: Posting[] = [];
      for (const posting of postings) {
        if (!posting) continue;
        const items = [
          ...normalizer.normalizeSection(posting.requirementsText, 'required'),
          ...normalizer.normalizeSection(posting.preferredText, 'preferred'),
        ];
        const next = { ...posting, items, taxonomyVersion: normalizer.version };
        updated.push(next);
        const aggregate = aggregates.get(next.roleId) ?? emptyAggregate(next.roleId, normalizer.version);
        applyPosting(aggregate, next, normalizer, 1);
        aggregates.set(next.roleId, aggregate);
        roleCounts[next.roleId] = (roleCounts[next.roleId] ?? 0) + 1;
      }
      await Promise.all(updated.map((p) => scope.set(postingRecord, String(p.id), p)));
    }
    for (const roleId of Object.keys(meta.roles)) {
      if (!aggregates.has(roleId)) await scope.delete(aggregateRecord, roleId);
    }
    await Promise.all([...aggregates].map(([roleId, agg]) => scope.set(aggregateRecord, roleId, agg)));
    await scope.set(guildMetaRecord, undefined, {
      ...meta,
      roles: roleCounts,
      taxonomyVersion: normalizer.version,
    });
  };

  const open = async (guildId: string): Promise<Scope> => {
    const scope = store.guild(guildId);
    if (!current.has(guildId)) {
      await scope.exclusive(async () => {
        const meta = await scope.get(guildMetaRecord);
        if (meta && meta.taxonomyVersion !== normalizer.version) await renormalize(scope, meta);
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
   * Applies a set of changes to the records of one server. What was there before is remembered, so a failed
   * write puts every touched record back and the server is left as it was.
   */
  const commit = async (scope: Scope, meta: GuildMeta, change: { put: Posting[]; removed: Posting[] }) => {
    const touchedRoles = new Set([...change.put, ...change.removed].map((p) => p.roleId));
    const touchedChunks = new Set([...change.put, ...change.removed].map((p) => chunkOf(p.id)));
    const aggregates = new Map<string, Aggregate>();
    for (const roleId of touchedRoles) {
      aggregates.set(
        roleId,
        (await scope.get(aggregateRecord, roleId)) ?? emptyAggregate(roleId, normalizer.version),
      );
    }
    const chunks = new Map<number, IndexEntry[]>();
    for (const chunk of touchedChunks) {
      chunks.set(chunk, (await scope.get(indexChunkRecord, String(chunk)))?.entries ?? []);
    }
    const before = {
      aggregates: new Map([...aggregates].map(([k, v]) => [k, structuredClone(v)])),
      chunks: new Map([...chunks].map(([k, v]) => [k, [...v]])),
      postings: await scope.getMany(
        postingRecord,
        change.put.map((p) => String(p.id)),
      ),
    };

    const roleCounts = { ...meta.roles };
    for (const old of change.removed) {
      const agg = aggregates.get(old.roleId);
      if (agg) applyPosting(agg, old, normalizer, -1);
      roleCounts[old.roleId] = Math.max(0, (roleCounts[old.roleId] ?? 0) - 1);
      const entries = chunks.get(chunkOf(old.id)) ?? [];
      chunks.set(
        chunkOf(old.id),
        entries.filter((e) => e.id !== old.id),
      );
    }
    for (const p of change.put) {
      const agg = aggregates.get(p.roleId);
      if (agg) applyPosting(agg, p, normalizer, 1);
      roleCounts[p.roleId] = (roleCounts[p.roleId] ?? 0) + 1;
      const entries = chunks.get(chunkOf(p.id)) ?? [];
      entries.push(indexEntry(p));
      entries.sort((a, b) => a.id - b.id);
      chunks.set(chunkOf(p.id), entries);
    }
    for (const [roleId, count] of Object.entries(roleCounts)) if (count === 0) delete roleCounts[roleId];

    const urlOf = (p: Posting) => (p.url ? canonicalUrl(p.url) : undefined);
    const putIds = new Set(change.put.map((p) => p.id));
    const writes = async () => {
      await Promise.all(change.put.map((p) => scope.set(postingRecord, String(p.id), p)));
      for (const old of change.removed) {
        if (!putIds.has(old.id)) await scope.delete(postingRecord, String(old.id));
        const url = urlOf(old);
        if (url) await scope.delete(urlIndexRecord, url);
      }
      for (const p of change.put) {
        const url = urlOf(p);
        if (url) await scope.set(urlIndexRecord, url, { id: p.id });
      }
      for (const [chunk, entries] of chunks) await scope.set(indexChunkRecord, String(chunk), { entries });
      for (const [roleId, agg] of aggregates) await scope.set(aggregateRecord, roleId, agg);
      await scope.set(guildMetaRecord, undefined, { ...meta, roles: roleCounts });
    };
    try {
      await writes();
    } catch (error) {
      await restore(scope, meta, change, before).catch(() => undefined);
      throw error;
    }
  };

  const restore = async (
    scope: Scope,
    meta: GuildMeta,
    change: { put: Posting[]; removed: Posting[] },
    before: {
      aggregates: Map<string, Aggregate>;
      chunks: Map<number, IndexEntry[]>;
      postings: (Posting | undefined)[];
    },
  ) => {
    for (const [i, p] of change.put.entries()) {
      const previous = before.postings[i];
      if (previous) await scope.set(postingRecord, String(p.id), previous);
      else await scope.delete(postingRecord, String(p.id));
      if (p.url) await scope.delete(urlIndexRecord, canonicalUrl(p.url));
    }
    for (const old of [...change.removed, ...before.postings.filter((p): p is Posting => p !== undefined)]) {
      await scope.set(postingRecord, String(old.id), old);
      if (old.url) await scope.set(urlIndexRecord, canonicalUrl(old.url), { id: old.id });
    }
    for (const [chunk, entries] of before.chunks)
      await scope.set(indexChunkRecord, String(chunk), { entries });
    for (const [roleId, agg] of before.aggregates) await scope.set(aggregateRecord, roleId, agg);
    await scope.set(guildMetaRecord, undefined, meta);
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
      for (let chunk = chunkOf(Math.max(1, meta.nextId - 1)); chunk >= 0 && entries.length < limit; chunk--) {
        const chunkEntries = (await scope.get(indexChunkRecord, String(chunk)))?.entries ?? [];
        for (let i = chunkEntries.length - 1; i >= 0 && entries.length < limit; i--) {
          const entry = chunkEntries[i];
          if (!entry || (options.roleId && entry.roleId !== options.roleId)) continue;
          if (skipped < offset) skipped++;
          else entries.push(entry);
        }
      }
      return { entries, total, offset };
    },

    /** Postings created at or after a moment, newest first (for the weekly digest). */
    async createdSince(guildId: string, since: Date): Promise<IndexEntry[]> {
      const scope = await open(guildId);
      const meta = await readMeta(scope);
      const from = since.getTime();
      const result: IndexEntry[] = [];
      for (let chunk = chunkOf(Math.max(1, meta.nextId - 1)); chunk >= 0; chunk--) {
        const entries = (await scope.get(indexChunkRecord, String(chunk)))?.entries ?? [];
        const recent = entries.filter((e) => Date.parse(e.createdAt) >= from);
        result.push(...recent.reverse());
        if (entries.length > 0 && recent.length < entries.length) break;
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
