import { described, named } from './shared/builders';
import { type Command, ephemeral } from './types';

export const help = {
  data: {
    ...named('help', '도움말'),
    ...described('command.help.description'),
  },
  guildOnly: false,
  async execute(ctx) {
    return ephemeral({
      embeds: [{ title: ctx.t('help.title'), description: ctx.t('help.body'), color: 0x5865f2 }],
    });
  },
} satisfies Command;
