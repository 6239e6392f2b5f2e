import type { Normalizer } from '../normalize';
import type { IndexEntry } from '../postings/records';
import type { PostingService } from '../postings/service';
import type { RoleDirectory } from '../roles';
import type { RoleSummary, SummaryService } from '../summary';
import { type DigestSnapshot, SNAPSHOT_TOP } from './config';
import { DAY_MS } from './schedule';

/** How many requirements a role's top list shows, and how far a share must move to be news. */
export const TOP_SHOWN = 5;
export const SHARE_CHANGE = 0.1;
/** New postings whose items are read for the focus of the week (the rest are counted, not read). */
const FOCUS_SAMPLE = 300;

export interface DigestPostingEntry {
  id: number;
  roleId: string;
  company: string;
  title?: string;
  url?: string;
}

export interface DigestSkill {
  id: string;
  label: string;
  labelKo: string;
  share: number;
  count: number;
  /** Of `count`, the postings that only imply the skill (Django ⇒ Python). */
  implied: number;
}

export interface DigestShareChange {
  id: string;
  label: string;
  labelKo: string;
  from: number;
  to: number;
}

export interface DigestRole {
  roleId: string;
  label: { en: string; ko: string };
  /** Postings of the role added this week, and in all. */
  newPostings: number;
  postings: number;
  top: DigestSkill[];
  /** Against the previous digest's snapshot; null when there is none, or the role was not in it. */
  changes: {
    entered: DigestSkill[];
    rose: DigestShareChange[];
    fell: DigestShareChange[];
  } | null;
}

export interface DigestFocus {
  id: string;
  label: string;
  labelKo: string;
  /** Share of all the group's postings that require it, and in how many roles it is required. */
  share: number;
  roles: number;
  /** This week's postings that ask for it (required or preferred), of `of` read. */
  newPostings: number;
  of: number;
}

export interface DigestModel {
  guildId: string;
  week: string;
  timezone: string;
  generatedAt: string;
  from: string;
  to: string;
  /** The week of the snapshot changes are measured against, if any. */
  previousWeek: string | null;
  newPostings: number;
  byRole: { roleId: string; label: { en: string; ko: string }; count: number }[];
  postings: DigestPostingEntry[];
  roles: DigestRole[];
  focus: DigestFocus | null;
}

export interface ContentDeps {
  postings: PostingService;
  summary: SummaryService;
  normalizer: Normalizer;
  roles: RoleDirectory;
}

const round = (share: number) => Math.round(share * 1000) / 1000;

function topOf(summary: RoleSummary, n: number): DigestSkill[] {
  return summary.required.slice(0, n).map((s) => ({
    id: s.id,
    label: s.label,
    labelKo: s.labelKo,
    share: s.share,
    count: s.count,
    implied: s.implied,
  }));
}

function changesOf(
  summary: RoleSummary,
  previous: DigestSnapshot['roles'][string] | undefined,
  names: (id: string) => { label: string; labelKo: string },
): DigestRole['changes'] {
  if (!previous) return null;
  const top = topOf(summary, TOP_SHOWN);
  const before = new Map(previous.top.map((s) => [s.id, s.share]));
  const beforeTop = new Set(previous.top.slice(0, TOP_SHOWN).map((s) => s.id));
  const now = new Map(summary.required.map((s) => [s.id, s.share]));
  const entered = top.filter((s) => !beforeTop.has(s.id));
  const moved: DigestShareChange[] = [];
  for (const id of new Set([...top.map((s) => s.id), ...previous.top.map((s) => s.id)])) {
    const from = before.get(id);
    if (from === undefined) continue;
    const to = now.get(id) ?? 0;
    if (Math.abs(to - from) >= SHARE_CHANGE - 1e-9) moved.push({ id, ...names(id), from, to });
  }
  const byMove = (a: DigestShareChange, b: DigestShareChange) =>
    Math.abs(b.to - b.from) - Math.abs(a.to - a.from) || a.label.localeCompare(b.label);
  return {
    entered,
    rose: moved.filter((m) => m.to > m.from).sort(byMove),
    fell: moved.filter((m) => m.to < m.from).sort(byMove),
  };
}

/**
 * The requirement most shared across the group's roles (share of all postings that require it, then the
 * number of roles) among those this week's new postings also ask for.
 */
