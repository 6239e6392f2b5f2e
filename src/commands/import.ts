import { ApplicationCommandOptionType, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../services/errors';
import { formatImportReport } from '../services/import';
import { described, named } from './shared/builders';
import { inGuild } from './shared/guard';
import { fitEmbed, LIMITS, truncate } from './shared/limits';
import { parseOptions } from './shared/options';
import { resolveRole, roleChoices } from './shared/role';
import { safeLines } from './shared/text';
import { type Command, ephemeral } from './types';

export const importOptions = z.object({ role: z.string().trim().max(100).optional() });

export const importCommand = {
  data: {
    ...named('import', '가져오기'),
    ...described('command.import.description'),
    contexts: [0],
    options: [
      {
        type: ApplicationCommandOptionType.Attachment,
        ...named('file', '파일'),
        ...described('option.file.description'),
        required: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        ...named('role', '직무'),
        ...described('option.import-role.description'),
        autocomplete: true,
        max_length: 100,
      },
    ],
  },
  guildOnly: true,

  /** A dry run first: the report, privately, with Import and Cancel buttons for the member who asked. */
  async execute(ctx) {
    inGuild(ctx);
    const options = parseOptions(importOptions, ctx);
    const file = ctx.attachments.file;
    if (!file) throw new UserError('import.no-file');
    const role = options.role ? resolveRole(ctx, options.role) : undefined;
    const bytes = await file.fetch();
    const plan = await ctx.services.imports.preview(ctx.guildId, bytes, {
      ...(role ? { role } : {}),
      submittedBy: ctx.userId,
    });
    const report = formatImportReport(plan, { locale: ctx.locale, maxEntries: 40 });
    const embed = fitEmbed({
      title: ctx.t('import.preview-title', { file: file.name }),
      description: truncate(safeLines(report), LIMITS.description),
      color: 0x5865f2,
      ...(plan.inputs.length > 0 ? { footer: { text: ctx.t('import.expires') } } : {}),
    });
    if (plan.inputs.length === 0) return ephemeral({ embeds: [embed] });
    const token = ctx.services.imports.stage(ctx.guildId, ctx.userId, plan, file.name);
    return ephemeral({
      embeds: [embed],
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Success,
              label: truncate(ctx.t('import.confirm', { count: plan.inputs.length }), LIMITS.buttonLabel),
              custom_id: `import:confirm:${token}`,
            },
            {
              type: ComponentType.Button,
              style: ButtonStyle.Secondary,
              label: ctx.t('import.cancel'),
              custom_id: `import:cancel:${token}`,
            },
          ],
        },
      ],
    });
  },

  autocomplete: (ctx, focused) => roleChoices(ctx, focused.value),

  async component(ctx, customId) {
    inGuild(ctx);
    const [, action, token = ''] = customId.split(':');
    const owner = ctx.services.imports.ownerOf(token);
    if (owner && owner !== ctx.userId) return ephemeral({ content: ctx.t('error.not-yours') });
    const staged = ctx.services.imports.take(token, ctx.guildId, ctx.userId);
    if (!staged)
      return {
        type: 'update',
        reply: { content: ctx.t('error.import.expired'), embeds: [], components: [] },
      };
    if (action !== 'confirm') {
      return { type: 'update', reply: { content: ctx.t('import.cancelled'), embeds: [], components: [] } };
    }
    const { added, plan } = await ctx.services.imports.commit(ctx.guildId, staged.plan, staged.source);
    const lines = [
      ctx.t('import.done', { count: added.length, first: added[0]?.id ?? 0, last: added.at(-1)?.id ?? 0 }),
    ];
    if (plan.authorSummary) lines.push(ctx.t('import.done-summary'));
    return { type: 'update', reply: { content: lines.join('\n'), embeds: [], components: [] } };
  },
} satisfies Command;
