import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import type { ProfileChange } from '../services/radar';
import { MAX_PROFILE_TEXT } from '../services/radar/profile';
import { described, named, subcommand } from './shared/builders';
import { inGuild, parseOptions } from './shared/guard';
import { LIMITS, truncate } from './shared/limits';
import { profileEmbed } from './shared/profile-embed';
import { skillChoices, skillName, skillOption } from './shared/skill';
import { safe } from './shared/text';
import { type Command, type Context, ephemeral, type Response } from './types';

const textOption = z.object({ skills: z.string() });
const skillValue = z.object({ skill: z.string() });

/** Discord caps a string option at 6000 characters; the CLI reads up to the service's own limit. */
const OPTION_MAX = Math.min(6000, MAX_PROFILE_TEXT);

function names(ctx: Context, ids: readonly string[]): string {
  const list = ids.map((id) => {
    const skill = ctx.services.normalizer.skill(id);
    return safe(skill ? skillName(ctx, skill) : id);
  });
  return truncate(list.join(', '), 900);
}

/** The reply to a change: what changed, what was not understood, then the profile as it now is. */
function changed(ctx: Context, change: ProfileChange, verb: 'saved' | 'added' | 'removed'): Response {
  const lines: string[] = [];
  if (verb === 'saved') lines.push(ctx.t('profile.saved', { count: change.profile.explicit.length }));
  else if (change.changed.length === 0) lines.push(ctx.t('profile.unchanged'));
  else
    lines.push(
      ctx.t(verb === 'added' ? 'profile.added' : 'profile.removed', { skills: names(ctx, change.changed) }),
    );
  if (change.notUnderstood.length > 0) {
    lines.push(ctx.t('profile.not-understood', { parts: safe(change.notUnderstood.join(', ')) }));
  }
  return ephemeral({
    content: truncate(lines.join('\n'), LIMITS.content),
    embeds: [profileEmbed(ctx, change.profile)],
  });
}

/** A member's own skills. Every reply is ephemeral, and every call reads or writes the caller's profile only. */
export const profile = {
  data: {
    ...named('profile', '프로필'),
    ...described('command.profile.description'),
    contexts: [0],
    options: [
      subcommand('set', '설정', 'sub.profile-set.description', [
        {
          type: ApplicationCommandOptionType.String,
          ...named('skills', '기술'),
          ...described('option.skills.description'),
          required: true,
          max_length: OPTION_MAX,
        },
      ]),
      subcommand('show', '보기', 'sub.profile-show.description'),
      subcommand('add', '추가', 'sub.profile-add.description', [skillOption(true)]),
      subcommand('remove', '제거', 'sub.profile-remove.description', [skillOption(true)]),
      subcommand('clear', '삭제', 'sub.profile-clear.description'),
    ],
  },
  guildOnly: true,

  async execute(ctx) {
    inGuild(ctx);
    const profiles = ctx.services.radar.profiles;
    switch (ctx.subcommand) {
      case 'set': {
        const { skills } = parseOptions(textOption, ctx);
        return changed(ctx, await profiles.set(ctx.guildId, ctx.userId, skills), 'saved');
      }
      case 'add': {
        const { skill } = parseOptions(skillValue, ctx);
        return changed(ctx, await profiles.add(ctx.guildId, ctx.userId, skill), 'added');
      }
      case 'remove': {
        const { skill } = parseOptions(skillValue, ctx);
        return changed(ctx, await profiles.remove(ctx.guildId, ctx.userId, skill), 'removed');
      }
      case 'clear': {
        const existed = await profiles.clear(ctx.guildId, ctx.userId);
        return ephemeral({ content: ctx.t(existed ? 'profile.cleared' : 'profile.already-empty') });
      }
      default:
        return ephemeral({ embeds: [profileEmbed(ctx, await profiles.get(ctx.guildId, ctx.userId))] });
    }
  },

  async autocomplete(ctx, focused) {
    if (!ctx.guildId || focused.name !== 'skill') return [];
    const mine = new Set((await ctx.services.radar.profiles.get(ctx.guildId, ctx.userId)).explicit);
    return ctx.subcommand === 'remove'
      ? skillChoices(ctx, focused.value, { only: mine })
      : skillChoices(ctx, focused.value, { except: mine });
  },
} satisfies Command;