async function focusOf(
  deps: ContentDeps,
  guildId: string,
  summaries: RoleSummary[],
  recent: IndexEntry[],
): Promise<DigestFocus | null> {
  const sample = recent.slice(0, FOCUS_SAMPLE);
  const askedBy = new Map<string, number>();
  for (const entry of sample) {
    const posting = await deps.postings.get(guildId, entry.id).catch(() => undefined);
    if (!posting) continue;
    // The focus is a requirement the postings name: one they only imply (Django ⇒ Python) is not shown.
    const ids = new Set(
      posting.items.flatMap((item) => item.skills.filter((s) => !s.implied).map((s) => s.id)),
    );
    for (const id of ids) askedBy.set(id, (askedBy.get(id) ?? 0) + 1);
  }
  const total = summaries.reduce((sum, s) => sum + s.postings, 0);
  if (total === 0 || askedBy.size === 0) return null;
  const across = new Map<string, { count: number; roles: number; label: string; labelKo: string }>();
  for (const summary of summaries) {
    for (const skill of summary.required) {
      const entry = across.get(skill.id) ?? {
        count: 0,
        roles: 0,
        label: skill.label,
        labelKo: skill.labelKo,
      };
      entry.count += skill.count - skill.implied;
      entry.roles += 1;
      across.set(skill.id, entry);
    }
  }
  const candidates = [...across]
    .filter(([id]) => askedBy.has(id))
    .map(([id, a]) => ({ id, ...a, asked: askedBy.get(id) ?? 0 }))
    .sort(
      (a, b) => b.count - a.count || b.roles - a.roles || b.asked - a.asked || a.label.localeCompare(b.label),
    );
  const best = candidates[0];
  if (!best) return null;
  return {
    id: best.id,
    label: best.label,
    labelKo: best.labelKo,
    share: round(best.count / total),
    roles: best.roles,
    newPostings: best.asked,
    of: sample.length,
  };
}

/** What the digest says for a server at `now`: the seven days before it, against a previous snapshot. */
export async function buildDigest(
  deps: ContentDeps,
  input: { guildId: string; now: Date; week: string; timezone: string; previous: DigestSnapshot | undefined },
): Promise<DigestModel> {
  const { guildId, now, previous } = input;
  const from = new Date(now.getTime() - 7 * DAY_MS);
  // (now - 7 days, now]: back-to-back weekly digests never count a posting twice.
  const recent = (await deps.postings.createdSince(guildId, from)).filter((e) => {
    const at = Date.parse(e.createdAt);
    return at > from.getTime() && at <= now.getTime();
  });
  const counts = new Map<string, number>();
  for (const e of recent) counts.set(e.roleId, (counts.get(e.roleId) ?? 0) + 1);
  const label = (roleId: string) => deps.roles.get(roleId)?.label ?? { en: roleId, ko: roleId };
  const byRole = [...counts]
    .map(([roleId, count]) => ({ roleId, label: label(roleId), count }))
    .sort((a, b) => b.count - a.count || a.roleId.localeCompare(b.roleId));

  const inUse = await deps.postings.rolesInUse(guildId);
  const summaries = await Promise.all(inUse.map((r) => deps.summary.forRole(guildId, r.roleId)));
  const summaryOf = new Map(summaries.map((s) => [s.role, s]));
  const skillNames = (id: string) => {
    const skill = deps.normalizer.skill(id);
    const label = skill?.label ?? id;
    return { label, labelKo: skill?.labelKo ?? label };
  };

  const roles: DigestRole[] = byRole.flatMap(({ roleId, label: roleLabel, count }) => {
    const summary = summaryOf.get(roleId);
    if (!summary || summary.postings === 0) return [];
    return [
      {
        roleId,
        label: roleLabel,
        newPostings: count,
        postings: summary.postings,
        top: topOf(summary, TOP_SHOWN),
        changes: changesOf(summary, previous?.roles[roleId], skillNames),
      },
    ];
  });

  return {
    guildId,
    week: input.week,
    timezone: input.timezone,
    generatedAt: now.toISOString(),
    from: from.toISOString(),
    to: now.toISOString(),
    previousWeek: previous?.week ?? null,
    newPostings: recent.length,
    byRole,
    postings: recent.map((e) => ({
      id: e.id,
      roleId: e.roleId,
      company: e.company,
      ...(e.title ? { title: e.title } : {}),
      ...(e.url ? { url: e.url } : {}),
    })),
    roles,
    focus: recent.length > 0 ? await focusOf(deps, guildId, summaries, recent) : null,
  };
}

/**
 * What next week compares against: every role in use, top lists only. Taken from the summaries, so roles
 * with no new postings this week still carry their numbers forward.
 */
export async function takeSnapshot(
  deps: Pick<ContentDeps, 'postings' | 'summary'>,
  guildId: string,
  week: string,
  now: Date,
): Promise<DigestSnapshot> {
  const inUse = await deps.postings.rolesInUse(guildId);
  const roles: DigestSnapshot['roles'] = {};
  for (const { roleId } of inUse) {
    const summary = await deps.summary.forRole(guildId, roleId);
    roles[roleId] = {
      postings: summary.postings,
      top: summary.required.slice(0, SNAPSHOT_TOP).map((s) => ({ id: s.id, share: s.share })),
    };
  }
  return { week, createdAt: now.toISOString(), roles };
}
