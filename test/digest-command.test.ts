import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../src/commands/context';
import { autocomplete, dispatch } from '../src/commands/dispatch';
import { commandByName } from '../src/commands/index';
import type { ChannelCheck, Context, OptionValue, Reply, Response } from '../src/commands/types';
import type { Locale } from '../src/i18n';
import { silentLogger } from '../src/logger';
import { miniServices } from './support/services';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function setup(now = '2025-03-05T03:00:00.000Z') {
  const ctx = await miniServices({ now });
  cleanup = ctx.cleanup;
  const checks = new Map<string, ChannelCheck>();
  const context = (
    subcommand: string,
    options: Record<string, OptionValue> = {},
    who: { canManageGuild?: boolean; locale?: Locale; guildLocale?: Locale } = {},
  ): Context =>
    createContext({
      services: ctx.services,
      platform: { name: 'discord', checkChannel: async (_g, channelId) => checks.get(channelId) ?? 'ok' },
      locale: who.locale ?? 'en',
      guildLocale: who.guildLocale ?? who.locale ?? 'en',
      guildId: 'g1',
      userId: 'u1',
      userName: 'admin',
      canManageMessages: true,
      canManageGuild: who.canManageGuild ?? true,
      subcommand,
      options,
    });
  const run = (...args: Parameters<typeof context>) =>
    dispatch(context(...args), { kind: 'command', name: 'digest' }, silentLogger());
  return { ...ctx, checks, run, context };
}

const replyOf = (response: Response): Reply => {
  if (response.type !== 'reply') throw new Error(`expected a reply, got ${response.type}`);
  return response.reply;
};
const textOf = (reply: Reply) =>
  [
    reply.content ?? '',
    ...(reply.embeds ?? []).flatMap((e) => [
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join('\n');

describe('/digest', () => {
  it('is registered for Manage Server, with Korean names', () => {
    const command = commandByName.get('digest');
    expect(command?.data.default_member_permissions).toBe('32');
    expect(command?.data.name_localizations?.ko).toBe('주간요약');
    const subs = (command?.data.options ?? []).map((o) => o.name);
    expect(subs).toEqual(['set', 'off', 'status', 'preview']);
  });

  it('sets the defaults (Monday 09:00 Asia/Seoul) and tells when the next digest goes out', async () => {
    const { run, services } = await setup();
    const reply = replyOf(await run('set', { channel: '111' }));
    expect(reply.ephemeral).toBe(true);
    // Wednesday 5 March 12:00 in Seoul: the next run is Monday 10 March 09:00 KST = 00:00 UTC.
    const unix = Date.parse('2025-03-10T00:00:00Z') / 1000;
    expect(reply.content).toContain('<#111>');
    expect(reply.content).toContain('Monday 09:00 (Asia/Seoul)');
    expect(reply.content).toContain(`<t:${unix}:F>`);
    expect(reply.content).toContain(`<t:${unix}:R>`);
    expect(await services.digest.get('g1')).toMatchObject({
      channelId: '111',
      weekday: 1,
      time: '09:00',
      timezone: 'Asia/Seoul',
      enabled: true,
      locale: 'en',
    });
  });

  it('checks the channel before saving and says what is wrong', async () => {
    const { run, checks, services } = await setup();
    checks.set('222', 'no-permission');
    const reply = replyOf(await run('set', { channel: '222' }));
    expect(reply.content).toContain('I may not post in <#222>');
    checks.set('333', 'missing');
    expect(replyOf(await run('set', { channel: '333' })).content).toContain('cannot find that channel');
    expect(await services.digest.get('g1')).toBeUndefined();
  });

  it('refuses bad time zones and times', async () => {
    const { run } = await setup();
    expect(replyOf(await run('set', { channel: '1', timezone: 'Mars/Base' })).content).toContain(
      'Unknown time zone "Mars/Base"',
    );
    expect(replyOf(await run('set', { channel: '1', time: '25:00' })).content).toContain('24-hour clock');
  });

  it('is for members who can manage the server, checked again at run time', async () => {
    const { run, services } = await setup();
    const reply = replyOf(await run('set', { channel: '1' }, { canManageGuild: false }));
    expect(reply.content).toContain('Only members who can manage the server');
    expect(await services.digest.get('g1')).toBeUndefined();
  });

  it('shows the schedule and the next run in the server’s time and as Discord timestamps', async () => {
    const { run } = await setup();
    await run(
      'set',
      { channel: '111', weekday: 5, time: '18:30', timezone: 'america/new_york' },
      { guildLocale: 'ko' },
    );
    const reply = replyOf(await run('status', {}, { locale: 'ko' }));
    const text = textOf(reply);
    expect(text).toContain('금요일 18:30 (America/New_York)');
    const unix = Date.parse('2025-03-07T23:30:00Z') / 1000;
    expect(text).toContain(`<t:${unix}:F> · <t:${unix}:R>`);
    expect(text).toContain('(America/New_York)');
    expect(text).toContain('아직 올린 적 없음');
  });

  it('turns off, and status says why when the bot turned it off itself', async () => {
    const { run, services } = await setup();
    await run('set', { channel: '111' });
    expect(replyOf(await run('off')).content).toContain('The weekly digest is off');
    expect(textOf(replyOf(await run('status')))).toContain('Off: /digest set turns it on again.');
    await run('set', { channel: '111' });
    await services.digest.disable('g1', 'channel-missing');
    expect(textOf(replyOf(await run('status')))).toContain(
      'the channel was deleted or I can no longer see it',
    );
  });

  it('says when there is nothing to show yet', async () => {
    const { run } = await setup();
    expect(replyOf(await run('status')).content).toContain('not set up in this server');
    expect(replyOf(await run('off')).content).toContain('not set up in this server');
  });

  it('previews the digest for the members who asked only, in the server’s language', async () => {
    const { run, services } = await setup();
    await services.postings.add('g1', { company: 'Toss', role: 'backend', requirements: '- Python\n- AWS' });
    const reply = replyOf(await run('preview', {}, { guildLocale: 'ko' }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('미리 보기');
    expect(reply.embeds?.[0]?.title).toContain('주간 요약');
    expect(textOf(reply)).toContain('Toss');
  });

  it('autocompletes time zones', async () => {
    const { context } = await setup();
    const choices = await autocomplete(
      context('set'),
      'digest',
      { name: 'timezone', value: 'seo' },
      silentLogger(),
    );
    expect(choices).toContainEqual({ name: 'Asia/Seoul', value: 'Asia/Seoul' });
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});
