import type { Clock } from '../clock';
import { UserError } from '../errors';
import type { ChangeSet, Store } from '../store/repository';
import {
  canonicalTimeZone,
  DIGEST_DEFAULTS,
  type DigestConfig,
  type DigestLastPosted,
  type DigestSnapshot,
  type DisabledReason,
  digestConfigRecord,
  digestGuildsRecord,
  digestLastPostedRecord,
  digestSnapshotRecord,
  digestSnapshotWeeksRecord,
  normalizeTime,
  SNAPSHOTS_KEPT,
} from './config';
import { buildDigest, type ContentDeps, type DigestModel, takeSnapshot } from './content';
import { isoWeekKey, nextRun } from './schedule';

export type { DigestConfig, DigestLastPosted, DisabledReason } from './config';
export type { DigestModel, DigestRole } from './content';

export interface DigestSettings {
  channelId: string;
  weekday?: number;
  time?: string;
  timezone?: string;
  locale?: 'en' | 'ko';
  updatedBy?: string;
}

export interface DigestStatus {
  config: DigestConfig;
  /** When the next digest goes out; null while it is off. */
  nextRun: Date | null;
  lastPosted: DigestLastPosted | null;
}

/** Why a server's digest changed: the scheduler reschedules on every one. */
export type DigestChange = { guildId: string; config: DigestConfig | null };
type Listener = (change: DigestChange) => void;

export interface DigestDeps extends ContentDeps {
  store: Store;
  clock: Clock;
}

