import { type APIEmbedField, ApplicationCommandOptionType, ChannelType } from 'discord-api-types/v10';
import { z } from 'zod';
import type { MessageKey } from '../i18n';
import { searchTimeZones } from '../services/digest/config';
import { UserError } from '../services/errors';
import { described, subcommand } from './shared/builders';
import { imageOf, weekRadar } from './shared/charts';
import { digestReply, scheduleText, whenText } from './shared/digest-embed';
import { inGuild } from './shared/guard';
import { fitEmbed, LIMITS, truncate } from './shared/limits';
import { choiceSet, parseOptions } from './shared/options';
import { type Command, type Context, ephemeral, type GuildContext, type Response } from './types';

const WEEKDAY_WORDS: Record<number, { en: string[]; ko: string[] }> = {
  0: { en: ['sunday', 'sun', '7'], ko: ['일요일', '일'] },
  1: { en: ['monday', 'mon'], ko: ['월요일', '월'] },
  2: { en: ['tuesday', 'tue', 'tues'], ko: ['화요일', '화'] },
  3: { en: ['wednesday', 'wed'], ko: ['수요일', '수'] },
  4: { en: ['thursday', 'thu', 'thur', 'thurs'], ko: ['목요일', '목'] },
  5: { en: ['friday', 'fri'], ko: ['금요일', '금'] },
  6: { en: ['saturday', 'sat'], ko: ['토요일', '토'] },
};

/** Monday first, as a week is read; values are cron's (0 = Sunday, and 7 is read as Sunday too). */
export const weekdayChoices = choiceSet(
  [1, 2, 3, 4, 5, 6, 0].map((day) => ({
    value: day,
    label: `weekday.${day}` as MessageKey,
    words: WEEKDAY_WORDS[day] ?? { en: [], ko: [] },
  })),
);

