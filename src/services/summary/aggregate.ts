import { z } from 'zod';
import type { Normalizer } from '../normalize';
import type { Posting, Section } from '../postings/schema';
import { recordType } from '../store/repository';

const counts = z.record(z.string(), z.number().int().min(0));
type Counts = z.infer<typeof counts>;

/** Running totals for one role in one server, kept up to date on every add, edit and remove. */
export const aggregateSchema = z.object({
  schema: z.literal(1),
  roleId: z.string(),
  taxonomyVersion: z.string(),
  postings: z.number().int().min(0),
  /** Distinct companies; each company's own count is a record of its own (companyRecord). */
  companies: z.number().int().min(0),
  /** Postings that ask for each skill, by name or by a name implying it. */
  skills: z.object({ required: counts, preferred: counts, either: counts }),
  /** Of those, the postings where the skill is only implied (Django ⇒ Python), never named. */
  implied: z.object({ required: counts, preferred: counts, either: counts }).default({
    required: {},
    preferred: {},
    either: {},
  }),
  /** Postings naming a member of each group; implied skills add nothing here. */
  groups: z.object({ required: counts, preferred: counts, either: counts }),
  /** Per group: how many postings name each member skill, in either section. */
  groupMembers: z.record(z.string(), counts),
  /** Postings by the experience they require, keyed by years ("0.5", "3"). */
  experience: counts,
  juniorFriendly: z.number().int().min(0),
  /** Postings naming at least one skill of each category, per section (the radar's axes). */
  categories: z
    .object({ required: counts, preferred: counts, either: counts })
    .default({ required: {}, preferred: {}, either: {} }),
  /**
   * Per month the postings were added in (`2026-06`, Korean time): how many, and how many name each skill
   * in either section. Lets /trends draw months without reading a posting.
   */
  months: z.record(z.string(), z.object({ postings: z.number().int().min(0), skills: counts })).default({}),
});
export type Aggregate = z.infer<typeof aggregateSchema>;
export const aggregateRecord = recordType('aggregate', aggregateSchema);

/** Postings of one company in one role, keyed `<roleId>:<company>`: lets the distinct count go down on removal. */
export const companyRecord = recordType('company', z.object({ postings: z.number().int().positive() }));
export const companyKey = (roleId: string, company: string) => `${roleId}:${company.trim().toLowerCase()}`;

export const emptyAggregate = (roleId: string, taxonomyVersion: string): Aggregate => ({
  schema: 1,
  roleId,
  taxonomyVersion,
  postings: 0,
  companies: 0,
  skills: { required: {}, preferred: {}, either: {} },
  implied: { required: {}, preferred: {}, either: {} },
  groups: { required: {}, preferred: {}, either: {} },
  groupMembers: {},
  experience: {},
  juniorFriendly: 0,
  categories: { required: {}, preferred: {}, either: {} },
  months: {},
});

/** The time zone months are counted in: the bot's default (the digest's too). */
export const TREND_TIME_ZONE = 'Asia/Seoul';
const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-06`: the month an instant falls in, in a time zone. */
export function monthKey(iso: string, timeZone = TREND_TIME_ZONE): string {
  let format = monthFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(iso));
  const year = parts.find((p) => p.type === 'year')?.value ?? '0000';
  const month = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${year}-${month}`;
}

export interface PostingExperience {
  /** Years the posting requires: the smallest minimum among its requirement items (alternatives). */
  years?: number;
  /** The upper bound the same requirement gives (경력 2~5년 → 5), when it gives one. */
  maxYears?: number;
  /** The requirements say newcomers may apply (신입 가능, 경력 무관), or the title says 신입. */
  juniorFriendly: boolean;
}

const JUNIOR_TITLE = /신입|주니어|junior|new\s*grad|entry/i;

export function postingExperience(posting: Pick<Posting, 'items' | 'title'>): PostingExperience {
  let smallest: { minYears: number; maxYears?: number } | undefined;
  let junior = false;
  for (const item of posting.items) {
    if (item.section !== 'required' || !item.experience) continue;
    const e = item.experience;
    junior ||= e.junior;
    if (!smallest || e.minYears < smallest.minYears) smallest = e;
    else if (
      e.minYears === smallest.minYears &&
      smallest.maxYears === undefined &&
      e.maxYears !== undefined
    ) {
      smallest = e;
    }
  }
  return {
    ...(smallest ? { years: smallest.minYears } : {}),
    ...(smallest?.maxYears !== undefined ? { maxYears: smallest.maxYears } : {}),
    juniorFriendly: junior || JUNIOR_TITLE.test(posting.title ?? '') || smallest?.minYears === 0,
  };
}