/** Settings, content and bookkeeping of the weekly digest. Discord-free: the scheduler sends. */
export function createDigestService(deps: DigestDeps) {
  const { store, clock } = deps;
  const listeners = new Set<Listener>();
  const emit = (change: DigestChange) => {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch {
        // A listener's failure is its own; the setting is saved either way.
      }
    }
  };

  /** Keeps the installation's list of servers with a digest on, in the same unit as the server's setting. */
  const updateIndex = (tx: ChangeSet, guildId: string, configured: boolean) =>
    tx.read(digestGuildsRecord).then((record) => {
      const current = record?.guilds ?? [];
      if (current.includes(guildId) === configured) return;
      const guilds = configured ? [...current, guildId] : current.filter((id) => id !== guildId);
      tx.write(digestGuildsRecord, undefined, { guilds });
    });

  const previousSnapshot = async (guildId: string, week: string): Promise<DigestSnapshot | undefined> => {
    const scope = store.guild(guildId);
    const weeks = (await scope.get(digestSnapshotWeeksRecord))?.weeks ?? [];
    const earlier = weeks.filter((w) => w < week).at(-1);
    return earlier ? scope.get(digestSnapshotRecord, earlier) : undefined;
  };

  const service = {
    async get(guildId: string): Promise<DigestConfig | undefined> {
      return store.guild(guildId).get(digestConfigRecord);
    },

    /** `/digest set`: validates, saves and turns the digest on (again). Missing fields keep their values. */
    async configure(guildId: string, settings: DigestSettings): Promise<DigestConfig> {
      const timezone = canonicalTimeZone(settings.timezone ?? DIGEST_DEFAULTS.timezone);
      if (!timezone) throw new UserError('digest.bad-timezone', { timezone: settings.timezone ?? '' });
      const time = normalizeTime(settings.time ?? DIGEST_DEFAULTS.time);
      if (!time) throw new UserError('digest.bad-time');
      const weekday = settings.weekday ?? DIGEST_DEFAULTS.weekday;
      if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) {
        throw new UserError('input.invalid', { field: 'weekday' });
      }
      const scope = store.guild(guildId);
      const config = await store.change([scope, store.global], async (tx) => {
        const previous = await tx(scope).read(digestConfigRecord);
        const next: DigestConfig = {
          schema: 1,
          channelId: settings.channelId,
          weekday: settings.weekday ?? previous?.weekday ?? weekday,
          time: settings.time !== undefined ? time : (previous?.time ?? time),
          timezone: settings.timezone !== undefined ? timezone : (previous?.timezone ?? timezone),
          enabled: true,
          updatedAt: clock.now().toISOString(),
          ...(settings.locale
            ? { locale: settings.locale }
            : previous?.locale
              ? { locale: previous.locale }
              : {}),
          ...(settings.updatedBy ? { updatedBy: settings.updatedBy } : {}),
        };
        tx(scope).write(digestConfigRecord, undefined, next);
        await updateIndex(tx(store.global), guildId, true);
        return next;
      });
      emit({ guildId, config });
      return config;
    },

    /**
     * Turns the digest off: by `/digest off` (no reason), or by the scheduler when the channel is gone or
     * the bot may not post there (the reason is shown by `/digest status`). The settings are kept.
     */
    async disable(guildId: string, reason?: DisabledReason): Promise<DigestConfig | undefined> {
      const scope = store.guild(guildId);
      const config = await store.change([scope, store.global], async (tx) => {
        await updateIndex(tx(store.global), guildId, false);
        const previous = await tx(scope).read(digestConfigRecord);
        if (!previous) return undefined;
        const { disabledReason: _r, disabledAt: _a, ...rest } = previous;
        const next: DigestConfig = {
          ...rest,
          enabled: false,
          ...(reason ? { disabledReason: reason, disabledAt: clock.now().toISOString() } : {}),
        };
        tx(scope).write(digestConfigRecord, undefined, next);
        return next;
      });
      emit({ guildId, config: config ?? null });
      return config;
    },

    async status(guildId: string, now: Date = clock.now()): Promise<DigestStatus | undefined> {
      const config = await service.get(guildId);
      if (!config) return undefined;
      return {
        config,
        nextRun: config.enabled ? nextRun(config, now) : null,
        lastPosted: (await service.lastPosted(guildId)) ?? null,
      };
    },

    /** Servers with a digest turned on, for the scheduler at start. */
    async configuredGuilds(): Promise<string[]> {
      return (await store.global.get(digestGuildsRecord))?.guilds ?? [];
    },

    async lastPosted(guildId: string): Promise<DigestLastPosted | undefined> {
      return store.guild(guildId).get(digestLastPostedRecord);
    },

    /**
     * The digest for `now`, compared with the latest snapshot of an earlier week. Without a `week`, the week
     * `now` falls in (a preview); the scheduler passes the week of the run it is making.
     */
    async build(
      guildId: string,
      options: { now?: Date; week?: string; timezone?: string } = {},
    ): Promise<DigestModel> {
      const now = options.now ?? clock.now();
      const config = await service.get(guildId);
      const timezone = options.timezone ?? config?.timezone ?? DIGEST_DEFAULTS.timezone;
      const week = options.week ?? isoWeekKey(now, timezone);
      return buildDigest(deps, {
        guildId,
        now,
        week,
        timezone,
        previous: await previousSnapshot(guildId, week),
      });
    },

    /**
     * After Discord accepted the week's message: the week is marked as posted and its top lists kept for
     * next week's comparison. Only snapshots of the last `SNAPSHOTS_KEPT` weeks are kept.
     */
    async recordPosted(
      guildId: string,
      posted: { week: string; channelId: string; messageId?: string; now?: Date },
    ): Promise<void> {
      const now = posted.now ?? clock.now();
      const scope = store.guild(guildId);
      const snapshot = await takeSnapshot(deps, guildId, posted.week, now);
      await scope.change(async (tx) => {
        tx.write(digestLastPostedRecord, undefined, {
          week: posted.week,
          postedAt: now.toISOString(),
          channelId: posted.channelId,
          ...(posted.messageId ? { messageId: posted.messageId } : {}),
        });
        tx.write(digestSnapshotRecord, posted.week, snapshot);
        const weeks = [
          ...new Set([...((await tx.read(digestSnapshotWeeksRecord))?.weeks ?? []), posted.week]),
        ].sort();
        const dropped = weeks.slice(0, Math.max(0, weeks.length - SNAPSHOTS_KEPT));
        tx.write(digestSnapshotWeeksRecord, undefined, { weeks: weeks.slice(dropped.length) });
        for (const week of dropped) tx.delete(digestSnapshotRecord, week);
      });
    },

    /**
     * Compares the installation's list of servers with a digest on against the servers' own settings; with
     * `repair`, makes the list match. Returns the servers listed wrongly or missing.
     */
    async checkIndex(guildIds: readonly string[], options: { repair?: boolean } = {}) {
      // Only the list is locked: a server's setting changes in a unit that also holds the list, so one
      // changed meanwhile is either read here or waits for this unit and then updates the list itself.
      return store.global.change(async (tx) => {
        const listed = new Set((await tx.read(digestGuildsRecord))?.guilds ?? []);
        const enabled = new Set<string>();
        for (const id of guildIds)
          if ((await store.guild(id).get(digestConfigRecord))?.enabled) enabled.add(id);
        const problems = [
          ...[...listed].filter((id) => !enabled.has(id)).map((id) => ({ guild: id, listed: true })),
          ...[...enabled].filter((id) => !listed.has(id)).map((id) => ({ guild: id, listed: false })),
        ];
        if (options.repair && problems.length > 0) {
          tx.write(digestGuildsRecord, undefined, { guilds: [...enabled].sort() });
        }
        return problems;
      });
    },

    /** Called with every change of a server's settings; returns the function that stops listening. */
    onChange(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return service;
}
export type DigestService = ReturnType<typeof createDigestService>;
