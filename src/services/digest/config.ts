import { z } from 'zod';
import { recordType } from '../store/repository';

/** 0 = Sunday … 6 = Saturday, as in cron. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DIGEST_DEFAULTS = { weekday: 1, time: '09:00', timezone: 'Asia/Seoul' } as const;

let zones: Map<string, string> | undefined;
/** IANA names the runtime knows (`Intl.supportedValuesOf`), plus UTC, by lower-cased name. */
function timeZones(): Map<string, string> {
  zones ??= new Map(['UTC', ...Intl.supportedValuesOf('timeZone')].map((zone) => [zone.toLowerCase(), zone]));
  return zones;
}

/** The IANA name as it is spelled, for a name typed in any case; undefined when it is not one. */
export function canonicalTimeZone(input: string): string | undefined {
  return timeZones().get(input.trim().toLowerCase());
}

export const isTimeZone = (input: string) => canonicalTimeZone(input) === input;

/** Zones whose name contains the query (any case; `seoul`, `new york`), for autocomplete. */
export function searchTimeZones(query: string, limit = 25): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '_');
  const all = [...timeZones().values()];
  if (!q)
    return [DIGEST_DEFAULTS.timezone, 'UTC', 'Asia/Tokyo', 'America/New_York', 'Europe/London'].slice(
      0,
      limit,
    );
  const starts = all.filter((z) => z.toLowerCase().startsWith(q) || z.toLowerCase().includes(`/${q}`));
  const contains = all.filter((z) => z.toLowerCase().includes(q) && !starts.includes(z));
  return [...starts, ...contains].slice(0, limit);
}

const TIME = /^([01]?\d|2[0-3]):?([0-5]\d)$/;

/** `9:00`, `09:00` or `0900` as `09:00`; undefined for anything else. */
export function normalizeTime(input: string): string | undefined {
  const match = TIME.exec(input.trim());
  if (!match) return undefined;
  return `${(match[1] ?? '').padStart(2, '0')}:${match[2]}`;
}

/** Why a digest stopped by itself; `/digest status` shows it until the digest is set again. */
export const DISABLED_REASONS = ['channel-missing', 'no-permission', 'left-guild'] as const;
export type DisabledReason = (typeof DISABLED_REASONS)[number];

export const weekKeySchema = z.string().regex(/^\d{4}-W\d{2}$/);

export const digestConfigSchema = z.object({
  schema: z.literal(1),
  channelId: z.string().min(1).max(32),
  weekday: z.number().int().min(0).max(6),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  timezone: z.string().refine(isTimeZone, 'not an IANA time zone'),
  enabled: z.boolean(),
  disabledReason: z.enum(DISABLED_REASONS).optional(),
  disabledAt: z.iso.datetime().optional(),
  /** The server's preferred language when the digest was set; the bot may know a newer one. */
  locale: z.enum(['en', 'ko']).optional(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().optional(),
});
export type DigestConfig = z.infer<typeof digestConfigSchema>;
export const digestConfigRecord = recordType('digest-config', digestConfigSchema);

/** The last week a digest was posted in: written only after Discord accepted the message. */
export const digestLastPostedSchema = z.object({
  week: weekKeySchema,
  postedAt: z.iso.datetime(),
  channelId: z.string(),
  messageId: z.string().optional(),
});
export type DigestLastPosted = z.infer<typeof digestLastPostedSchema>;
export const digestLastPostedRecord = recordType('digest-last', digestLastPostedSchema);

/** The top lists a posted digest showed, to tell next week what changed. Small on purpose. */
export const SNAPSHOT_TOP = 10;
export const digestSnapshotSchema = z.object({
  week: weekKeySchema,
  createdAt: z.iso.datetime(),
  roles: z.record(
    z.string(),
    z.object({
      postings: z.number().int().min(0),
      top: z.array(z.object({ id: z.string(), share: z.number().min(0).max(1) })).max(SNAPSHOT_TOP),
    }),
  ),
});
export type DigestSnapshot = z.infer<typeof digestSnapshotSchema>;
export const digestSnapshotRecord = recordType('digest-snapshot', digestSnapshotSchema);

/** Weeks that have a snapshot, oldest first; older ones are deleted past `SNAPSHOTS_KEPT`. */
export const SNAPSHOTS_KEPT = 8;
export const digestSnapshotWeeksRecord = recordType(
  'digest-weeks',
  z.object({ weeks: z.array(weekKeySchema).max(SNAPSHOTS_KEPT) }),
);

/** In the global scope: the servers that have a digest set up, so the scheduler finds them at start. */
export const digestGuildsRecord = recordType('digest-guilds', z.object({ guilds: z.array(z.string()) }));
