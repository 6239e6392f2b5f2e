import { exportOptions, formatChoices } from '../../commands/export';
import { importOptions } from '../../commands/import';
import { parseValues } from '../../commands/shared/options';
import { resolveRole } from '../../commands/shared/role';
import { UserError } from '../../services/errors';
import { formatImportReport, MAX_IMPORT_BYTES, roleNeededCount, storableInputs } from '../../services/import';
import { str } from '../args';
import { formatBytes } from '../render';
import { readLocalFile, withRuntime, writeLocalFile } from '../runtime';
import type { CliCommand } from './types';

async function readDocument(path: string | undefined): Promise<Buffer> {
  if (!path) throw new UserError('import.no-file');
  return readLocalFile(path, MAX_IMPORT_BYTES);
}

export const importCommand: CliCommand = {
  name: 'import',
  about: 'cli.about.import',
  syntax: (t) => `<${t('cli.arg.document')}> [--role <${t('field.role')}>] [--dry-run] [--json]`,
  flags: { role: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  maxPositionals: 1,
  pages: true,
  async run(args, io) {
    const path = args.positionals[0];
    const options = parseValues(importOptions, { role: str(args.values.role) });
    const bytes = await readDocument(path);
    return withRuntime(args, async (rt) => {
      const ctx = rt.context();
      const roleId = options.role ? resolveRole(ctx, options.role) : undefined;
      const plan = await rt.services.imports.preview(rt.guildId, bytes, {
        ...(roleId ? { role: roleId } : {}),
        submittedBy: 'console',
      });
      const dryRun = args.values['dry-run'] === true;
      const report = () =>
        formatImportReport(plan, {
          locale: args.locale,
          roleLabel: (id, locale) => rt.services.roles.label(id, locale),
          surface: 'cli',
        });
      const storable = storableInputs(plan).length;
      if (dryRun || storable === 0) {
        io.stdout(args.json ? JSON.stringify(plan, null, 2) : report());
        if (!dryRun && storable === 0) {
          const needed = roleNeededCount(plan);
          throw needed > 0
            ? new UserError('import.role-needed', { count: needed })
            : new UserError('import.empty');
        }
        return 0;
      }
      const { added } = await rt.services.imports.commit(rt.guildId, plan, path);
      if (args.json) {
        io.stdout(JSON.stringify({ added: added.map((p) => p.id), plan }, null, 2));
      } else {
        io.stdout(report());
        io.stdout(
          ctx.t('import.done', {
            count: added.length,
            first: added[0]?.id ?? 0,
            last: added.at(-1)?.id ?? 0,
          }),
        );
      }
      return 0;
    });
  },
};

export const exportCommand: CliCommand = {
  name: 'export',
  about: 'cli.about.export',
  syntax: (t, locale) =>
    `[--format ${formatChoices.words(locale).join('|')}] [--role <${t('field.role')}>] [--out <${t('cli.arg.file')}>]`,
  flags: { format: { type: 'string' }, role: { type: 'string' }, out: { type: 'string' } },
  maxPositionals: 0,
  pages: true,
  async run(args, io) {
    const options = parseValues(exportOptions, {
      format: str(args.values.format),
      role: str(args.values.role),
    });
    return withRuntime(args, async (rt) => {
      const roleId = options.role ? resolveRole(rt.context(), options.role) : undefined;
      const file = await rt.services.exports.export(rt.guildId, {
        format: options.format,
        locale: args.locale,
        ...(roleId ? { roleId } : {}),
      });
      const out = str(args.values.out);
      if (!out) {
        io.stdout(file.content);
        return 0;
      }
      await writeLocalFile(out, file.content);
      io.stderr(
        args.t('cli.export.written', {
          path: out,
          count: file.postings,
          size: formatBytes(Buffer.byteLength(file.content), args.locale),
        }),
      );
      return 0;
    });
  },
};
