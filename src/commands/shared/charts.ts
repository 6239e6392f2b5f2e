import { type Locale, translator } from '../../i18n';
import type { Services } from '../../services';
import { lineSvg } from '../../services/charts/lines';
import { type RadarSeries, radarSvg } from '../../services/charts/radar';
import { renderChart } from '../../services/charts/render';
import { PALETTE } from '../../services/charts/svg';
import type { DigestModel } from '../../services/digest';
import type { MatchResult, Trends } from '../../services/radar';
import type { RoleSummary } from '../../services/summary';
import { chooseAxes, pick } from '../../services/summary/categories';
import type { Reply } from '../types';

export type ChartFile = NonNullable<Reply['files']>[number];

/** Discord's upload limit for a bot's message without boosts; a chart is far below it, but never above. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const stamp = (now: Date) => now.toISOString().slice(0, 10);

function file(name: string, data: Buffer, description: string): ChartFile[] {
  return data.length <= MAX_UPLOAD_BYTES ? [{ name, data, description: description.slice(0, 1024) }] : [];
}

/** A role's radar: required and preferred shares per category. */
export async function summaryChart(
  locale: Locale,
  summary: RoleSummary,
  now: Date,
  title?: string,
): Promise<ChartFile[]> {
  const t = translator(locale);
  const role = summary.roleLabel[locale];
  const axes = pick(summary.categories, chooseAxes([summary.categories]));
  const svg = radarSvg({
    title: title ?? t('summary.title', { role }),
    subtitle: t('chart.radar-subtitle', { postings: summary.postings }),
    axes: axes.map((a) => a.label[locale]),
    series: [
      { label: t('chart.required'), values: axes.map((a) => a.required), color: PALETTE.required },
      {
        label: t('chart.preferred'),
        values: axes.map((a) => a.preferred),
        color: PALETTE.preferred,
        dashed: true,
      },
    ],
    footnote: t('chart.footnote', { date: stamp(now) }),
  });
  return file(
    `radar-${summary.role}.png`,
    (await renderChart(svg)).data,
    t('chart.radar-description', { role }),
  );
}

/** The weekly digest's radar: the role most postings were added to this week, as /summary draws it. */
export async function digestChart(locale: Locale, summary: RoleSummary, now: Date): Promise<ChartFile[]> {
  const t = translator(locale);
  const [chart] = await summaryChart(
    locale,
    summary,
    now,
    t('digest.radar-title', { role: summary.roleLabel[locale] }),
  );
  return chart ? [{ ...chart, name: 'digest-radar.png' }] : [];
}

/** The week's radar for a digest: the role most postings were added to this week. */
export async function weekRadar(
  services: Pick<Services, 'summary'>,
  model: DigestModel,
  locale: Locale,
  now: Date,
): Promise<ChartFile[]> {
  if (model.newPostings === 0) return [];
  const busiest = [...model.byRole].sort((a, b) => b.count - a.count)[0];
  if (!busiest) return [];
  return digestChart(locale, await services.summary.forRole(model.guildId, busiest.roleId), now);
}

/** The role's radar with the member's coverage drawn over its requirements. */
export async function matchChart(locale: Locale, match: MatchResult, now: Date): Promise<ChartFile[]> {
  const t = translator(locale);
  const role = match.roleLabel[locale];
  const shares = match.categories.map((c) => ({ ...c, either: Math.max(c.required, c.preferred) }));
  const chosen = new Set(chooseAxes([shares]));
  const axes = match.categories.filter((c) => chosen.has(c.category));
  const svg = radarSvg({
    title: t('match.title', { role, postings: match.postings }),
    subtitle: t('chart.match-subtitle'),
    axes: axes.map((a) => a.label[locale]),
    series: [
      { label: t('chart.required'), values: axes.map((a) => a.required), color: PALETTE.required },
      {
        label: t('chart.preferred'),
        values: axes.map((a) => a.preferred),
        color: PALETTE.preferred,
        dashed: true,
      },
      { label: t('chart.you'), values: axes.map((a) => a.member), color: PALETTE.member, emphasis: true },
    ],
    footnote: t('chart.footnote', { date: stamp(now) }),
  });
  return file(
    `match-${match.role}.png`,
    (await renderChart(svg)).data,
    t('chart.radar-description', { role }),
  );
}

/** Several roles' requirements on one radar (/compare, and the weekly digest). */
export async function rolesChart(
  locale: Locale,
  summaries: readonly RoleSummary[],
  now: Date,
  options: { title: string; name: string },
): Promise<ChartFile[]> {
  const t = translator(locale);
  if (summaries.length === 1 && summaries[0]) return summaryChart(locale, summaries[0], now);
  const chosen = chooseAxes(summaries.map((s) => s.categories));
  const series: RadarSeries[] = summaries.map((s, i) => {
    const axes = pick(s.categories, chosen);
    return {
      label: s.roleLabel[locale],
      values: axes.map((a) => a.either),
      color: PALETTE.series[i % PALETTE.series.length] ?? PALETTE.required,
      dashed: i > 0,
    };
  });
  const labels = pick(summaries[0]?.categories ?? [], chosen).map((a) => a.label[locale]);
  const svg = radarSvg({
    title: options.title,
    subtitle: t('chart.compare-subtitle'),
    axes: labels,
    series,
    footnote: t('chart.footnote', { date: stamp(now) }),
  });
  return file(options.name, (await renderChart(svg)).data, options.title);
}

/** `6월` / `Jun`, with the year where it changes (and on the first month). */
export function monthLabels(locale: Locale, months: readonly string[]): string[] {
  const tag = locale === 'ko' ? 'ko-KR' : 'en-US';
  const month = new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' });
  const withYear = new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return months.map((key, i) => {
    const date = new Date(`${key}-15T00:00:00Z`);
    const yearChanged = i === 0 || key.slice(0, 4) !== months[i - 1]?.slice(0, 4);
    return (yearChanged ? withYear : month).format(date);
  });
}

export async function trendsChart(locale: Locale, trends: Trends, now: Date): Promise<ChartFile[]> {
  const t = translator(locale);
  const role = trends.roleLabel[locale];
  const labels = monthLabels(locale, trends.months);
  const svg = lineSvg({
    title: t('trends.title', { role }),
    subtitle: t('trends.subtitle', { from: labels[0] ?? '', to: labels.at(-1) ?? '' }),
    xLabels: labels,
    xNotes: trends.postings.map((n, i) => (i === 0 ? t('trends.note-postings', { count: n }) : String(n))),
    series: trends.series.map((s, i) => ({
      label: locale === 'ko' ? s.labelKo : s.label,
      values: s.shares,
      color: PALETTE.series[i % PALETTE.series.length] ?? PALETTE.required,
    })),
    footnote: `${t('trends.footnote', { timeZone: trends.timeZone })} · ${t('chart.footnote', { date: stamp(now) })}`,
    emptyNote: t('trends.empty', { role, months: trends.months.length }),
  });
  return file(
    `trends-${trends.role}.png`,
    (await renderChart(svg)).data,
    t('chart.trends-description', { role }),
  );
}

/** Embeds a chart sent with the reply as the embed's image. */
export const imageOf = (files: ChartFile[]) =>
  files[0] ? { image: { url: `attachment://${files[0].name}` } } : {};
