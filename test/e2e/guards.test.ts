import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPosting, errorLogs, type Harness, messageText, startHarness } from './support';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({
    guilds: [
      { name: 'Guild A', members: [{ username: 'alice' }] },
      { name: 'Guild B', members: [{ username: 'bob' }] },
    ],
  });
});

afterEach(async () => {
  expect(errorLogs(h)).toEqual([]);
  await h.close();
});

const total = async (guildId: string) => (await h.services.postings.list(guildId)).total;

describe('what members get wrong', () => {
  it('refuses a duplicate URL with an ephemeral message and stores nothing', async () => {
    const first = await addPosting(h, 'backend', {
      company: 'Toss',
      url: 'https://toss.im/career/job-detail?job_id=42',
      requirements: '- Java',
    });
    expect(first.ephemeral).toBe(false);
    // The same posting with tracking parameters and another casing of the host.
    const again = await addPosting(h, 'backend', {
      company: 'Toss again',
      url: 'https://TOSS.im/career/job-detail?job_id=42&utm_source=kakao',
      requirements: '- Kotlin',
    });
    expect(again.ephemeral).toBe(true);
    expect(again.content).toContain('#1');
    expect(again.content).toContain('Toss');
    expect(await total(h.guild.id)).toBe(1);
  });

  it('refuses over-long text with an ephemeral message, in the member’s language', async () => {
    const reply = await addPosting(
      h,
      'backend',
      { company: 'Naver', requirements: `- ${'Java '.repeat(1000)}` },
      { locale: 'ko' },
    );
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('자격요건');
    expect(reply.content).toContain('4000');
    expect(await total(h.guild.id)).toBe(0);
  });

  it('never lets a posting ping anyone', async () => {
    const reply = await addPosting(h, 'backend', {
      company: '@everyone Corp',
      title: '@here <@&123456789012345678>',
      requirements: '- Java @everyone',
    });
    expect(reply.ephemeral).toBe(false);
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
    const shown = await h.discord
      .sendCommand({ name: 'postings', subcommand: 'show', options: { id: 1 } })
      .nextMessage();
    expect(shown.body.allowed_mentions).toEqual({ parse: [] });
    expect(messageText(shown)).toContain('Java');
  });
});

describe('servers and DMs', () => {
  it('keeps two servers apart', async () => {
    const [a, b] = h.guilds;
    if (!a || !b) throw new Error('two guilds expected');
    await addPosting(h, 'backend', { company: 'Only in A', requirements: '- Java' }, { guildId: a.id });

    const listB = await h.discord
      .sendCommand({ name: 'postings', subcommand: 'list', guildId: b.id })
      .nextMessage();
    expect(listB.ephemeral).toBe(true);
    expect(messageText(listB)).not.toContain('Only in A');

    const showB = await h.discord
      .sendCommand({ name: 'postings', subcommand: 'show', options: { id: 1 }, guildId: b.id })
      .nextMessage();
    expect(showB.ephemeral).toBe(true);
    expect(showB.content).toContain('no posting #1');

    // bob owns nothing in A, but even as B's owner (every permission) he cannot reach A's posting from B.
    const removeB = await h.discord
      .sendCommand({
        name: 'postings',
        subcommand: 'remove',
        options: { id: 1 },
        guildId: b.id,
        user: b.owner.user.id,
      })
      .nextMessage();
    expect(removeB.ephemeral).toBe(true);
    expect(await total(a.id)).toBe(1);

    const summaryB = await h.discord
      .sendCommand({ name: 'summary', options: { role: 'backend' }, guildId: b.id })
      .nextMessage();
    expect(summaryB.ephemeral).toBe(true);
    const summaryA = await h.discord
      .sendCommand({ name: 'summary', options: { role: 'backend' }, guildId: a.id })
      .nextMessage();
    expect(messageText(summaryA)).toMatch(/\b1 postings? from\b/);
  });

  it('answers a guild-only command in a DM with a polite pointer, and /help there too', async () => {
    const dm = h.discord.sendDirectCommand({ name: 'summary', options: { role: 'backend' }, locale: 'ko' });
    const reply = await dm.nextMessage();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toBe('서버에서 사용해 주세요: 공고는 스터디 그룹별로 모읍니다.');

    const english = await h.discord
      .sendDirectCommand({ name: 'add-posting', options: { role: 'backend' } })
      .response();
    expect(english).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: 'Please use me in a server: postings belong to a study group.' },
    });

    const help = await h.discord.sendDirectCommand({ name: 'help' }).nextMessage();
    expect(help.ephemeral).toBe(true);
    expect(help.embeds).toHaveLength(1);
  });
});
