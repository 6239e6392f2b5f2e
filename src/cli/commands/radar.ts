import { compareOptions, comparisonFields } from '../../commands/compare';
import { matchOptions } from '../../commands/match';
import type { ChartFile } from '../../commands/shared/charts';
import { matchEmbed } from '../../commands/shared/match-embed';
import { parseValues } from '../../commands/shared/options';
import { profileEmbed } from '../../commands/shared/profile-embed';
import { resolveRole } from '../../commands/shared/role';
import { skillEmbed, skillOptions } from '../../commands/skill';
import { trendsOptions, trendsText } from '../../commands/trends';
import type { Locale, Translate } from '../../i18n';
import { UserError } from '../../services/errors';
import type { MatchResult, Profile } from '../../services/radar';
import type { RoleSummary } from '../../services/summary';
import { str } from '../args';
import { formatBytes, renderReply } from '../render';
import { type Io, withRuntime, writeLocalFile } from '../runtime';
import type { CliCommand } from './types';

/** The console's and the CLI's own member: the same profile either way unless --user says otherwise. */
export const DEFAULT_USER = 'console';

const userOf = (values: Record<string, string | boolean | undefined>) => str(values.user) ?? DEFAULT_USER;

/** The charts are drawn with a native renderer: loaded only when a chart is asked for. */
const charts = () => import('../../commands/shared/charts');

/** Writes a chart where --chart says, and tells where on stderr (stdout stays the answer). */
async function saveChart(io: Io, t: Translate, locale: Locale, path: string, files: ChartFile[]) {
  const chart = files[0];
  if (!chart) return;
  await writeLocalFile(path, chart.data);
  io.stderr(t('cli.chart.written', { path, size: formatBytes(chart.data.length, locale) }));
}

export function profileJson(profile: Profile) {
  return {
    skills: profile.explicit,
    derived: [...profile.derived].map(([id, reason]) => ({ id, ...reason })),
    updatedAt: profile.updatedAt,
  };
}

export function matchJson(result: MatchResult) {
  return {
    role: result.role,
    postings: result.postings,
    coverage: {
      required: result.coverage.required.share,
      preferred: result.coverage.preferred.share,
      mentions: {
        required: result.coverage.required.mentions,
        preferred: result.coverage.preferred.mentions,
      },
      covered: { required: result.coverage.required.covered, preferred: result.coverage.preferred.covered },
    },
    postingsMet: result.postingsMet,
    gaps: result.gaps,
    coveredGroups: result.coveredGroups,
    strengths: result.strengths,
    categories: result.categories,
  };
}

const PROFILE_ACTIONS = ['set', 'show', 'add', 'remove', 'clear'] as const;
type ProfileAction = (typeof PROFILE_ACTIONS)[number];

export const profileCommand: CliCommand = {
  name: 'profile',
  about: 'cli.about.profile',
  syntax: (t) =>
    `${PROFILE_ACTIONS.join('|')} [--user <${t('cli.value.user')}>] ["Python, Django, MySQL"] [--json]`,
  flags: { user: { type: 'string' } },
  async run(args, io) {
    const [typed = 'show', ...words] = args.positionals;
    const action = PROFILE_ACTIONS.find((a) => a === typed.toLowerCase()) as ProfileAction | undefined;
    if (!action) {
      throw new UserError('command.unknown-sub', {
        command: 'role-radar profile',
        value: typed.slice(0, 40),
        valid: PROFILE_ACTIONS.join(', '),
      });
    }
    const text = words.join(' ');
    if ((action === 'set' || action === 'add' || action === 'remove') && text.trim() === '') {
      throw new UserError('option.missing', { field: 'skills' });
    }
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const profiles = rt.services.radar.profiles;
      const user = userOf(args.values);
      let profile: Profile;
      let note = '';
      switch (action) {
        case 'set':
        case 'add':
        case 'remove': {
          const change = await profiles[action](rt.guildId, user, text);
          profile = change.profile;
          if (change.notUnderstood.length > 0) {
            note = ctx.t('profile.not-understood', { parts: change.notUnderstood.join(', ') });
          }
          break;
        }
        case 'clear': {
          const existed = await profiles.clear(rt.guildId, user);
          io.stdout(
            args.json
              ? JSON.stringify({ cleared: existed })
              : ctx.t(existed ? 'profile.cleared' : 'profile.already-empty'),
          );
          return 0;
        }
        case 'show':
          profile = await profiles.get(rt.guildId, user);
          break;
      }
      if (args.json) io.stdout(JSON.stringify(profileJson(profile), null, 2));
      else
        io.stdout(
          renderReply(
            { ...(note ? { content: note } : {}), embeds: [profileEmbed(ctx, profile)] },
            args.style,
          ),
        );
      return 0;
    });
  },
};

const chartFlag = { chart: { type: 'string' } } as const;

