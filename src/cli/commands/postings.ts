import { postingEmbed } from '../../commands/shared/posting-embed';
import { resolveRole } from '../../commands/shared/role';
import { summaryEmbed } from '../../commands/shared/summary-embed';
import type { Context } from '../../commands/types';
import { UserError } from '../../services/errors';
import type { Posting } from '../../services/postings/schema';
import { str } from '../args';
import { renderReply } from '../render';
import { type Io, readTextFile, withRuntime } from '../runtime';
import { writeSummaryChart } from './radar';
import type { CliCommand } from './types';

function positiveId(raw: string | undefined): number {
  const id = Number(String(raw ?? '').replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new UserError('posting.not-found', { id: String(raw ?? '') });
  return id;
}

/** A posting as JSON, or as the card the bot shows on Discord. */
function printPosting(io: Io, json: boolean, ctx: Context, posting: Posting) {
  io.stdout(json ? JSON.stringify(posting, null, 2) : renderReply({ embeds: [postingEmbed(ctx, posting)] }));
}

export const addCommand: CliCommand = {
  name: 'add',
  usage: 'add --company C --role R [--title T] [--url U] --requirements-file F [--preferred-file G] [--json]',
  options: {
    company: { type: 'string' },
    role: { type: 'string' },
    title: { type: 'string' },
    url: { type: 'string' },
    'requirements-file': { type: 'string' },
    'preferred-file': { type: 'string' },
  },
  async run(args, io) {
    const v = args.values;
    const requirementsFile = str(v['requirements-file']);
    if (!requirementsFile) throw new UserError('input.empty', { field: 'requirements' });
    const requirements = await readTextFile(requirementsFile);
    const preferredFile = str(v['preferred-file']);
    const preferred = preferredFile ? await readTextFile(preferredFile) : '';
    return withRuntime(args, async (rt) => {
      const posting = await rt.services.postings.add(rt.guildId, {
        company: str(v.company) ?? '',
        role: str(v.role) ?? '',
        requirements,
        preferred,
        submittedBy: 'console',
        ...(str(v.title) ? { title: str(v.title) } : {}),
        ...(str(v.url) ? { url: str(v.url) } : {}),
      });
      printPosting(io, args.json, rt.context(), posting);
      return 0;
    });
  },
};

export const summaryCommand: CliCommand = {
  name: 'summary',
  usage: 'summary <role> [--section both|required|preferred] [--chart FILE.png] [--json]',
  options: { section: { type: 'string', default: 'both' }, chart: { type: 'string' } },
  async run(args, io) {
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      if (args.positionals.length === 0) throw new UserError('input.empty', { field: 'role' });
      const roleId = resolveRole(ctx, args.positionals.join(' '));
      const summary = await rt.services.summary.forRole(rt.guildId, roleId);
      await writeSummaryChart(io, str(args.values.chart), ctx.locale, summary, rt.services.clock.now());
      if (args.json) {
        io.stdout(JSON.stringify(summary, null, 2));
        return 0;
      }
      if (summary.postings === 0) {
        io.stdout(ctx.t('summary.empty', { role: summary.roleLabel[ctx.locale] }));
        return 0;
      }
      const section = str(args.values.section);
      const chosen = section === 'required' || section === 'preferred' ? section : 'both';
      io.stdout(renderReply({ embeds: [summaryEmbed(ctx, summary, chosen)] }));
      return 0;
    });
  },
};

export const listCommand: CliCommand = {
  name: 'postings',
  usage: 'postings [--role R] [--page N] [--json]',
  options: { role: { type: 'string' }, page: { type: 'string', default: '1' } },
  async run(args, io) {
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const role = str(args.values.role);
      const roleId = role ? resolveRole(ctx, role) : undefined;
      const page = Math.max(1, Number(str(args.values.page)) || 1);
      const result = await rt.services.postings.list(rt.guildId, {
        offset: (page - 1) * 50,
        limit: 50,
        ...(roleId ? { roleId } : {}),
      });
      if (args.json) {
        io.stdout(JSON.stringify(result, null, 2));
        return 0;
      }
      if (result.total === 0) io.stdout(ctx.t('postings.empty'));
      for (const e of result.entries) {
        const role = rt.services.roles.label(e.roleId, ctx.locale);
        io.stdout(
          `#${e.id}\t${e.company}${e.title ? ` — ${e.title}` : ''}\t${role}\t${e.createdAt.slice(0, 10)}`,
        );
      }
      return 0;
    });
  },
};

export const showCommand: CliCommand = {
  name: 'show',
  usage: 'show <id> [--json]',
  options: {},
  async run(args, io) {
    return withRuntime(args, async (rt) => {
      const posting = await rt.services.postings.get(rt.guildId, positiveId(args.positionals[0]));
      printPosting(io, args.json, rt.context(), posting);
      return 0;
    });
  },
};

export const removeCommand: CliCommand = {
  name: 'remove',
  usage: 'remove <id> [--json]',
  options: {},
  async run(args, io) {
    return withRuntime(args, async (rt) => {
      const removed = await rt.services.postings.remove(rt.guildId, positiveId(args.positionals[0]));
      const ctx = rt.context();
      const role = rt.services.roles.label(removed.roleId, ctx.locale);
      io.stdout(
        args.json
          ? JSON.stringify({ removed: removed.id })
          : ctx.t('posting.removed', { id: removed.id, company: removed.company, role }),
      );
      return 0;
    });
  },
};
