import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Gap, MatchResult } from '../../services/radar';
import type { Context } from '../types';
import { fitEmbed, joinLines, LIMITS, truncate } from './limits';
import { skillName } from './skill';
import { percent, safe } from './text';

const COLOR = 0x12a150;
export const GAPS_SHOWN = 10;
const COVERED_SHOWN = 5;
const STRENGTHS_SHOWN = 12;

const nameOf = (ctx: Context, s: { label: string; labelKo: string }) => safe(skillName(ctx, s));

function gapLine(ctx: Context, gap: Gap, rank: number): string {
  const asked = ctx.t(gap.section === 'required' ? 'match.gap-required' : 'match.gap-preferred', {
    share: percent(gap.share),
    count: gap.count,
  });
  const members =
    gap.kind === 'group' && gap.members
      ? ` (${ctx.t('match.gap-group', {
          members: gap.members
            .slice(0, 4)
            .map((m) => nameOf(ctx, m))
            .join(', '),
        })})`
      : '';
  const docs = gap.docs ? ` · [${ctx.t('match.docs')}](${gap.docs})` : '';
  return `${rank}. **${nameOf(ctx, gap)}**${members} — ${asked}${docs}`;
}

/** The member against a role: coverage, postings met, what to study next, what siblings already cover. */
export function matchEmbed(ctx: Context, match: MatchResult): APIEmbed {
  const more = (count: number) => ctx.t('summary.more', { count });
  const { required, preferred } = match.coverage;
  const description: string[] = [];
  if (match.profileSkills === 0) description.push(ctx.t('match.empty-profile'));
  description.push(
    required.share === null
      ? ctx.t('match.coverage-required-none')
      : ctx.t('match.coverage-required', {
          share: percent(required.share),
          covered: required.covered,
          mentions: required.mentions,
        }),
    preferred.share === null
      ? ctx.t('match.coverage-preferred-none')
      : ctx.t('match.coverage-preferred', {
          share: percent(preferred.share),
          covered: preferred.covered,
          mentions: preferred.mentions,
        }),
  );
  const met = match.postingsMet;
  description.push(
    met.of === 0
      ? ctx.t('match.postings-met-none')
      : ctx.t(met.complete ? 'match.postings-met' : 'match.postings-met-window', {
          met: met.met,
          of: met.of,
        }),
  );

  const fields: APIEmbedField[] = [];
  const gaps = match.gaps.slice(0, GAPS_SHOWN).map((gap, i) => gapLine(ctx, gap, i + 1));
  const restGaps = match.gaps.length - gaps.length;
  if (restGaps > 0) gaps.push(more(restGaps));
  fields.push({
    name: ctx.t('match.gaps'),
    value: gaps.length === 0 ? ctx.t('match.gaps-none') : joinLines(gaps, LIMITS.fieldValue, more),
  });
  if (match.coveredGroups.length > 0) {
    const lines = match.coveredGroups.slice(0, COVERED_SHOWN).map((g) =>
      ctx.t('match.covered-line', {
        group: safe(ctx.locale === 'ko' ? g.labelKo : g.label),
        known: g.known
          .slice(0, 3)
          .map((k) => nameOf(ctx, k))
          .join(', '),
        others: g.alsoAsked
          .slice(0, 4)
          .map((o) => `${nameOf(ctx, o)} ${percent(o.share)}`)
          .join(', '),
      }),
    );
    fields.push({ name: ctx.t('match.covered'), value: joinLines(lines, LIMITS.fieldValue, more) });
  }
  if (match.strengths.length > 0) {
    const shown = match.strengths.slice(0, STRENGTHS_SHOWN).map((s) => `${nameOf(ctx, s)} (${s.count})`);
    const rest = match.strengths.length - shown.length;
    fields.push({
      name: ctx.t('match.strengths'),
      value: truncate(`${shown.join(' · ')}${rest > 0 ? ` ${more(rest)}` : ''}`, LIMITS.fieldValue),
    });
  }
  return fitEmbed({
    color: COLOR,
    title: ctx.t('match.title', { role: match.roleLabel[ctx.locale], postings: match.postings }),
    description: description.join('\n'),
    fields,
    footer: { text: ctx.t('match.footer', { postings: match.postings }) },
  });
}
