import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertWithinDiscordLimits, errorLogs, type Harness, messageText, startHarness } from './support';

const GUILD = { name: 'Study group', members: [{ username: 'alice' }, { username: 'bob' }] };
let h: Harness;
const user = (name: string) => h.guild.member(name).user.id;

const POSTINGS = [
  [
    '토스',
    '- Python, Django 기반 개발 경험\n- REST API 설계 경험\n- AWS 사용 경험',
    '- Kubernetes 운영 경험',
  ],
  ['당근', '- Java, Spring Boot 개발 경험\n- MySQL 등 RDBMS 경험', '- Kafka, Docker 경험'],
  ['카카오', '- Python 또는 Go 개발 경험\n- GCP, AWS 등 클라우드 경험', '- 테스트 코드 작성 경험'],
] as const;

beforeEach(async () => {
  h = await startHarness({ guilds: [GUILD] });
  for (const [company, requirements, preferred] of POSTINGS) {
    await h.services.postings.add(h.guild.id, { company, role: 'backend', requirements, preferred });
  }
});

afterEach(async () => {
  expect(errorLogs(h)).toEqual([]);
  await h.close();
});

describe('/summary', () => {
  it('defers, then arrives with its radar as a PNG attachment shown as the embed image', async () => {
    const command = h.discord.sendCommand({ name: 'summary', options: { role: 'backend' }, locale: 'ko' });
    expect((await command.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const reply = await command.nextMessage();
    assertWithinDiscordLimits(reply);
    expect(reply.ephemeral).toBe(false);
    const [file] = reply.files;
    expect(file?.contentType).toBe('image/png');
    expect(reply.embeds[0]?.image?.url).toBe(`attachment://${file?.name}`);
    const png = PNG.sync.read(file?.data ?? Buffer.alloc(0));
    expect([png.width, png.height]).toEqual([1200, 1080]);
    expect(reply.message.attachments.map((a) => a.filename)).toEqual([file?.name]);
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('/profile', () => {
  it('answers privately, and another member can neither read nor use it', async () => {
    const set = await h.discord
      .sendCommand({
        name: 'profile',
        subcommand: 'set',
        options: { skills: '파이썬, 장고, 쿠버네티스' },
        user: 'alice',
      })
      .nextMessage();
    expect(set.ephemeral).toBe(true);
    expect(set.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(messageText(set)).toContain('Kubernetes');

    const bobShow = await h.discord
      .sendCommand({ name: 'profile', subcommand: 'show', user: 'bob' })
      .nextMessage();
    expect(bobShow.ephemeral).toBe(true);
    expect(messageText(bobShow)).not.toContain('Kubernetes');

    const bobMatch = await h.discord
      .sendCommand({ name: 'match', options: { role: 'backend', member: user('alice') }, user: 'bob' })
      .nextMessage();
    expect(bobMatch.ephemeral).toBe(true);
    expect(messageText(bobMatch)).toContain('private');
    expect(messageText(bobMatch)).not.toContain('Kubernetes');

    const mine = await h.discord
      .sendCommand({ name: 'match', options: { role: 'backend' }, user: 'alice' })
      .nextMessage();
    expect(mine.ephemeral).toBe(true);
    expect(messageText(mine)).toContain('REST API');
    expect(mine.files).toHaveLength(1);
  });

  it('autocompletes skills from initial consonants', async () => {
    const callback = await h.discord
      .sendAutocomplete({
        name: 'profile',
        subcommand: 'add',
        options: { skill: 'ㅈㄱ' },
        focused: 'skill',
        locale: 'ko',
      })
      .response();
    const choices = (callback as { data: { choices: { name: string; value: string }[] } }).data.choices;
    expect(choices[0]?.value).toBe('django');
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});

describe('/match', () => {
  it('stays within Discord’s limits with a 600-skill profile', async () => {
    const all = h.services.normalizer.taxonomy.skills.map((s) => s.id);
    expect(all.length).toBeGreaterThanOrEqual(600);
    await h.services.radar.profiles.setIds(h.guild.id, user('alice'), all);
    const command = h.discord.sendCommand({
      name: 'match',
      options: { role: 'backend' },
      user: 'alice',
      locale: 'ko',
    });
    expect((await command.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const reply = await command.nextMessage();
    assertWithinDiscordLimits(reply);
    expect(reply.ephemeral).toBe(true);
    expect(reply.files.length).toBeLessThanOrEqual(10);
    expect(reply.files[0]?.data.length).toBeLessThan(8 * 1024 * 1024);

    const show = await h.discord
      .sendCommand({ name: 'profile', subcommand: 'show', user: 'alice' })
      .nextMessage();
    assertWithinDiscordLimits(show);
  });
});
