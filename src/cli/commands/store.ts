import { translator } from '../../i18n';
import { UserError } from '../../services/errors';
import { BackupError, readBackup, writeBackup } from '../../services/store/backup';
import { withRuntime } from '../runtime';
import type { CliCommand } from './types';

interface DoctorProblem {
  guild: string;
  record: string;
  kind: 'missing' | 'unexpected' | 'differs';
  detail: string;
}

/**
 * Recounts every server's derived records from its postings; exit 0 when all match, 1 when something
 * differed (repaired or not, so a script sees that it happened).
 */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'doctor [--repair] [--json]',
  options: { repair: { type: 'boolean', default: false } },
  async run(args, io) {
    const repair = args.values.repair === true;
    const t = translator(args.locale);
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
          detail: t(p.listed ? 'doctor.digest-listed' : 'doctor.digest-missing'),
        });
      }
      if (args.json) {
        io.stdout(
          JSON.stringify(
            {
              store: store.label,
              servers: guilds.length,
              postings,
              problems,
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
      for (const p of problems) io.stdout(t('doctor.problem', { ...p, kind: t(`doctor.kind.${p.kind}`) }));
      io.stdout(t(repair ? 'doctor.repaired' : 'doctor.hint'));
      return 1;
    });
  },
};

const backupError = (error: unknown): never => {
  if (error instanceof BackupError) {
    if (error.reason === 'exists') throw new UserError('file.exists', { path: error.message });
    throw new UserError('backup.invalid', { reason: error.message });
  }
  throw error;
};

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup <file> [--format file|json]',
  options: { format: { type: 'string' } },
  async run(args, io) {
    const path = args.positionals[0];
    if (!path) throw new UserError('input.empty', { field: 'file' });
    const format = args.values.format;
    if (format !== undefined && format !== 'file' && format !== 'json') {
      throw new UserError('input.invalid', { field: 'format' });
    }
    return withRuntime(args, async (rt) => {
      const { store } = rt.services;
      const done = await writeBackup(store, path, format === 'json' ? { format: 'json' } : {}).catch(
        backupError,
      );
      const t = translator(args.locale);
      io.stdout(
        args.json
          ? JSON.stringify({ path, ...done })
          : t('backup.done', { records: done.records, store: store.label, path, format: done.format }),
      );
      return 0;
    });
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore <file> [--replace]',
  options: { replace: { type: 'boolean', default: false } },
  async run(args, io) {
    const path = args.positionals[0];
    if (!path) throw new UserError('input.empty', { field: 'file' });
    const records = await readBackup(path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError('file.not-found', { path });
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
      const t = translator(args.locale);
      io.stdout(
        args.json
          ? JSON.stringify({ restored: records.length, servers: servers.size })
          : t('restore.done', { records: records.length, servers: servers.size, store: store.label }),
      );
      return 0;
    });
  },
};