export const digestSetOptions = z.object({
  channel: z
    .string()
    .trim()
    .min(1)
    .transform((c) => c.replace(/^<#(\d+)>$/, '$1').replace(/^#/, '')),
  weekday: weekdayChoices.schema.optional(),
  time: z.string().max(10).optional(),
  timezone: z.string().max(64).optional(),
});

const CHANNEL_PROBLEM: Record<'missing' | 'not-text' | 'no-permission', MessageKey> = {
  missing: 'digest.channel.missing',
  'not-text': 'digest.channel.not-text',
  'no-permission': 'digest.channel.no-permission',
};

const notConfigured = () => new UserError('digest.not-configured');

async function set(ctx: GuildContext): Promise<Response> {
  const options = parseOptions(digestSetOptions, ctx);
  const check = await ctx.platform.checkChannel(ctx.guildId, options.channel);
  if (check !== 'ok')
    return ephemeral({ content: ctx.t(CHANNEL_PROBLEM[check], { channel: options.channel }) });
  const config = await ctx.services.digest.configure(ctx.guildId, {
    channelId: options.channel,
    locale: ctx.guildLocale,
    updatedBy: ctx.userId,
    ...(options.weekday !== undefined ? { weekday: options.weekday } : {}),
    ...(options.time !== undefined ? { time: options.time } : {}),
    ...(options.timezone !== undefined ? { timezone: options.timezone } : {}),
  });
  const status = await ctx.services.digest.status(ctx.guildId);
  const next = status?.nextRun
    ? whenText(status.nextRun, config.timezone, ctx.locale, ctx.platform.name)
    : '—';
  return ephemeral({
    content: truncate(
      ctx.t('digest.set', { channel: config.channelId, schedule: scheduleText(ctx.t, config), next }),
      LIMITS.content,
    ),
  });
}

async function off(ctx: GuildContext): Promise<Response> {
  const current = await ctx.services.digest.get(ctx.guildId);
  if (!current) throw notConfigured();
  if (!current.enabled && !current.disabledReason) return ephemeral({ content: ctx.t('digest.already-off') });
  await ctx.services.digest.disable(ctx.guildId);
  return ephemeral({ content: ctx.t('digest.turned-off') });
}

async function status(ctx: GuildContext): Promise<Response> {
  const result = await ctx.services.digest.status(ctx.guildId);
  if (!result) throw notConfigured();
  const { config, nextRun, lastPosted } = result;
  const state = config.enabled
    ? ctx.t('digest.status.on')
    : config.disabledReason
      ? ctx.t(`digest.disabled.${config.disabledReason}`, { channel: config.channelId })
      : ctx.t('digest.status.off');
  const fields: APIEmbedField[] = [
    { name: ctx.t('digest.status.state'), value: state },
    { name: ctx.t('digest.status.channel'), value: `<#${config.channelId}>`, inline: true },
    { name: ctx.t('digest.status.schedule'), value: scheduleText(ctx.t, config), inline: true },
  ];
  if (nextRun) {
    fields.push({
      name: ctx.t('digest.status.next'),
      value: whenText(nextRun, config.timezone, ctx.locale, ctx.platform.name),
    });
  }
  fields.push({
    name: ctx.t('digest.status.last'),
    value: lastPosted
      ? `${lastPosted.week} · ${whenText(new Date(lastPosted.postedAt), config.timezone, ctx.locale, ctx.platform.name)}`
      : ctx.t('digest.status.never'),
  });
  return ephemeral({
    embeds: [
      fitEmbed({ color: config.enabled ? 0x57f287 : 0xed4245, title: ctx.t('digest.status.title'), fields }),
    ],
  });
}

async function preview(ctx: GuildContext): Promise<Response> {
  const model = await ctx.services.digest.build(ctx.guildId);
  const reply = digestReply(model, ctx.guildLocale, { preview: true });
  if (model.newPostings > 0) await ctx.defer({ ephemeral: true });
  const files = await weekRadar(ctx.services, model, ctx.guildLocale, ctx.services.clock.now());
  const [first, ...rest] = reply.embeds ?? [];
  if (!first || files.length === 0) return ephemeral(reply);
  return ephemeral({ ...reply, embeds: [{ ...first, ...imageOf(files) }, ...rest], files });
}

const HANDLERS: Record<string, (ctx: GuildContext) => Promise<Response>> = { set, off, status, preview };

export const digest = {
  data: {
    name: 'digest',
    name_localizations: { ko: '주간요약' },
    ...described('command.digest.description'),
    contexts: [0],
    // Manage Server; Discord lets server admins change who sees it, so `execute` checks again.
    default_member_permissions: '32',
    options: [
      subcommand('set', '설정', 'sub.digest-set.description', [
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          name_localizations: { ko: '채널' },
          ...described('option.channel.description'),
          required: true,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'weekday',
          name_localizations: { ko: '요일' },
          ...described('option.weekday.description'),
          choices: weekdayChoices.discord,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'time',
          name_localizations: { ko: '시각' },
          ...described('option.time.description'),
          min_length: 3,
          max_length: 5,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'timezone',
          name_localizations: { ko: '시간대' },
          ...described('option.timezone.description'),
          autocomplete: true,
          max_length: 64,
        },
      ]),
      subcommand('off', '끄기', 'sub.digest-off.description'),
      subcommand('status', '상태', 'sub.digest-status.description'),
      subcommand('preview', '미리보기', 'sub.digest-preview.description'),
    ],
  },
  guildOnly: true,

  async execute(ctx: Context) {
    inGuild(ctx);
    if (!ctx.canManageGuild) return ephemeral({ content: ctx.t('digest.not-allowed') });
    const handler = HANDLERS[ctx.subcommand ?? ''];
    if (!handler) throw new Error(`unknown digest subcommand ${ctx.subcommand}`);
    return handler(ctx);
  },

  async autocomplete(_ctx, focused) {
    if (focused.name !== 'timezone') return [];
    return searchTimeZones(focused.value, LIMITS.choices).map((zone) => ({ name: zone, value: zone }));
  },
} satisfies Command;