export const matchCommand: CliCommand = {
  name: 'match',
  about: 'cli.about.match',
  syntax: (t) =>
    `<${t('field.role')}> [--user <${t('cli.value.user')}>] [--chart <${t('cli.arg.png')}>] [--json]`,
  flags: { user: { type: 'string' }, ...chartFlag },
  pages: true,
  async run(args, io) {
    const options = parseValues(matchOptions, { role: args.positionals.join(' ') || undefined });
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const roleId = resolveRole(ctx, options.role);
      const result = await rt.services.radar.match(rt.guildId, userOf(args.values), roleId);
      if (args.json) io.stdout(JSON.stringify(matchJson(result), null, 2));
      else if (result.postings === 0)
        io.stdout(ctx.t('match.empty-role', { role: result.roleLabel[ctx.locale] }));
      else io.stdout(renderReply({ embeds: [matchEmbed(ctx, result)] }, args.style));
      const path = str(args.values.chart);
      if (path && result.postings > 0) {
        const { matchChart } = await charts();
        await saveChart(
          io,
          args.t,
          args.locale,
          path,
          await matchChart(ctx.locale, result, rt.services.clock.now()),
        );
      }
      return 0;
    });
  },
};

export const trendsCommand: CliCommand = {
  name: 'trends',
  about: 'cli.about.trends',
  syntax: (t) => `<${t('field.role')}> [--months 6] [--chart <${t('cli.arg.png')}>] [--json]`,
  flags: { months: { type: 'string' }, ...chartFlag },
  pages: true,
  async run(args, io) {
    const options = parseValues(trendsOptions, {
      role: args.positionals.join(' ') || undefined,
      months: str(args.values.months),
    });
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const roleId = resolveRole(ctx, options.role);
      const result = await rt.services.radar.trends(rt.guildId, roleId, options.months);
      if (args.json) io.stdout(JSON.stringify(result, null, 2));
      else
        io.stdout(
          `== ${ctx.t('trends.title', { role: result.roleLabel[ctx.locale] })} ==\n${renderReply({ content: trendsText(ctx, result) }, args.style)}`,
        );
      const path = str(args.values.chart);
      if (path) {
        const { trendsChart } = await charts();
        await saveChart(
          io,
          args.t,
          args.locale,
          path,
          await trendsChart(ctx.locale, result, rt.services.clock.now()),
        );
      }
      return 0;
    });
  },
};

export const compareCommand: CliCommand = {
  name: 'compare',
  about: 'cli.about.compare',
  syntax: (t) => `<${t('field.role')}> <${t('field.role')}> [--chart <${t('cli.arg.png')}>] [--json]`,
  flags: { ...chartFlag },
  maxPositionals: 2,
  pages: true,
  async run(args, io) {
    const [first, second] = args.positionals;
    const raw = parseValues(compareOptions, { 'role-a': first, 'role-b': second });
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const a = resolveRole(ctx, raw['role-a']);
      const b = resolveRole(ctx, raw['role-b']);
      const { comparison, summaries } = await rt.services.radar.compare(rt.guildId, a, b);
      const title = ctx.t('compare.title', {
        a: comparison.a.label[ctx.locale],
        b: comparison.b.label[ctx.locale],
      });
      if (args.json) io.stdout(JSON.stringify(comparison, null, 2));
      else
        io.stdout(
          renderReply({ embeds: [{ title, fields: comparisonFields(ctx, comparison) }] }, args.style),
        );
      const path = str(args.values.chart);
      if (path && summaries.every((s) => s.postings > 0)) {
        const { rolesChart } = await charts();
        const files = await rolesChart(ctx.locale, summaries, rt.services.clock.now(), {
          title,
          name: 'compare.png',
        });
        await saveChart(io, args.t, args.locale, path, files);
      }
      return 0;
    });
  },
};

export const skillCommand: CliCommand = {
  name: 'skill',
  about: 'cli.about.skill',
  syntax: (t) => `<${t('cli.value.skill')}> [--json]`,
  flags: {},
  pages: true,
  async run(args, io) {
    const { name } = parseValues(skillOptions, { name: args.positionals.join(' ') || undefined });
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const id = rt.services.radar.resolveSkill(name);
      const detail = await rt.services.radar.skill(rt.guildId, id);
      io.stdout(
        args.json
          ? JSON.stringify(detail, null, 2)
          : renderReply({ embeds: [skillEmbed(ctx, detail)] }, args.style),
      );
      return 0;
    });
  },
};

/** `summary <role> --chart FILE.png`: the radar the bot attaches to /summary. */
export async function writeSummaryChart(
  io: Io,
  t: Translate,
  path: string,
  locale: Locale,
  summary: RoleSummary,
  now: Date,
) {
  if (summary.postings === 0) return;
  const { summaryChart } = await charts();
  await saveChart(io, t, locale, path, await summaryChart(locale, summary, now));
}
