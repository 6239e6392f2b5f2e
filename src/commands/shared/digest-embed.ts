import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { type Locale, type Translate, translator } from '../../i18n';
import type { DigestModel, DigestRole } from '../../services/digest';
import { TOP_SHOWN } from '../../services/digest/content';
import { formatLocal } from '../../services/digest/schedule';
import type { Reply } from '../types';
import { companyLabel } from './company';
import { fitEmbed, joinLines, LIMITS, truncate } from './limits';
import { percent, percentOfShare, safe } from './text';

const COLOR = 0xfee75c;
/** Postings listed by name; the rest are counted. */
const POSTINGS_SHOWN = 10;
/** Roles given a field of their own; the rest are named in one line. */
const ROLES_SHOWN = 6;

/** A posting link that stays a link: only http(s), and nothing in it that ends Markdown's `(…)`. */
export function linkTarget(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    return parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return undefined;
  }
}

const linkText = (text: string) => safe(text).replace(/[[\]]/g, '\\$&');

function postingLine(model: DigestModel, locale: Locale, i: number): string {
  const p = model.postings[i];
  if (!p) return '';
  const role = model.byRole.find((r) => r.roleId === p.roleId)?.label[locale] ?? p.roleId;
  const target = p.url ? linkTarget(p.url) : undefined;
  const name = companyLabel(translator(locale), p.company);
  const company = target ? `[${linkText(name)}](${target})` : `**${safe(name)}**`;
  const title = p.title ? ` — ${safe(truncate(p.title, 80))}` : '';
  return truncate(`${company}${title} · ${role}`, 300);
}

function postingsField(model: DigestModel, t: Translate, locale: Locale): APIEmbedField {
  const shown = Math.min(POSTINGS_SHOWN, model.postings.length);
  const lines = Array.from({ length: shown }, (_, i) => postingLine(model, locale, i));
  const rest = model.postings.length - shown;
  if (rest > 0) lines.push(t('summary.more', { count: rest }));
  return {
    name: t('digest.new-postings'),
    value: joinLines(lines, LIMITS.fieldValue, (count) => t('summary.more', { count: count + rest })),
  };
}

/** Last week's share (known only as a fraction) to this week's, from the count when the top list has it. */
function shareMove(role: DigestRole, s: { id: string; from: number; to: number }): string {
  const now = role.top.find((top) => top.id === s.id);
  const to = now ? percent(now.count, role.postings) : percentOfShare(s.to);
  return `${percentOfShare(s.from)} → ${to}`;
}

/** A skill's name in the digest's language. */
const nameIn = (locale: Locale, s: { label: string; labelKo: string }) =>
  locale === 'ko' ? s.labelKo : s.label;

function changeLines(model: DigestModel, role: DigestRole, t: Translate, locale: Locale): string[] {
  if (!model.previousWeek) return [t('digest.first')];
  if (!role.changes) return [t('digest.new-role')];
  const lines: string[] = [];
  const { entered, rose, fell } = role.changes;
  const names = (list: { label: string; labelKo: string }[]) =>
    list.map((s) => safe(nameIn(locale, s))).join(', ');
  const moves = (list: { id: string; label: string; labelKo: string; from: number; to: number }[]) =>
    list
      .slice(0, 4)
      .map((s) => `${safe(nameIn(locale, s))} ${shareMove(role, s)}`)
      .join(', ');
  if (entered.length > 0) lines.push(`🆕 ${t('digest.entered', { n: TOP_SHOWN, skills: names(entered) })}`);
  if (rose.length > 0) lines.push(`📈 ${t('digest.rose', { skills: moves(rose) })}`);
  if (fell.length > 0) lines.push(`📉 ${t('digest.fell', { skills: moves(fell) })}`);
  if (lines.length === 0) lines.push(t('digest.steady', { week: model.previousWeek }));
  return lines;
}

