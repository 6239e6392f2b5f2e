import { commandByName } from '../../commands/index';
import { digestReply } from '../../commands/shared/digest-embed';
import { UserError } from '../../services/errors';
import { str } from '../args';
import { renderReply } from '../render';
import { withRuntime } from '../runtime';
import { runSlashCommand } from './slash';
import type { CliCommand } from './types';

/**
 * `digest preview`: the weekly digest of the server as it would be posted now (or at --now). The other
 * actions (`set`, `status`, `off`) are the /digest command's own.
 */
export const digestCommand: CliCommand = {
  name: 'digest',
  about: 'cli.about.digest',
  syntax: (t) =>
    `preview [--now <${t('cli.arg.time')}>] [--json] · set --channel <${t('field.channel')}> [--weekday …] [--time 09:00] [--timezone Asia/Seoul] · status · off`,
  flags: {
    now: { type: 'string' },
    channel: { type: 'string' },
    weekday: { type: 'string' },
    time: { type: 'string' },
    timezone: { type: 'string' },
  },
  pages: true,
  async run(args, io) {
    const [action = 'preview'] = args.positionals;
    if (action !== 'preview') {
      const command = commandByName.get('digest');
      if (!command) throw new Error('the digest command is not registered');
      const flags = Object.entries(args.values)
        .filter(
          ([name, value]) =>
            ['channel', 'weekday', 'time', 'timezone'].includes(name) && typeof value === 'string',
        )
        .flatMap(([name, value]) => [`--${name}`, String(value)]);
      return runSlashCommand(command, [...args.positionals, ...flags], args, io);
    }
    const nowFlag = str(args.values.now);
    const now = nowFlag !== undefined ? new Date(nowFlag) : new Date();
    if (Number.isNaN(now.getTime())) {
      throw new UserError('option.time', { field: 'now', value: String(nowFlag).slice(0, 40) });
    }
    return withRuntime(args, async (rt) => {
      const model = await rt.services.digest.build(rt.guildId, { now });
      const style = { ...args.style, timeZone: model.timezone, now: () => now };
      io.stdout(
        args.json ? JSON.stringify(model, null, 2) : renderReply(digestReply(model, args.locale), style),
      );
      return 0;
    });
  },
};
