import { z } from 'zod';
import { choiceSet, parseValues, perLocale } from '../../commands/shared/options';
import { type Locale, type MessageKey, type Translate, translator } from '../../i18n';
import { UserError } from '../../services/errors';
import type { Problem, ProblemDetail } from '../../services/postings/service';
import { BackupError, readBackup, writeBackup } from '../../services/store/backup';
import { str } from '../args';
import { withRuntime } from '../runtime';
import type { CliCommand } from './types';

interface DoctorProblem extends Problem {
  guild: string;
}

/** One difference in the reader's language: `postings: 2100, counted 1400`. */
function describeDetail(t: Translate, detail: ProblemDetail): string {
  const { code, ...params } = detail;
  const values: Record<string, string | number> = { ...params };
  if ('field' in detail) values.field = t(`doctor.field.${detail.field}` as MessageKey);
  return t(`doctor.detail.${code}` as MessageKey, values);
}

const describeProblem = (t: Translate, p: Problem) => p.details.map((d) => describeDetail(t, d)).join('; ');

/**
 * Recounts every server's derived records from its postings; exit 0 when all match, 1 when something
 * differed (repaired or not, so a script sees that it happened).
 */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  about: 'cli.about.doctor',
  syntax: () => '[--repair] [--json]',
  flags: { repair: { type: 'boolean', default: false } },
  maxPositionals: 0,
  pages: true,
  async run(args, io) {
    const repair = args.values.repair === true;
    const { t } = args;
    return withRuntime(args, async (rt) => {
      const { store } = rt.services;
      const guilds = await store.guildIds();
      const problems: DoctorProblem[] = [];
      let postings = 0;
      for (const guild of guilds) {
        const result = await rt.services.postings.check(guild, { repair });
        postings += result.postings;
        problems.push(...result.problems.map((p) => ({ guild, ...p })));
      }
      for (const p of await rt.services.digest.checkIndex(guilds, { repair })) {
        problems.push({
          guild: p.guild,
          record: 'global:digest-guilds',
          kind: p.listed ? 'unexpected' : 'missing',
          details: [{ code: p.listed ? 'digest-listed' : 'digest-missing' }],
        });
      }
      if (args.json) {
        const listed = problems.map(({ details, ...p }) => ({
          ...p,
          detail: describeProblem(t, { ...p, details }),
          details,
        }));
        io.stdout(
          JSON.stringify(
            {
              store: store.label,
              servers: guilds.length,
              postings,
              problems: listed,
              repaired: repair && problems.length > 0,
            },
            null,
            2,
          ),
        );
        return problems.length === 0 ? 0 : 1;
      }
      if (problems.length === 0) {
        io.stdout(t('doctor.ok', { servers: guilds.length, postings, store: store.label }));
        return 0;
      }
      io.stdout(t('doctor.problems', { count: problems.length, store: store.label }));
      for (const p of problems) {
        io.stdout(
          t('doctor.problem', {
            guild: p.guild,
            record: p.record,
            kind: t(`doctor.kind.${p.kind}`),
            detail: describeProblem(t, p),
          }),
        );
      }
      io.stdout(t(repair ? 'doctor.repaired' : 'doctor.hint'));
      return 1;
    });
  },
};

/** A file that cannot be a backup (or be written as one) is the member's mistake, said in their language. */
const backupError = (error: unknown): never => {
  if (!(error instanceof BackupError)) throw error;
  const { problem, path, params } = error;
  if (problem === 'exists') throw new UserError('file.exists', { path });
  if (problem === 'truncated') throw new UserError('backup.truncated', { path, ...params });
  const reason = (locale: Locale) => translator(locale)(`backup.problem.${problem}` as MessageKey, params);
  throw new UserError('backup.invalid', { path, ...perLocale('reason', reason) });
};

const backupFormats = choiceSet([
  { value: 'file', label: 'choice.backup.file', words: { en: ['file'], ko: ['파일', 'file'] } },
  { value: 'json', label: 'choice.backup.json', words: { en: ['json'], ko: ['json'] } },
] as const);
const backupOptions = z.object({ format: backupFormats.schema.optional() });

export const backupCommand: CliCommand = {
  name: 'backup',
  about: 'cli.about.backup',
  syntax: (t, locale) =>
    `<${t('cli.arg.backup')}> [--format ${backupFormats.words(locale).join('|')}] [--json]`,
  flags: { format: { type: 'string' } },
  maxPositionals: 1,
  async run(args, io) {
    const path = args.positionals[0];
    if (!path) throw new UserError('option.missing', { field: 'file' });
    const { format } = parseValues(backupOptions, { format: str(args.values.format) });
    return withRuntime(args, async (rt) => {
      const { store } = rt.services;
      const done = await writeBackup(store, path, format === 'json' ? { format: 'json' } : {}).catch(
        backupError,
      );
      io.stdout(
        args.json
          ? JSON.stringify({ path, ...done })
          : args.t('backup.done', { records: done.records, store: store.label, path, format: done.format }),
      );
      return 0;
    });
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  about: 'cli.about.restore',
  syntax: (t) => `<${t('cli.arg.backup')}> [--replace] [--json]`,
  flags: { replace: { type: 'boolean', default: false } },
  maxPositionals: 1,
  async run(args, io) {
    const path = args.positionals[0];
    if (!path) throw new UserError('option.missing', { field: 'file' });
    const records = await readBackup(path).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError('file.not-found', { path });
      if (code === 'EISDIR') throw new UserError('file.is-directory', { path });
      if (code === 'EACCES' || code === 'EPERM') throw new UserError('file.no-permission', { path });
      return backupError(error);
    });
    return withRuntime(args, async (rt) => {
      const { store } = rt.services;
      if (args.values.replace !== true) {
        const existing = (await store.records()).length;
        if (existing > 0) throw new UserError('restore.not-empty', { records: existing });
      }
      await store.replaceAll(records);
      // A backup made by an older version is brought up to date now, as opening each server would.
      for (const guild of await store.guildIds()) await rt.services.postings.open(guild);
      const servers = new Set(
        records.filter(([key]) => key.startsWith('guild:')).map(([key]) => key.split(':')[1]),
      );
      io.stdout(
        args.json
          ? JSON.stringify({ restored: records.length, servers: servers.size })
          : args.t('restore.done', { records: records.length, servers: servers.size, store: store.label }),
      );
      return 0;
    });
  },
};
