import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../services/errors';
import { formatImportReport, type ImportPlan, roleNeededCount, storableInputs } from '../services/import';
import { described, named } from './shared/builders';
import { inGuild } from './shared/guard';
import { fitEmbed, LIMITS, truncate } from './shared/limits';
import { parseOptions } from './shared/options';
import { resolveRole, roleChoices } from './shared/role';
import { safeLines } from './shared/text';
import { type Command, type Context, ephemeral, type Reply } from './types';

export const importOptions = z.object({ role: z.string().trim().max(100).optional() });

/** The preview of a staged plan: the report, a role menu while postings need one, Import and Cancel. */
function previewReply(ctx: Context, plan: ImportPlan, file: string, token: string): Omit<Reply, 'ephemeral'> {
  const report = formatImportReport(plan, {
    locale: ctx.locale,
    maxEntries: 40,
    roleLabel: (id, locale) => ctx.services.roles.label(id, locale),
    surface: 'discord',
  });
  const storable = storableInputs(plan).length;
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  if (roleNeededCount(plan) > 0) {
    rows.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: `import:role:${token}`,
          placeholder: truncate(
            ctx.t('import.role-placeholder', { count: roleNeededCount(plan) }),
            LIMITS.selectPlaceholder,
          ),
          min_values: 1,
          max_values: 1,
          options: ctx.services.roles.all.slice(0, LIMITS.selectOptions).map((role) => ({
            label: truncate(role.label[ctx.locale], LIMITS.selectLabel),
            value: role.id,
          })),
        },
      ],
    });
  }
  rows.push({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Success,
        label: truncate(ctx.t('import.confirm', { count: storable }), LIMITS.buttonLabel),
        custom_id: `import:confirm:${token}`,
        disabled: storable === 0,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: ctx.t('import.cancel'),
        custom_id: `import:cancel:${token}`,
      },
    ],
  });
  return {
    embeds: [
      fitEmbed({
        title: ctx.t('import.preview-title', { file }),
        description: truncate(safeLines(report), LIMITS.description),
        color: 0x5865f2,
        footer: { text: ctx.t('import.expires') },
      }),
    ],
    components: rows,
  };
}

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
    if (plan.empty) {
      const report = formatImportReport(plan, {
        locale: ctx.locale,
        maxEntries: 40,
        roleLabel: (id, locale) => ctx.services.roles.label(id, locale),
        surface: 'discord',
      });
      const embed = fitEmbed({
        title: ctx.t('import.preview-title', { file: file.name }),
        description: truncate(safeLines(report), LIMITS.description),
        color: 0x5865f2,
      });
      return ephemeral({ embeds: [embed] });
    }
    const token = ctx.services.imports.stage(ctx.guildId, ctx.userId, plan, file.name);
    return ephemeral(previewReply(ctx, plan, file.name, token));
  },

  autocomplete: (ctx, focused) => roleChoices(ctx, focused.value),

  async component(ctx, customId, values) {
    inGuild(ctx);
    const [, action, token = ''] = customId.split(':');
    const owner = ctx.services.imports.ownerOf(token);
    if (owner && owner !== ctx.userId) return ephemeral({ content: ctx.t('error.not-yours') });
    const expired = {
      type: 'update' as const,
      reply: { content: ctx.t('error.import.expired'), embeds: [], components: [] },
    };
    if (action === 'role') {
      const staged = ctx.services.imports.peek(token, ctx.guildId, ctx.userId);
      if (!staged) return expired;
      const roleId = resolveRole(ctx, values[0] ?? '');
      const plan = await ctx.services.imports.withRole(ctx.guildId, staged.plan, roleId);
      ctx.services.imports.restage(token, plan);
      return { type: 'update', reply: previewReply(ctx, plan, staged.source ?? '', token) };
    }
    const staged = ctx.services.imports.take(token, ctx.guildId, ctx.userId);
    if (!staged) return expired;
    if (action !== 'confirm') {
      return { type: 'update', reply: { content: ctx.t('import.cancelled'), embeds: [], components: [] } };
    }
    const { added, plan } = await ctx.services.imports.commit(ctx.guildId, staged.plan, staged.source);
    const lines = [
      ctx.t('import.done', { count: added.length, first: added[0]?.id ?? 0, last: added.at(-1)?.id ?? 0 }),
    ];
    const left = roleNeededCount(plan);
    if (left > 0) lines.push(ctx.t('import.done-role-needed', { count: left }));
    if (plan.authorSummary) lines.push(ctx.t('import.done-summary'));
    return { type: 'update', reply: { content: lines.join('\n'), embeds: [], components: [] } };
  },
} satisfies Command;
