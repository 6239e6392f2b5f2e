import {
  type APIActionRowComponent,
  type APIApplicationCommandAutocompleteResponse,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  ButtonStyle,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addPosting, errorLogs, type Harness, messageText, startHarness } from './support';

const GUILD = {
  name: 'Study group',
  roles: [{ name: 'Moderator', permissions: PermissionFlagsBits.ManageMessages }],
  members: [{ username: 'alice' }, { username: 'bob' }, { username: 'mod', roles: ['Moderator'] }],
};

const POSTINGS = [
  {
    company: '토스',
    url: 'https://toss.im/career/job-detail?job_id=1',
    requirements: '- Java 또는 Kotlin 기반 Spring Boot 개발 경험 3년 이상\n- MySQL 등 RDBMS 사용 경험',
    preferred: '- Kubernetes 운영 경험\n- Kafka 사용 경험',
  },
  {
    company: '카카오',
    url: 'https://careers.kakao.com/jobs/P-2',
    requirements: '- Java, Spring Framework 개발 경험\n- MySQL, Redis 사용 경험\n- 신입 가능',
    preferred: '- AWS 경험',
  },
  {
    company: 'Coupang',
    url: 'https://www.coupang.jobs/en/jobs/3',
    requirements: '- 5+ years with Java and Spring Boot\n- PostgreSQL or MySQL',
    preferred: '- Docker and Kubernetes\n- Kafka',
  },
];

let h: Harness;
const user = (name: string) => h.guild.member(name).user.id;

beforeEach(async () => {
  h = await startHarness({ guilds: [GUILD] });
});

afterEach(async () => {
  expect(errorLogs(h)).toEqual([]);
  await h.close();
});

describe('/add-posting', () => {
  it('opens the modal, stores the submission and confirms with the skills it found', async () => {
    const command = h.discord.sendCommand({
      name: 'add-posting',
      options: { role: '백엔드', company: '토스' },
    });
    const modal = await command.response();
    expect(modal).toMatchObject({
      type: InteractionResponseType.Modal,
      data: { custom_id: 'add-posting:new:backend', title: 'Add a posting' },
    });
    // The company given as an option is prefilled; every field is a labelled text input in an action row.
    expect(JSON.stringify(modal)).toContain('"value":"토스"');
    type Row = { type: number; components: { type: number; custom_id: string; label: string }[] };
    const rows = ((modal as { data?: { components?: Row[] } }).data?.components ?? []) as Row[];
    expect(rows.map((row) => [row.type, row.components[0]?.type, row.components[0]?.custom_id])).toEqual([
      [1, 4, 'company'],
      [1, 4, 'title'],
      [1, 4, 'url'],
      [1, 4, 'requirements'],
      [1, 4, 'preferred'],
    ]);
    expect(rows.every((row) => row.components[0]?.label)).toBe(true);

    const [posting] = POSTINGS;
    if (!posting) throw new Error('no posting');
    const submit = h.discord.sendModalSubmit({ customId: 'add-posting:new:backend', fields: posting });
    const reply = await submit.nextMessage();
    expect(reply.source).toBe('reply');
    expect(reply.ephemeral).toBe(false);
    const text = messageText(reply);
    expect(text).toContain('#1');
    for (const skill of ['Java', 'Kotlin', 'Spring Boot', 'MySQL', 'Kubernetes', 'Kafka'])
      expect(text).toContain(skill);
    expect(text).toContain('3+');
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });

    const stored = await h.services.postings.get(h.guild.id, 1);
    expect(stored).toMatchObject({ company: '토스', roleId: 'backend', submittedBy: user('alice') });
  });
});

describe('/summary', () => {
  beforeEach(async () => {
    for (const posting of POSTINGS) await addPosting(h, 'backend', posting);
  });

  it('answers in Korean for a Korean client, with the numbers', async () => {
    const command = h.discord.sendCommand({ name: 'summary', options: { role: 'backend' }, locale: 'ko' });
    const reply = await command.nextMessage();
    expect(reply.ephemeral).toBe(false);
    const text = messageText(reply);
    expect(text).toContain('백엔드 개발자: 공고가 공통으로 요구하는 것');
    expect(text).toMatch(/회사 \d+곳의 공고 3개/);
    expect(text).toContain('공통 자격요건');
    expect(text).toMatch(/100% \*\*Java\*\* \(3\)/);
    expect(text).toMatch(/\*\*MySQL\*\* \(3\)/);
  });

  it('answers in English for an English client', async () => {
    const command = h.discord.sendCommand({
      name: 'summary',
      options: { role: '백엔드', section: 'required' },
    });
    const reply = await command.nextMessage();
    const text = messageText(reply);
    expect(text).toContain('Backend developer');
    expect(text).toMatch(/\b3 postings\b/);
    expect(text).toMatch(/\*\*Java\*\* \(3\)/);
    expect(text).not.toMatch(/[가-힣]/);
  });

  it('says so (only to the asker) when a role has no postings yet', async () => {
    const reply = await h.discord
      .sendCommand({ name: 'summary', options: { role: 'frontend' } })
      .nextMessage();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('Frontend developer');
  });
});

