import { localized } from '../i18n';
import { type Command, ephemeral } from './types';

const description = localized('command.help.description');

export const help = {
  data: {
    name: 'help',
    name_localizations: { ko: '도움말' },
    description: description.en,
    description_localizations: { ko: description.ko },
  },
  guildOnly: false,
  async execute(ctx) {
    return ephemeral({
      embeds: [{ title: ctx.t('help.title'), description: ctx.t('help.body'), color: 0x5865f2 }],
    });
  },
} satisfies Command;
