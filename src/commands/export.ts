import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../services/errors';
import { described, named } from './shared/builders';
import { inGuild } from './shared/guard';
import { choiceSet, parseOptions } from './shared/options';
import { resolveRole, roleChoices, roleOption } from './shared/role';
import { type Command, ephemeral } from './types';

/** Bots may upload up to 10 MB per message on any server. */
export const MAX_EXPORT_BYTES = 8 * 1024 * 1024;

export const formatChoices = choiceSet([
  {
    value: 'markdown',
    label: 'choice.format.markdown',
    words: { en: ['md', 'markdown'], ko: ['마크다운', 'md'] },
  },
  { value: 'csv', label: 'choice.format.csv', words: { en: ['csv'], ko: ['csv'] } },
  { value: 'json', label: 'choice.format.json', words: { en: ['json'], ko: ['json'] } },
] as const);

export const exportOptions = z.object({
  format: formatChoices.schema.optional().transform((f) => f ?? 'markdown'),
  role: z.string().trim().max(100).optional(),
});

export const exportCommand = {
  data: {
    ...named('export', '내보내기'),
    ...described('command.export.description'),
    contexts: [0],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        ...named('format', '형식'),
        ...described('option.format.description'),
        choices: formatChoices.discord,
      },
      roleOption(false),
    ],
  },
  guildOnly: true,

  async execute(ctx) {
    inGuild(ctx);
    const options = parseOptions(exportOptions, ctx);
    const roleId = options.role ? resolveRole(ctx, options.role) : undefined;
    const file = await ctx.services.exports.export(ctx.guildId, {
      format: options.format,
      locale: ctx.locale,
      ...(roleId ? { roleId } : {}),
    });
    const data = Buffer.from(file.content, 'utf8');
    if (data.length > MAX_EXPORT_BYTES) {
      throw new UserError('export.too-large', { size: `${(data.length / 1024 / 1024).toFixed(1)} MB` });
    }
    return ephemeral({
      content: ctx.t('export.done', { count: file.postings, format: options.format }),
      files: [{ name: file.filename, data }],
    });
  },

  autocomplete: (ctx, focused) => roleChoices(ctx, focused.value),
} satisfies Command;
