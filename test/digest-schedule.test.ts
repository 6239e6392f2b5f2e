import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, normalizeTime, searchTimeZones } from '../src/services/digest/config';
import {
  cronPattern,
  digestNonce,
  isoWeekKey,
  missedRun,
  nextRun,
  previousRun,
} from '../src/services/digest/schedule';

const seoulMonday9 = { weekday: 1, time: '09:00', timezone: 'Asia/Seoul' };
const nyMonday9 = { weekday: 1, time: '09:00', timezone: 'America/New_York' };
const at = (iso: string) => new Date(iso);

describe('digest schedule', () => {
  it('reads the settings as a cron pattern in the server time zone', () => {
    expect(cronPattern(seoulMonday9)).toBe('0 9 * * 1');
    expect(cronPattern({ weekday: 0, time: '23:45', timezone: 'UTC' })).toBe('45 23 * * 0');
  });

  it('finds the next Monday 09:00 in Seoul (00:00 UTC)', () => {
    expect(nextRun(seoulMonday9, at('2025-01-01T00:00:00Z')).toISOString()).toBe('2025-01-06T00:00:00.000Z');
    // Strictly after: at the run itself, the next one is a week later.
    expect(nextRun(seoulMonday9, at('2025-01-06T00:00:00Z')).toISOString()).toBe('2025-01-13T00:00:00.000Z');
  });

  it('keeps 09:00 local across daylight saving in New York (March and November)', () => {
    // EST (UTC-5) before 9 March 2025, EDT (UTC-4) after.
    expect(nextRun(nyMonday9, at('2025-03-01T00:00:00Z')).toISOString()).toBe('2025-03-03T14:00:00.000Z');
    expect(nextRun(nyMonday9, at('2025-03-04T00:00:00Z')).toISOString()).toBe('2025-03-10T13:00:00.000Z');
    // Back to EST on 2 November 2025.
    expect(nextRun(nyMonday9, at('2025-10-28T00:00:00Z')).toISOString()).toBe('2025-11-03T14:00:00.000Z');
    expect(nextRun(nyMonday9, at('2025-10-21T00:00:00Z')).toISOString()).toBe('2025-10-27T13:00:00.000Z');
  });

  it('moves a time that does not exist on the day clocks spring forward, and runs an ambiguous one once', () => {
    const sunday0230 = { weekday: 0, time: '02:30', timezone: 'America/New_York' };
    // 02:30 does not exist on 9 March 2025: it runs at 03:30 EDT.
    expect(nextRun(sunday0230, at('2025-03-08T00:00:00Z')).toISOString()).toBe('2025-03-09T07:30:00.000Z');
    const sunday0130 = { weekday: 0, time: '01:30', timezone: 'America/New_York' };
    const first = nextRun(sunday0130, at('2025-11-01T00:00:00Z'));
    expect(first.toISOString()).toBe('2025-11-02T05:30:00.000Z');
    // The repeated hour does not make a second run that day.
    expect(nextRun(sunday0130, first).toISOString()).toBe('2025-11-09T06:30:00.000Z');
  });

  it('finds the latest run at or before a moment', () => {
    expect(previousRun(seoulMonday9, at('2025-01-08T12:00:00Z'))?.toISOString()).toBe(
      '2025-01-06T00:00:00.000Z',
    );
    expect(previousRun(seoulMonday9, at('2025-01-06T00:00:00Z'))?.toISOString()).toBe(
      '2025-01-06T00:00:00.000Z',
    );
    expect(previousRun(seoulMonday9, at('2025-01-05T23:59:59Z'))?.toISOString()).toBe(
      '2024-12-30T00:00:00.000Z',
    );
  });

  it('makes up a run missed less than 24 hours ago, once per week, and skips older ones', () => {
    const monday = at('2025-01-06T00:00:00Z');
    expect(missedRun(seoulMonday9, at('2025-01-06T00:30:00Z'), undefined)).toEqual(monday);
    expect(missedRun(seoulMonday9, at('2025-01-06T23:59:00Z'), '2024-W52')).toEqual(monday);
    expect(missedRun(seoulMonday9, at('2025-01-06T23:59:00Z'), '2025-W02')).toBeUndefined();
    expect(missedRun(seoulMonday9, at('2025-01-07T00:00:00Z'), undefined)).toBeUndefined();
    expect(missedRun(seoulMonday9, at('2025-01-05T23:00:00Z'), '2024-W52')).toBeUndefined();
  });

  it('names ISO weeks on the calendar of the time zone', () => {
    expect(isoWeekKey(at('2025-01-06T00:00:00Z'), 'Asia/Seoul')).toBe('2025-W02');
    // Sunday 23:30 UTC is already Monday in Seoul.
    expect(isoWeekKey(at('2025-01-05T23:30:00Z'), 'UTC')).toBe('2025-W01');
    expect(isoWeekKey(at('2025-01-05T23:30:00Z'), 'Asia/Seoul')).toBe('2025-W02');
    // Year boundaries: 29 Dec 2025 is in 2026-W01, 1 Jan 2021 in 2020-W53.
    expect(isoWeekKey(at('2025-12-29T12:00:00Z'), 'UTC')).toBe('2026-W01');
    expect(isoWeekKey(at('2021-01-01T12:00:00Z'), 'UTC')).toBe('2020-W53');
  });

  it('derives a stable nonce of at most 25 characters from server and week', () => {
    const nonce = digestNonce('18446744073709551615', '2025-W07');
    expect(nonce.length).toBeLessThanOrEqual(25);
    expect(nonce).toBe(digestNonce('18446744073709551615', '2025-W07'));
    expect(nonce).not.toBe(digestNonce('18446744073709551615', '2025-W08'));
    expect(nonce).not.toBe(digestNonce('18446744073709551614', '2025-W07'));
    expect(digestNonce('local', '2025-W07').length).toBeLessThanOrEqual(25);
  });
});

describe('digest settings input', () => {
  it('accepts IANA time zones in any case, and UTC', () => {
    expect(canonicalTimeZone('asia/seoul')).toBe('Asia/Seoul');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
    expect(canonicalTimeZone('KST')).toBeUndefined();
  });

  it('suggests time zones for what was typed', () => {
    expect(searchTimeZones('')[0]).toBe('Asia/Seoul');
    expect(searchTimeZones('seoul')).toContain('Asia/Seoul');
    expect(searchTimeZones('new york')).toContain('America/New_York');
    expect(searchTimeZones('a').length).toBeLessThanOrEqual(25);
  });

  it('reads times on a 24-hour clock', () => {
    expect(normalizeTime('9:00')).toBe('09:00');
    expect(normalizeTime('0930')).toBe('09:30');
    expect(normalizeTime('23:59')).toBe('23:59');
    expect(normalizeTime('24:00')).toBeUndefined();
    expect(normalizeTime('9am')).toBeUndefined();
  });
});