/** Min, median and max of a histogram (value → how many), in O(distinct values): nothing is expanded. */
export interface HistogramStats {
  min: number | null;
  median: number | null;
  max: number | null;
  count: number;
}

export function histogramStats(histogram: Record<string, number>): HistogramStats {
  const bins = Object.entries(histogram)
    .map(([value, n]) => [Number(value), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const count = bins.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return { min: null, median: null, max: null, count: 0 };
  // The value at 0-based rank `rank` in the sorted expansion, found by walking the cumulative counts.
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, n] of bins) {
      seen += n;
      if (rank < seen) return value;
    }
    return bins.at(-1)?.[0] ?? 0;
  };
  const mid = Math.floor(count / 2);
  return {
    min: bins[0]?.[0] ?? null,
    median: count % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2,
    max: bins.at(-1)?.[0] ?? null,
    count,
  };
}

type BySection = Record<Section | 'either', Set<string>>;
const bySection = (): BySection => ({ required: new Set(), preferred: new Set(), either: new Set() });

/**
 * The sets a posting adds to its role's totals: the skills it asks for (named or implied), those only
 * implied, and the groups and categories of the skills it names.
 */
export function contribution(posting: Posting, normalizer: Normalizer) {
  const skills = bySection();
  const named = bySection();
  const groups = bySection();
  const categories = bySection();
  const members = new Map<string, Set<string>>();
  for (const item of posting.items) {
    for (const { id, implied } of item.skills) {
      skills[item.section].add(id);
      skills.either.add(id);
      if (implied) continue;
      named[item.section].add(id);
      named.either.add(id);
      const category = normalizer.skill(id)?.category;
      if (category) {
        categories[item.section].add(category);
        categories.either.add(category);
      }
      for (const group of normalizer.skill(id)?.groups ?? []) {
        groups[item.section].add(group);
        groups.either.add(group);
        const set = members.get(group) ?? new Set();
        set.add(id);
        members.set(group, set);
      }
    }
  }
  const implied = bySection();
  for (const section of ['required', 'preferred', 'either'] as const) {
    for (const id of skills[section]) if (!named[section].has(id)) implied[section].add(id);
  }
  return { skills, implied, groups, categories, members, experience: postingExperience(posting) };
}

function bump(map: Counts, key: string, delta: number) {
  const next = (map[key] ?? 0) + delta;
  if (next > 0) map[key] = next;
  else delete map[key];
}

/** Adds (delta 1) or takes away (delta -1) one posting's contribution; companies are counted by the caller. */
export function applyPosting(aggregate: Aggregate, posting: Posting, normalizer: Normalizer, delta: 1 | -1) {
  const c = contribution(posting, normalizer);
  aggregate.postings = Math.max(0, aggregate.postings + delta);
  for (const section of ['required', 'preferred', 'either'] as const) {
    for (const id of c.skills[section]) bump(aggregate.skills[section], id, delta);
    for (const id of c.implied[section]) bump(aggregate.implied[section], id, delta);
    for (const id of c.groups[section]) bump(aggregate.groups[section], id, delta);
    for (const id of c.categories[section]) bump(aggregate.categories[section], id, delta);
  }
  const key = monthKey(posting.createdAt);
  const month = aggregate.months[key] ?? { postings: 0, skills: {} };
  month.postings = Math.max(0, month.postings + delta);
  for (const id of c.skills.either) bump(month.skills, id, delta);
  if (month.postings > 0) aggregate.months[key] = month;
  else delete aggregate.months[key];
  for (const [group, ids] of c.members) {
    const map = aggregate.groupMembers[group] ?? {};
    for (const id of ids) bump(map, id, delta);
    if (Object.keys(map).length > 0) aggregate.groupMembers[group] = map;
    else delete aggregate.groupMembers[group];
  }
  if (c.experience.years !== undefined) bump(aggregate.experience, String(c.experience.years), delta);
  if (c.experience.juniorFriendly) aggregate.juniorFriendly = Math.max(0, aggregate.juniorFriendly + delta);
}
