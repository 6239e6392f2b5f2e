import { Cron } from 'croner';
import type { DigestConfig } from './config';

export type Schedule = Pick<DigestConfig, 'weekday' | 'time' | 'timezone'>;

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A run missed while the bot was down is made up on start only within this long after its time. */
export const CATCH_UP_MS = DAY_MS;

/** `MM HH * * D`: croner reads it in the schedule's own time zone. */
export function cronPattern(schedule: Schedule): string {
  const [hours = '0', minutes = '0'] = schedule.time.split(':');
  return `${Number(minutes)} ${Number(hours)} * * ${schedule.weekday}`;
}

function computing<T>(schedule: Schedule, fn: (cron: Cron) => T): T {
  const cron = new Cron(cronPattern(schedule), { timezone: schedule.timezone, paused: true });
  try {
    return fn(cron);
  } finally {
    cron.stop();
  }
}

/** The first scheduled time strictly after `after`. Nonexistent local times (DST gaps) move forward. */
export function nextRun(schedule: Schedule, after: Date): Date {
  const next = computing(schedule, (cron) => cron.nextRun(after));
  if (!next) throw new Error(`no next run for ${cronPattern(schedule)} in ${schedule.timezone}`);
  return next;
}

/** The latest scheduled time at or before `at`. */
export function previousRun(schedule: Schedule, at: Date): Date | undefined {
  // Two runs after a point eight days back always include the last one at or before `at`.
  const runs = computing(schedule, (cron) => cron.nextRuns(3, new Date(at.getTime() - 8 * DAY_MS)));
  return runs.filter((run) => run.getTime() <= at.getTime()).at(-1);
}

/**
 * The run to make up at start: the latest scheduled time, when it passed less than 24 hours ago and its
 * week has no digest yet. Older misses are skipped, not piled up.
 */
export function missedRun(
  schedule: Schedule,
  now: Date,
  lastPostedWeek: string | undefined,
): Date | undefined {
  const previous = previousRun(schedule, now);
  if (!previous || now.getTime() - previous.getTime() >= CATCH_UP_MS) return undefined;
  return isoWeekKey(previous, schedule.timezone) === lastPostedWeek ? undefined : previous;
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock date and time at `date` in a time zone. */
export function localDate(date: Date, timezone: string): LocalDate {
  let format = partsFormat.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    partsFormat.set(timezone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The ISO week (`2025-W07`) that `date` falls in, on the calendar of a time zone. */
export function isoWeekKey(date: Date, timezone: string): string {
  const { year, month, day } = localDate(date, timezone);
  const d = new Date(Date.UTC(year, month - 1, day));
  const weekday = d.getUTCDay() || 7;
  // The Thursday of this week decides the ISO year.
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const isoYear = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(isoYear, 0, 1)) / DAY_MS + 1) / 7);
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}

/**
 * The `nonce` of a server's digest for a week: the same for every attempt, so Discord's `enforce_nonce`
 * turns a retried send into the message it already created. At most 25 characters.
 */
export function digestNonce(guildId: string, week: string): string {
  const id = /^\d{1,20}$/.test(guildId) ? BigInt(guildId).toString(36) : shortHash(guildId);
  return `dg${id}${week.replace('-W', 'w')}`.slice(0, 25);
}

function shortHash(text: string): string {
  let hash = 2166136261;
  for (const ch of text) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return hash.toString(36);
}

/** `Monday 09:00 (Asia/Seoul)`-style text parts, in the reader's language. */
export function formatLocal(date: Date, timezone: string, locale: 'en' | 'ko'): string {
  // Korean on a 24-hour clock: some ICU versions write the day period of `ko` as "AM"/"PM".
  return new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-US', {
    timeZone: timezone,
    dateStyle: 'full',
    timeStyle: 'short',
    ...(locale === 'ko' ? { hourCycle: 'h23' as const } : {}),
  }).format(date);
}

export const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