function roleField(model: DigestModel, role: DigestRole, t: Translate, locale: Locale): APIEmbedField {
  const top =
    role.top.length === 0
      ? [t('digest.no-requirements')]
      : role.top.map((s) => {
          const count =
            s.implied === 0
              ? `${s.count}`
              : s.implied >= s.count
                ? `${s.count} · ${t('summary.implied-all')}`
                : `${s.count} · ${t('summary.implied-some', { count: s.implied })}`;
          return `\`${percent(s.count, role.postings).padStart(4, ' ')}\` **${safe(nameIn(locale, s))}** (${count})`;
        });
  const lines = [t('digest.role-counts', { added: role.newPostings, total: role.postings }), ...top];
  lines.push(...changeLines(model, role, t, locale));
  return {
    name: t('digest.role', { role: role.label[locale] }),
    value: joinLines(lines, LIMITS.fieldValue, (count) => t('summary.more', { count })),
  };
}

function shortDate(date: Date, timezone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-US', {
    timeZone: timezone,
    month: 'short',
    day: 'numeric',
  }).format(date);
}

/** A week without new postings, in one line. */
export function quietLine(model: DigestModel, locale: Locale): string {
  const t = translator(locale);
  return t('digest.quiet', {
    from: shortDate(new Date(model.from), model.timezone, locale),
    to: shortDate(new Date(model.to), model.timezone, locale),
  });
}

/** The digest as one embed, cut to Discord's limits. */
export function digestEmbed(model: DigestModel, locale: Locale): APIEmbed {
  const t = translator(locale);
  const roles = model.byRole.map((r) => `${safe(r.label[locale])} ${r.count}`).join(' · ');
  const fields: APIEmbedField[] = [postingsField(model, t, locale)];
  for (const role of model.roles.slice(0, ROLES_SHOWN)) fields.push(roleField(model, role, t, locale));
  const hidden = model.roles.length - ROLES_SHOWN;
  if (model.focus) {
    const f = model.focus;
    fields.push({
      name: `🎯 ${t('digest.focus')}`,
      value: t('digest.focus-line', {
        skill: safe(nameIn(locale, f)),
        share: percentOfShare(f.share),
        roles: f.roles,
        asked: f.newPostings,
        of: f.of,
      }),
    });
  }
  const description = [t('digest.counts', { count: model.newPostings, roles })];
  if (hidden > 0) description.push(t('digest.roles-more', { count: hidden }));
  return fitEmbed({
    color: COLOR,
    title: t('digest.title', { week: model.week }),
    description: description.join('\n'),
    fields,
    footer: { text: t('digest.footer') },
    timestamp: model.generatedAt,
  });
}

/** What is posted (or previewed): one line for a quiet week, else the embed. */
export function digestReply(model: DigestModel, locale: Locale, options: { preview?: boolean } = {}): Reply {
  const t = translator(locale);
  const note = options.preview ? `${t('digest.preview-note')}\n` : '';
  if (model.newPostings === 0)
    return { content: truncate(`${note}${quietLine(model, locale)}`, LIMITS.content) };
  return { ...(note ? { content: note.trim() } : {}), embeds: [digestEmbed(model, locale)] };
}

/** `Monday 09:00 (Asia/Seoul)` in the reader's language. */
export function scheduleText(
  t: Translate,
  schedule: { weekday: number; time: string; timezone: string },
): string {
  return t('digest.schedule', {
    weekday: t(`weekday.${schedule.weekday}` as 'weekday.0'),
    time: schedule.time,
    timezone: schedule.timezone,
  });
}

/**
 * A moment as the server reads it, then as Discord timestamps each member sees in their own time. A terminal
 * has only the server's time, so there it is said once, with how far away it is.
 */
export function whenText(
  date: Date,
  timezone: string,
  locale: Locale,
  platform: 'discord' | 'console' = 'discord',
): string {
  const unix = Math.floor(date.getTime() / 1000);
  const own = platform === 'discord' ? ` · <t:${unix}:F>` : '';
  return `${formatLocal(date, timezone, locale)} (${timezone})${own} · <t:${unix}:R>`;
}
