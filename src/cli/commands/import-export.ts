import { writeFile } from 'node:fs/promises';
import { resolveRole } from '../../commands/shared/role';
import { UserError } from '../../services/errors';
import type { ExportFormat } from '../../services/export';
import { formatImportReport, MAX_IMPORT_BYTES } from '../../services/import';
import { str } from '../args';
import { readLocalFile, withRuntime } from '../runtime';
import type { CliCommand } from './types';

async function readDocument(path: string | undefined): Promise<Buffer> {
  if (!path) throw new UserError('import.no-file');
  return readLocalFile(path, MAX_IMPORT_BYTES);
}

export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <file.md> [--role R] [--dry-run] [--json]',
  options: { role: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  async run(args, io) {
    const path = args.positionals[0];
    const bytes = await readDocument(path);
    return withRuntime(args, async (rt) => {
      const role = str(args.values.role);
      const roleId = role ? resolveRole(rt.context(), role) : undefined;
      const plan = await rt.services.imports.preview(rt.guildId, bytes, {
        ...(roleId ? { role: roleId } : {}),
        submittedBy: 'console',
      });
      const dryRun = args.values['dry-run'] === true;
      if (dryRun || plan.inputs.length === 0) {
        io.stdout(
          args.json ? JSON.stringify(plan, null, 2) : formatImportReport(plan, { locale: args.locale }),
        );
        if (!dryRun && plan.inputs.length === 0) throw new UserError('import.empty');
        return 0;
      }
      const { added } = await rt.services.imports.commit(rt.guildId, plan, path);
      const ctx = rt.context();
      if (args.json) {
        io.stdout(JSON.stringify({ added: added.map((p) => p.id), plan }, null, 2));
      } else {
        io.stdout(formatImportReport(plan, { locale: args.locale }));
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

const FORMATS: Record<string, ExportFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  csv: 'csv',
  json: 'json',
};

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export [--format md|csv|json] [--role R] [--out FILE]',
  options: { format: { type: 'string', default: 'md' }, role: { type: 'string' }, out: { type: 'string' } },
  async run(args, io) {
    const format = FORMATS[str(args.values.format) ?? 'md'];
    if (!format) throw new UserError('input.invalid', { field: 'format' });
    return withRuntime(args, async (rt) => {
      const role = str(args.values.role);
      const roleId = role ? resolveRole(rt.context(), role) : undefined;
      const file = await rt.services.exports.export(rt.guildId, {
        format,
        locale: args.locale,
        ...(roleId ? { roleId } : {}),
      });
      const out = str(args.values.out);
      if (out) {
        await writeFile(out, file.content);
        io.stderr(`${out}: ${Buffer.byteLength(file.content)} bytes`);
      } else {
        io.stdout(file.content);
      }
      return 0;
    });
  },
};
