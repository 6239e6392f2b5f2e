import { digestReply } from '../../commands/shared/digest-embed';
import { UserError } from '../../services/errors';
import { renderReply } from '../render';
import { openRuntime } from '../runtime';
import type { CliCommand } from './types';

/** `digest preview`: the weekly digest of the local guild as it would be posted now (or at --now). */
export const digestCommand: CliCommand = {
  name: 'digest',
  usage: 'digest preview [--now <ISO time>] [--json]',
  options: { now: { type: 'string' } },
  async run(args, io) {
    const [action = 'preview'] = args.positionals;
    if (action !== 'preview') {
      io.stderr(`unknown digest action "${action}"\n\nrole-radar ${digestCommand.usage}`);
      return 2;
    }
    const nowFlag = args.values.now;
    const now = typeof nowFlag === 'string' ? new Date(nowFlag) : new Date();
    if (Number.isNaN(now.getTime())) throw new UserError('input.invalid', { field: 'now' });
    const rt = await openRuntime(
      { guild: args.guild, ...(args.store ? { store: args.store } : {}) },
      args.locale,
    );
    try {
      const model = await rt.services.digest.build(rt.guildId, { now });
      io.stdout(args.json ? JSON.stringify(model, null, 2) : renderReply(digestReply(model, args.locale)));
      return 0;
    } finally {
      await rt.close();
    }
  },
};
