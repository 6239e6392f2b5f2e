import { createColors } from 'picocolors';
import { addPostingOptions } from '../../commands/add-posting';
import { idOptions, listOptions, postingReply } from '../../commands/postings';
import { companyLabel } from '../../commands/shared/company';
import { parseValues } from '../../commands/shared/options';
import { postingEmbed } from '../../commands/shared/posting-embed';
import { resolveRole } from '../../commands/shared/role';
import { summaryEmbed } from '../../commands/shared/summary-embed';
import { sectionChoices, summaryOptions } from '../../commands/summary';
import { UserError } from '../../services/errors';
import { str } from '../args';
import { columns, padColumns, renderReply } from '../render';
import { readTextFile, withRuntime } from '../runtime';
import type { CliCommand } from './types';

/** The CLI's list shows more per page than Discord's ten. */
export const CLI_PAGE_SIZE = 50;

export const addCommand: CliCommand = {
  name: 'add',
  about: 'cli.about.add',
  syntax: (t) =>
    `--company <${t('field.company')}> --role <${t('field.role')}> [--title <${t('field.title')}>] [--url <${t('field.url')}>] --requirements-file <${t('cli.arg.file')}> [--preferred-file <${t('cli.arg.file')}>]`,
  flags: {
    company: { type: 'string' },
    role: { type: 'string' },
    title: { type: 'string' },
    url: { type: 'string' },
    'requirements-file': { type: 'string' },
    'preferred-file': { type: 'string' },
  },
  maxPositionals: 0,
  async run(args, io) {
    const v = args.values;
    for (const flag of ['company', 'role', 'requirements-file'] as const) {
      if (str(v[flag]) === undefined) throw new UserError('cli.missing-flag', { flag: `--${flag}` });
    }
    const options = parseValues(addPostingOptions, { role: str(v.role) });
    const requirements = await readTextFile(str(v['requirements-file']) ?? '');
    const preferredFile = str(v['preferred-file']);
    const preferred = preferredFile ? await readTextFile(preferredFile) : '';
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const posting = await rt.services.postings.add(rt.guildId, {
        company: str(v.company) ?? '',
        role: resolveRole(ctx, options.role),
        requirements,
        preferred,
        submittedBy: 'console',
        ...(str(v.title) ? { title: str(v.title) } : {}),
        ...(str(v.url) ? { url: str(v.url) } : {}),
      });
      if (args.json) {
        io.stdout(JSON.stringify(posting, null, 2));
        return 0;
      }
      const heading = ctx.t('posting.added', {
        id: posting.id,
        company: companyLabel(ctx.t, posting.company),
        role: rt.services.roles.label(posting.roleId, ctx.locale),
      });
      const [twin] = await rt.services.postings.twinsOf(rt.guildId, posting);
      const content = twin ? { content: ctx.t('posting.twin', { id: twin }) } : {};
      io.stdout(renderReply({ ...content, embeds: [postingEmbed(ctx, posting, heading)] }, args.style));
      return 0;
    });
  },
};

export const summaryCommand: CliCommand = {
  name: 'summary',
  about: 'cli.about.summary',
  syntax: (t, locale) =>
    `<${t('field.role')}> [--section ${sectionChoices.words(locale).join('|')}] [--chart <${t('cli.arg.png')}>] [--json]`,
  flags: { section: { type: 'string' }, chart: { type: 'string' } },
  pages: true,
  async run(args, io) {
    const options = parseValues(summaryOptions, {
      role: args.positionals.join(' ') || undefined,
      section: str(args.values.section),
    });
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const roleId = resolveRole(ctx, options.role);
      const summary = await rt.services.summary.forRole(rt.guildId, roleId);
      const chart = str(args.values.chart);
      if (chart) {
        const { writeSummaryChart } = await import('./radar');
        await writeSummaryChart(io, args.t, chart, ctx.locale, summary, rt.services.clock.now());
      }
      if (args.json) {
        io.stdout(JSON.stringify(summary, null, 2));
        return 0;
      }
      if (summary.postings === 0) {
        io.stdout(ctx.t('summary.empty', { role: summary.roleLabel[ctx.locale] }));
        return 0;
      }
      const own = await rt.services.imports.authorSummaries(rt.guildId, roleId);
      const style = { ...args.style, timeZone: await rt.timeZone() };
      io.stdout(renderReply({ embeds: [summaryEmbed(ctx, summary, options.section, own)] }, style));
      return 0;
    });
  },
};

