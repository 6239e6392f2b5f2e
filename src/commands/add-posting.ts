import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { MAX_FIELD_CHARS } from '../services/postings/schema';
import { described, named } from './shared/builders';
import { companyLabel } from './shared/company';
import { inGuild } from './shared/guard';
import { parseOptions } from './shared/options';
import { postingEmbed } from './shared/posting-embed';
import { postingModal } from './shared/posting-modal';
import { resolveRole, roleChoices, roleOption } from './shared/role';
import { type Command, reply } from './types';

export const addPostingOptions = z.object({
  role: z.string().trim().min(1).max(100),
  company: z.string().max(MAX_FIELD_CHARS.company).optional(),
  url: z.string().max(MAX_FIELD_CHARS.url).optional(),
});

const fieldsSchema = z.object({
  company: z.string().default(''),
  title: z.string().optional(),
  url: z.string().optional(),
  requirements: z.string().default(''),
  preferred: z.string().default(''),
});

export const addPosting = {
  data: {
    ...named('add-posting', '공고추가'),
    ...described('command.add-posting.description'),
    contexts: [0],
    options: [
      roleOption(true),
      {
        type: ApplicationCommandOptionType.String,
        ...named('company', '회사'),
        ...described('option.company.description'),
        max_length: MAX_FIELD_CHARS.company,
      },
      {
        type: ApplicationCommandOptionType.String,
        ...named('url', '링크'),
        ...described('option.url.description'),
        max_length: MAX_FIELD_CHARS.url,
      },
    ],
  },
  guildOnly: true,

  async execute(ctx) {
    inGuild(ctx);
    const options = parseOptions(addPostingOptions, ctx);
    const roleId = resolveRole(ctx, options.role);
    return {
      type: 'modal',
      modal: postingModal(ctx, `add-posting:new:${roleId}`, ctx.t('modal.posting.title'), {
        ...(options.company ? { company: options.company } : {}),
        ...(options.url ? { url: options.url } : {}),
      }),
    };
  },

  autocomplete: (ctx, focused) => roleChoices(ctx, focused.value),

  async modalSubmit(ctx, customId, raw) {
    inGuild(ctx);
    const roleId = customId.split(':')[2] ?? '';
    const fields = fieldsSchema.parse(raw);
    const posting = await ctx.services.postings.add(ctx.guildId, {
      company: fields.company,
      role: roleId,
      requirements: fields.requirements,
      preferred: fields.preferred,
      submittedBy: ctx.userId,
      ...(fields.title?.trim() ? { title: fields.title } : {}),
      ...(fields.url?.trim() ? { url: fields.url } : {}),
    });
    const heading = ctx.t('posting.added', {
      id: posting.id,
      company: companyLabel(ctx.t, posting.company),
      role: ctx.services.roles.label(posting.roleId, ctx.locale),
    });
    // A posting with the same content is kept all the same (it may be a second opening), and said.
    const [twin] = await ctx.services.postings.twinsOf(ctx.guildId, posting);
    return reply({
      ...(twin ? { content: ctx.t('posting.twin', { id: twin }) } : {}),
      embeds: [postingEmbed(ctx, posting, heading)],
    });
  },
} satisfies Command;
