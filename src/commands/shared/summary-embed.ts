import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { RoleSummary, SkillShare } from '../../services/summary';
import type { Context } from '../types';
import { fitEmbed, joinLines, LIMITS, truncate } from './limits';
import { bar, formatYears, percent, safe } from './text';

export type SummarySection = 'both' | 'required' | 'preferred';

const COLOR = 0x57f287;
const labelOf = (ctx: Context, s: { label: string; labelKo: string }) =>
  ctx.locale === 'ko' ? s.labelKo : s.label;
const TOP = 12;

/** The count, saying how much of it comes only from implications (Django ⇒ Python). */
function countText(ctx: Context, s: SkillShare): string {
  if (s.implied === 0) return `(${s.count})`;
  if (s.implied >= s.count) return `(${s.count} · ${ctx.t('summary.implied-all')})`;
  return `(${s.count} · ${ctx.t('summary.implied-some', { count: s.implied })})`;
}

function skillLines(ctx: Context, list: SkillShare[], total: number): string {
  if (list.length === 0) return ctx.t('summary.none');
  const lines = list
    .slice(0, TOP)
    .map(
      (s) =>
        `\`${bar(s.count / total)}\` ${percent(s.count, total)} **${safe(labelOf(ctx, s))}** ${countText(ctx, s)}`,
    );
  const rest = list.length - TOP;
  if (rest > 0) lines.push(ctx.t('summary.more', { count: rest }));
  return joinLines(lines, LIMITS.fieldValue, (count) => ctx.t('summary.more', { count }));
}

interface GroupLine {
  labels: string[];
  count: number;
  members: { label: string; count: number }[];
}

/**
 * Skill groups in the chosen section: counted from that section's postings, each member with its count
 * there. Two groups with the same members are one line (`Java/Kotlin web frameworks / Spring ecosystem`).
 */
export function sectionGroups(ctx: Context, summary: RoleSummary, section: SummarySection): GroupLine[] {
  const inSection =
    section === 'both'
      ? undefined
      : new Map((section === 'required' ? summary.required : summary.preferred).map((s) => [s.id, s.count]));
  const lines: (GroupLine & { key: string })[] = [];
  for (const g of summary.groups) {
    const count = section === 'both' ? g.count : section === 'required' ? g.required : g.preferred;
    if (count === 0) continue;
    const members = g.members
      .map((m) => ({
        id: m.id,
        label: labelOf(ctx, m),
        count: inSection ? (inSection.get(m.id) ?? 0) : m.count,
      }))
      .filter((m) => m.count > 0)
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    const key = members
      .map((m) => m.id)
      .sort()
      .join(' ');
    const label = ctx.locale === 'ko' ? g.labelKo : g.label;
    const twin = lines.find((l) => l.key === key && l.count === count);
    if (twin) twin.labels.push(label);
    else lines.push({ key, labels: [label], count, members });
  }
  return lines.sort((a, b) => b.count - a.count);
}

function groupLines(ctx: Context, summary: RoleSummary, section: SummarySection): string {
  const lines = sectionGroups(ctx, summary, section)
    .slice(0, 8)
    .map((g) => {
      const members = g.members
        .slice(0, 6)
        .map((m) => `${safe(m.label)} ${m.count}`)
        .join(' · ');
      return `**${safe(g.labels.join(' / '))}** ${percent(g.count, summary.postings)} — ${members}`;
    });
  return lines.length === 0
    ? ctx.t('summary.none')
    : joinLines(lines, LIMITS.fieldValue, (count) => ctx.t('summary.more', { count }));
}

function experienceLine(ctx: Context, summary: RoleSummary): string {
  const e = summary.experience;
  if (e.count === 0 || e.min === null || e.max === null || e.median === null) {
    return ctx.t('summary.experience-none', { junior: e.juniorFriendly });
  }
  if (e.min === e.max) {
    return ctx.t('summary.experience-single', {
      years: formatYears(e.min),
      count: e.count,
      junior: e.juniorFriendly,
    });
  }
  return ctx.t('summary.experience-range', {
    min: formatYears(e.min),
    max: formatYears(e.max),
    median: formatYears(e.median),
    count: e.count,
    junior: e.juniorFriendly,
  });
}

/** The documents' own summaries shown in full; the rest are counted (the markdown export has them all). */
const AUTHOR_SUMMARIES_SHOWN = 3;

/** The role's shared qualifications: the seeds' "Review" section, written by the data, with numbers. */
export function summaryEmbed(
  ctx: Context,
  summary: RoleSummary,
  section: SummarySection,
  authorSummaries: readonly { document?: string; source?: string; text: string }[] = [],
): APIEmbed {
  const role = summary.roleLabel[ctx.locale];
  const fields: APIEmbedField[] = [];
  if (section !== 'preferred') {
    fields.push({
      name: ctx.t('summary.required'),
      value: skillLines(ctx, summary.required, summary.postings),
    });
  }
  if (section !== 'required') {
    fields.push({
      name: ctx.t('summary.preferred'),
      value: skillLines(ctx, summary.preferred, summary.postings),
    });
  }
  const shown = [
    ...(section !== 'preferred' ? summary.required.slice(0, TOP) : []),
    ...(section !== 'required' ? summary.preferred.slice(0, TOP) : []),
  ];
  const impliedShown = shown.some((s) => s.implied > 0);
  fields.push({ name: ctx.t('summary.groups'), value: groupLines(ctx, summary, section) });
  fields.push({ name: ctx.t('summary.experience'), value: experienceLine(ctx, summary) });
  const authored = authorSummaries.filter((own) => own.text.trim());
  for (const own of authored.slice(0, AUTHOR_SUMMARIES_SHOWN)) {
    // The group's own Markdown, shown as they formatted it; only mentions are defused.
    const text = own.text.trim().replace(/@/g, '@\u200b');
    const document = own.document ?? own.source;
    const name = document ? ctx.t('summary.author-document', { document }) : ctx.t('summary.author');
    fields.push({ name: truncate(name, LIMITS.fieldName), value: truncate(text, LIMITS.fieldValue) });
  }
  if (authored.length > AUTHOR_SUMMARIES_SHOWN) {
    fields.push({
      name: ctx.t('summary.author-more-title'),
      value: ctx.t('summary.author-more', { count: authored.length - AUTHOR_SUMMARIES_SHOWN }),
    });
  }
  return fitEmbed({
    color: COLOR,
    title: ctx.t('summary.title', { role }),
    description: [
      ctx.t('summary.counts', { postings: summary.postings, companies: summary.companies }),
      ...(impliedShown ? [ctx.t('summary.implied-note')] : []),
    ].join('\n'),
    fields,
  });
}