export const listCommand: CliCommand = {
  name: 'postings',
  about: 'cli.about.postings',
  syntax: (t) => `[--role <${t('field.role')}>] [--page <${t('field.page')}>] [--json]`,
  flags: { role: { type: 'string' }, page: { type: 'string' } },
  maxPositionals: 0,
  pages: true,
  async run(args, io) {
    const options = parseValues(listOptions, { role: str(args.values.role), page: str(args.values.page) });
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const roleId = options.role ? resolveRole(ctx, options.role) : undefined;
      const page = options.page ?? 1;
      const result = await rt.services.postings.list(rt.guildId, {
        offset: (page - 1) * CLI_PAGE_SIZE,
        limit: CLI_PAGE_SIZE,
        ...(roleId ? { roleId } : {}),
      });
      const pages = Math.max(1, Math.ceil(result.total / CLI_PAGE_SIZE));
      if (result.total > 0 && page > pages) throw new UserError('page.out-of-range', { page, pages });
      if (args.json) {
        io.stdout(JSON.stringify({ ...result, page, pages, pageSize: CLI_PAGE_SIZE }, null, 2));
        return 0;
      }
      if (result.total === 0) {
        io.stdout(ctx.t('postings.empty'));
        return 0;
      }
      const c = createColors(args.style.color);
      const rows = result.entries.map((e) => {
        const company = companyLabel(ctx.t, e.company);
        return [
          `#${e.id}`,
          e.title ? `${company} — ${e.title}` : company,
          rt.services.roles.label(e.roleId, ctx.locale),
          e.createdAt.slice(0, 10),
        ];
      });
      const width = (i: number) => Math.min(50, Math.max(...rows.map((r) => columns(r[i] ?? ''))));
      const [idWidth, nameWidth, roleWidth] = [width(0), width(1), width(2)];
      const lines = rows.map(([id = '', name = '', role = '', day = '']) =>
        [
          c.bold(padColumns(id, idWidth)),
          padColumns(name, nameWidth),
          padColumns(role, roleWidth),
          c.dim(day),
        ].join('  '),
      );
      lines.push('', c.dim(ctx.t('postings.page', { page, pages, total: result.total })));
      if (page < pages) {
        const role = options.role ? ` --role ${JSON.stringify(options.role)}` : '';
        lines.push(
          c.dim(ctx.t('cli.postings.next', { command: `role-radar postings${role} --page ${page + 1}` })),
        );
      }
      io.stdout(lines.join('\n'));
      return 0;
    });
  },
};

export const showCommand: CliCommand = {
  name: 'show',
  about: 'cli.about.show',
  syntax: (t) => `<${t('field.id')}> [--json]`,
  flags: {},
  maxPositionals: 1,
  pages: true,
  async run(args, io) {
    const { id } = parseValues(idOptions, { id: args.positionals[0] });
    return withRuntime(args, async (rt) => {
      const posting = await rt.services.postings.get(rt.guildId, id);
      io.stdout(
        args.json
          ? JSON.stringify(posting, null, 2)
          : renderReply(postingReply(rt.context(), posting), args.style),
      );
      return 0;
    });
  },
};

export const removeCommand: CliCommand = {
  name: 'remove',
  about: 'cli.about.remove',
  syntax: (t) => `<${t('field.id')}> [--json]`,
  flags: {},
  maxPositionals: 1,
  async run(args, io) {
    const { id } = parseValues(idOptions, { id: args.positionals[0] });
    return withRuntime(args, async (rt) => {
      const removed = await rt.services.postings.remove(rt.guildId, id);
      const ctx = rt.context();
      const role = rt.services.roles.label(removed.roleId, ctx.locale);
      io.stdout(
        args.json
          ? JSON.stringify({ removed: removed.id })
          : ctx.t('posting.removed', { id: removed.id, company: companyLabel(ctx.t, removed.company), role }),
      );
      return 0;
    });
  },
};
