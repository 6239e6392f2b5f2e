import { writeFile } from 'node:fs/promises';
import { comparisonFields } from '../../commands/compare';
import {
  type ChartFile,
  matchChart,
  rolesChart,
  summaryChart,
  trendsChart,
} from '../../commands/shared/charts';
import { matchEmbed } from '../../commands/shared/match-embed';
import { profileEmbed } from '../../commands/shared/profile-embed';
import { resolveRole } from '../../commands/shared/role';
import { skillEmbed } from '../../commands/skill';
import { trendsText } from '../../commands/trends';
import { UserError } from '../../services/errors';
import type { MatchResult, Profile } from '../../services/radar';
import { str } from '../args';
import { renderReply } from '../render';
import { type Io, withRuntime } from '../runtime';
import type { CliCommand } from './types';

/** The console's and the CLI's own member: the same profile either way unless --user says otherwise. */
export const DEFAULT_USER = 'console';

const userOf = (values: Record<string, string | boolean | undefined>) => str(values.user) ?? DEFAULT_USER;

/** Writes a chart where --chart says, and tells where on stderr (stdout stays the answer). */
async function saveChart(io: Io, path: string | undefined, files: ChartFile[]) {
  const chart = files[0];
  if (!path || !chart) return;
  await writeFile(path, chart.data);
  io.stderr(`${path}: ${chart.data.length} bytes`);
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

export const profileCommand: CliCommand = {
  name: 'profile',
  usage: 'profile set|show|add|remove|clear [--user U] ["Python, Django, MySQL"] [--json]',
  options: { user: { type: 'string' } },
  async run(args, io) {
    const [action = 'show', ...words] = args.positionals;
    const text = words.join(' ');
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
        default:
          throw new UserError('input.invalid', { field: 'profile' });
      }
      if (args.json) io.stdout(JSON.stringify(profileJson(profile), null, 2));
      else
        io.stdout(renderReply({ ...(note ? { content: note } : {}), embeds: [profileEmbed(ctx, profile)] }));
      return 0;
    });
  },
};

export const matchCommand: CliCommand = {
  name: 'match',
  usage: 'match <role> [--user U] [--chart FILE.png] [--json]',
  options: { user: { type: 'string' }, chart: { type: 'string' } },
  async run(args, io) {
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      if (args.positionals.length === 0) throw new UserError('input.empty', { field: 'role' });
      const roleId = resolveRole(ctx, args.positionals.join(' '));
      const result = await rt.services.radar.match(rt.guildId, userOf(args.values), roleId);
      if (args.json) io.stdout(JSON.stringify(matchJson(result), null, 2));
      else if (result.postings === 0)
        io.stdout(ctx.t('match.empty-role', { role: result.roleLabel[ctx.locale] }));
      else io.stdout(renderReply({ embeds: [matchEmbed(ctx, result)] }));
      if (result.postings > 0)
        await saveChart(io, str(args.values.chart), matchChart(ctx.locale, result, rt.services.clock.now()));
      return 0;
    });
  },
};

export const trendsCommand: CliCommand = {
  name: 'trends',
  usage: 'trends <role> [--months 6] [--chart FILE.png] [--json]',
  options: { months: { type: 'string', default: '6' }, chart: { type: 'string' } },
  async run(args, io) {
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      if (args.positionals.length === 0) throw new UserError('input.empty', { field: 'role' });
      const roleId = resolveRole(ctx, args.positionals.join(' '));
      const months = Number(str(args.values.months));
      const result = await rt.services.radar.trends(rt.guildId, roleId, months);
      if (args.json) io.stdout(JSON.stringify(result, null, 2));
      else
        io.stdout(
          `== ${ctx.t('trends.title', { role: result.roleLabel[ctx.locale] })} ==\n${renderReply({ content: trendsText(ctx, result) })}`,
        );
      await saveChart(io, str(args.values.chart), trendsChart(ctx.locale, result, rt.services.clock.now()));
      return 0;
    });
  },
};

export const compareCommand: CliCommand = {
  name: 'compare',
  usage: 'compare <role> <role> [--chart FILE.png] [--json]',
  options: { chart: { type: 'string' } },
  async run(args, io) {
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const [first, second] = args.positionals;
      if (!first || !second) throw new UserError('input.empty', { field: 'role' });
      const a = resolveRole(ctx, first);
      const b = resolveRole(ctx, second);
      const { comparison, summaries } = await rt.services.radar.compare(rt.guildId, a, b);
      if (args.json) {
        io.stdout(JSON.stringify(comparison, null, 2));
      } else {
        const title = ctx.t('compare.title', {
          a: comparison.a.label[ctx.locale],
          b: comparison.b.label[ctx.locale],
        });
        io.stdout(renderReply({ embeds: [{ title, fields: comparisonFields(ctx, comparison) }] }));
      }
      if (summaries.every((s) => s.postings > 0)) {
        const title = ctx.t('compare.title', {
          a: comparison.a.label[ctx.locale],
          b: comparison.b.label[ctx.locale],
        });
        await saveChart(
          io,
          str(args.values.chart),
          rolesChart(ctx.locale, summaries, rt.services.clock.now(), { title, name: 'compare.png' }),
        );
      }
      return 0;
    });
  },
};

export const skillCommand: CliCommand = {
  name: 'skill',
  usage: 'skill <name> [--json]',
  options: {},
  async run(args, io) {
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const id = rt.services.radar.resolveSkill(args.positionals.join(' '));
      const detail = await rt.services.radar.skill(rt.guildId, id);
      io.stdout(
        args.json ? JSON.stringify(detail, null, 2) : renderReply({ embeds: [skillEmbed(ctx, detail)] }),
      );
      return 0;
    });
  },
};

/** `summary <role> --chart FILE.png`: the radar the bot attaches to /summary. */
export async function writeSummaryChart(
  io: Io,
  path: string | undefined,
  locale: Parameters<typeof summaryChart>[0],
  summary: Parameters<typeof summaryChart>[1],
  now: Date,
) {
  if (summary.postings > 0) await saveChart(io, path, summaryChart(locale, summary, now));
}
