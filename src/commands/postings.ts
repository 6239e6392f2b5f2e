import {
  type APIApplicationCommandIntegerOption,
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { UserError } from '../services/errors';
import type { IndexEntry } from '../services/postings/records';
import type { Posting } from '../services/postings/schema';
import { described, named, subcommand } from './shared/builders';
import { companyLabel } from './shared/company';
import { inGuild } from './shared/guard';
import { fitEmbed, LIMITS, truncate } from './shared/limits';
import { parseOptions, postingId, wholeNumber } from './shared/options';
import { postingEmbed, postingItemsEmbed } from './shared/posting-embed';
import { postingModal } from './shared/posting-modal';
import { resolveRole, roleChoices, roleOption } from './shared/role';
import { safe } from './shared/text';
import {
  type Choice,
  type Command,
  type Context,
  ephemeral,
  type Reply,
  type Response,
  reply,
} from './types';

const PAGE_SIZE = 10;

const idOption = (): APIApplicationCommandIntegerOption => {
  return {
    type: ApplicationCommandOptionType.Integer,
    ...named('id', '번호'),
    ...described('option.id.description'),
    required: true,
    min_value: 1,
    autocomplete: true,
  };
};

export const listOptions = z.object({
  role: z.string().trim().max(100).optional(),
  page: wholeNumber(1).optional(),
});
export const idOptions = z.object({ id: postingId });
const editFields = z.object({
  company: z.string().default(''),
  title: z.string().default(''),
  url: z.string().default(''),
  requirements: z.string().default(''),
  preferred: z.string().default(''),
});

function entryLine(ctx: Context, e: IndexEntry): string {
  const role = ctx.services.roles.label(e.roleId, ctx.locale);
  const title = e.title ? ` — ${safe(e.title)}` : '';
  const name = companyLabel(ctx.t, e.company);
  const company = e.url ? `[${safe(name)}](${e.url})` : `**${safe(name)}**`;
  const day = e.createdAt.slice(0, 10);
  return truncate(`\`#${e.id}\` ${company}${title} · ${role} · ${day}`, 400);
}

/**
 * One page of the list, with Previous/Next buttons that only the member who asked can press. A page past the
 * end is a mistake when asked for by number; from a button (postings removed since) it is the last page.
 */
async function listPage(
  ctx: Context & { guildId: string },
  roleId: string | undefined,
  asked: number,
  past: 'refuse' | 'last' = 'refuse',
): Promise<Reply> {
  const list = (page: number) =>
    ctx.services.postings.list(ctx.guildId, {
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
      ...(roleId ? { roleId } : {}),
    });
  let page = asked;
  let result = await list(page);
  if (result.total === 0) return { content: ctx.t('postings.empty'), ephemeral: true };
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  if (page > pages && past === 'refuse') throw new UserError('page.out-of-range', { page, pages });
  if (page > pages) {
    page = pages;
    result = await list(page);
  }
  const title = roleId
    ? ctx.t('postings.title-role', { role: ctx.services.roles.label(roleId, ctx.locale) })
    : ctx.t('postings.title');
  const button = (label: string, target: number, disabled: boolean) => ({
    type: ComponentType.Button as const,
    style: ButtonStyle.Secondary as const,
    label: truncate(label, LIMITS.buttonLabel),
    custom_id: `postings:page:${target}:${roleId ?? '*'}:${ctx.userId}`,
    disabled,
  });
  return {
    embeds: [
      fitEmbed({
        title,
        description: result.entries.map((e) => entryLine(ctx, e)).join('\n') || ctx.t('postings.empty'),
        footer: { text: ctx.t('postings.page', { page, pages, total: result.total }) },
        color: 0x5865f2,
      }),
    ],
    components:
      pages > 1
        ? [
            {
              type: ComponentType.ActionRow,
              components: [
                button(ctx.t('postings.previous'), page - 1, page <= 1),
                button(ctx.t('postings.next'), page + 1, page >= pages),
              ],
            },
          ]
        : [],
  };
}

async function idChoices(ctx: Context, query: string): Promise<Choice[]> {
  if (!ctx.guildId) return [];
  const { entries } = await ctx.services.postings.list(ctx.guildId, { limit: 100 });
  const q = query.trim().toLowerCase().replace(/^#/, '');
  return entries
    .filter(
      (e) => !q || String(e.id).startsWith(q) || `${e.company} ${e.title ?? ''}`.toLowerCase().includes(q),
    )
    .slice(0, LIMITS.choices)
    .map((e) => ({
      name: truncate(
        `#${e.id} ${companyLabel(ctx.t, e.company)} — ${ctx.services.roles.label(e.roleId, ctx.locale)}`,
        LIMITS.choiceName,
      ),
      value: e.id,
    }));
}

/** A posting as /postings show gives it: what was understood, then the items as written. */
export const postingReply = (ctx: Context, posting: Posting): Reply => ({
  embeds: [postingEmbed(ctx, posting), postingItemsEmbed(ctx, posting)],
});

const actor = (ctx: Context) => ({ userId: ctx.userId, canManage: ctx.canManageMessages });

export const postings = {
  data: {
    ...named('postings', '공고'),
    ...described('command.postings.description'),
    contexts: [0],
    options: [
      subcommand('list', '목록', 'sub.list.description', [
        roleOption(false),
        {
          type: ApplicationCommandOptionType.Integer,
          ...named('page', '쪽'),
          ...described('option.page.description'),
          min_value: 1,
        },
      ]),
      subcommand('show', '보기', 'sub.show.description', [idOption()]),
      subcommand('edit', '수정', 'sub.edit.description', [idOption()]),
      subcommand('remove', '삭제', 'sub.remove.description', [idOption()]),
    ],
  },
  guildOnly: true,

  async execute(ctx): Promise<Response> {
    inGuild(ctx);
    switch (ctx.subcommand) {
      case 'list': {
        const options = parseOptions(listOptions, ctx);
        const roleId = options.role ? resolveRole(ctx, options.role) : undefined;
        return { type: 'reply', reply: await listPage(ctx, roleId, options.page ?? 1) };
      }
      case 'show': {
        const { id } = parseOptions(idOptions, ctx);
        const posting = await ctx.services.postings.get(ctx.guildId, id);
        return reply(postingReply(ctx, posting));
      }
      case 'edit': {
        const { id } = parseOptions(idOptions, ctx);
        const posting = await ctx.services.postings.get(ctx.guildId, id);
        if (!ctx.canManageMessages && posting.submittedBy !== ctx.userId) {
          throw new UserError('posting.not-allowed', { id });
        }
        return {
          type: 'modal',
          modal: postingModal(ctx, `postings:edit:${id}`, ctx.t('modal.posting.edit-title', { id }), posting),
        };
      }
      case 'remove': {
        const { id } = parseOptions(idOptions, ctx);
        const removed = await ctx.services.postings.remove(ctx.guildId, id, actor(ctx));
        const role = ctx.services.roles.label(removed.roleId, ctx.locale);
        return reply({
          content: ctx.t('posting.removed', {
            id,
            company: safe(companyLabel(ctx.t, removed.company)),
            role,
          }),
        });
      }
      default:
        throw new UserError('input.invalid', { field: 'subcommand' });
    }
  },

  autocomplete(ctx, focused) {
    return focused.name === 'role' ? roleChoices(ctx, focused.value) : idChoices(ctx, focused.value);
  },

  async modalSubmit(ctx, customId, raw) {
    inGuild(ctx);
    const id = postingId.parse(customId.split(':')[2]);
    const fields = editFields.parse(raw);
    const posting = await ctx.services.postings.edit(
      ctx.guildId,
      id,
      {
        company: fields.company,
        title: fields.title,
        url: fields.url,
        requirements: fields.requirements,
        preferred: fields.preferred,
      },
      actor(ctx),
    );
    const heading = ctx.t('posting.updated', {
      id,
      company: companyLabel(ctx.t, posting.company),
      role: ctx.services.roles.label(posting.roleId, ctx.locale),
    });
    return reply({ embeds: [postingEmbed(ctx, posting, heading)] });
  },

  async component(ctx, customId) {
    inGuild(ctx);
    const [, action, page, role, owner] = customId.split(':');
    if (action !== 'page') throw new UserError('input.invalid', { field: 'button' });
    if (owner !== ctx.userId) return ephemeral({ content: ctx.t('error.not-yours') });
    const roleId = role && role !== '*' ? role : undefined;
    return { type: 'update', reply: await listPage(ctx, roleId, Math.max(1, Number(page) || 1), 'last') };
  },
} satisfies Command;