describe('autocomplete', () => {
  const choices = async (init: Parameters<Harness['discord']['sendAutocomplete']>[0]) => {
    const callback = (await h.discord
      .sendAutocomplete(init)
      .response()) as APIApplicationCommandAutocompleteResponse;
    expect(callback.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    return callback.data.choices ?? [];
  };

  it('suggests roles from a Korean and an English query', async () => {
    const korean = await choices({ name: 'summary', options: { role: '백엔' }, locale: 'ko' });
    expect(korean[0]).toMatchObject({ value: 'backend' });
    expect(korean[0]?.name).toContain('백엔드');
    const english = await choices({ name: 'add-posting', options: { role: 'front' } });
    expect(english[0]).toMatchObject({ value: 'frontend', name: 'Frontend developer' });
  });

  it('suggests posting ids of this server', async () => {
    await addPosting(h, 'backend', POSTINGS[0] ?? { company: '', requirements: '' });
    await addPosting(h, 'frontend', { company: 'Naver', requirements: '- React, TypeScript' });
    const all = await choices({ name: 'postings', subcommand: 'remove', options: { id: '' }, focused: 'id' });
    expect(all.map((c) => c.value).sort()).toEqual([1, 2]);
    const naver = await choices({
      name: 'postings',
      subcommand: 'show',
      options: { id: 'nav' },
      focused: 'id',
    });
    expect(naver).toEqual([{ name: '#2 Naver — Frontend developer', value: 2 }]);
  });
});

describe('/postings', () => {
  beforeEach(async () => {
    for (let i = 1; i <= 12; i++) {
      await h.services.postings.add(h.guild.id, {
        company: `Company ${i}`,
        role: 'backend',
        requirements: '- Java',
        submittedBy: user('alice'),
      });
    }
  });

  const buttons = (components: unknown) =>
    (components as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap(
      (row) => row.components as APIButtonComponentWithCustomId[],
    );

  it('pages with buttons that only the member who asked can press', async () => {
    const list = await h.discord.sendCommand({ name: 'postings', subcommand: 'list' }).nextMessage();
    expect(messageText(list)).toContain('Page 1 of 2');
    const [previous, next] = buttons(list.components);
    expect(previous).toMatchObject({ disabled: true, style: ButtonStyle.Secondary });
    expect(next?.custom_id).toBe(`postings:page:2:*:${user('alice')}`);

    const page2 = h.discord.sendComponent({ customId: next?.custom_id ?? '', messageId: list.messageId });
    expect((await page2.response()).type).toBe(InteractionResponseType.UpdateMessage);
    const updated = await page2.nextMessage();
    expect(updated).toMatchObject({ source: 'update', messageId: list.messageId });
    expect(messageText(updated)).toContain('Page 2 of 2');
    expect(messageText(updated)).toContain('Company 1');

    const [back] = buttons(updated.components);
    const refused = h.discord.sendComponent({
      customId: back?.custom_id ?? '',
      messageId: list.messageId,
      user: 'bob',
    });
    const refusal = await refused.nextMessage();
    expect(refusal.source).toBe('reply');
    expect(refusal.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(refusal.content).toContain('Only the member who ran this command');
    expect(messageText({ embeds: h.discord.message(list.messageId)?.embeds ?? [] })).toContain('Page 2 of 2');
  });

  it('opens a page by number, refuses one past the end, and a button past the end shows the last page', async () => {
    const second = await h.discord
      .sendCommand({ name: 'postings', subcommand: 'list', options: { page: 2 } })
      .nextMessage();
    expect(messageText(second)).toContain('Page 2 of 2');
    const past = await h.discord
      .sendCommand({ name: 'postings', subcommand: 'list', options: { page: 9 }, locale: 'ko' })
      .nextMessage();
    expect(past.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(past.content).toBe('9쪽은 없습니다: 목록은 2쪽까지입니다.');
    for (const id of [11, 12]) await h.services.postings.remove(h.guild.id, id);
    const [, next] = buttons(second.components);
    const stale = h.discord.sendComponent({
      customId: `postings:page:2:*:${user('alice')}`,
      messageId: second.messageId,
    });
    expect(next?.disabled).toBe(true);
    expect(messageText(await stale.nextMessage())).toContain('Page 1 of 1');
  });

  it('lets the submitter remove a posting, refuses another member, allows a moderator', async () => {
    const byBob = await h.discord
      .sendCommand({ name: 'postings', subcommand: 'remove', options: { id: 1 }, user: 'bob', locale: 'ko' })
      .nextMessage();
    expect(byBob.ephemeral).toBe(true);
    expect(byBob.content).toContain('#1');
    await expect(h.services.postings.get(h.guild.id, 1)).resolves.toBeDefined();

    const byAlice = await h.discord
      .sendCommand({ name: 'postings', subcommand: 'remove', options: { id: 1 }, user: 'alice' })
      .nextMessage();
    expect(byAlice.ephemeral).toBe(false);
    expect(byAlice.content).toContain('Removed posting #1');
    await expect(h.services.postings.get(h.guild.id, 1)).rejects.toThrow();

    const byMod = await h.discord
      .sendCommand({ name: 'postings', subcommand: 'remove', options: { id: 2 }, user: 'mod' })
      .nextMessage();
    expect(byMod.content).toContain('Removed posting #2');
    await expect(h.services.postings.get(h.guild.id, 2)).rejects.toThrow();
  });

  it('edits through a prefilled modal', async () => {
    const command = h.discord.sendCommand({ name: 'postings', subcommand: 'edit', options: { id: 3 } });
    const modal = await command.response();
    expect(modal).toMatchObject({
      type: InteractionResponseType.Modal,
      data: { custom_id: 'postings:edit:3' },
    });
    expect(JSON.stringify(modal)).toContain('Company 3');
    const reply = await h.discord
      .sendModalSubmit({
        customId: 'postings:edit:3',
        fields: {
          company: 'Company three',
          title: '',
          url: '',
          requirements: '- Python, Django',
          preferred: '',
        },
      })
      .nextMessage();
    expect(messageText(reply)).toContain('Company three');
    expect(messageText(reply)).toContain('Django');
  });
});
