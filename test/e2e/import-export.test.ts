import { readFileSync } from 'node:fs';
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIStringSelectComponent,
  ComponentType,
} from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorLogs, type Harness, messageText, startHarness } from './support';

const DOCUMENT = readFileSync(new URL('../fixtures/import/linked-items.md', import.meta.url));
const GUILD = { name: 'Study group', members: [{ username: 'alice' }, { username: 'bob' }] };

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ guilds: [GUILD, { name: 'Other group', members: [{ username: 'carol' }] }] });
});
afterEach(async () => {
  expect(errorLogs(h)).toEqual([]);
  await h.close();
});

const parts = (components: unknown) =>
  ((components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap(
    (row) => row.components,
  );
const buttons = (components: unknown) =>
  parts(components).filter((c): c is APIButtonComponentWithCustomId => c.type === ComponentType.Button);
const selects = (components: unknown) =>
  parts(components).filter((c): c is APIStringSelectComponent => c.type === ComponentType.StringSelect);

/** Two postings no role word or skill names, and one whose skills are a frontend posting's. */
const ROLELESS = `# 메모

## 구름다리

- 자격요건
  - 성실하고 꼼꼼한 분
- 우대사항
  - 스타트업 경험

## 무지개상사

- 자격요건
  - 문서 작성에 능숙하신 분

## 별빛소프트

- 자격요건
  - React, TypeScript로 화면을 만든 경험
  - Redux 상태 관리 경험
`;

async function preview(user = 'alice', data: Buffer | string = DOCUMENT, name = 'research.md') {
  const command = h.discord.sendCommand({
    name: 'import',
    user,
    options: { file: { attachment: { name, data, contentType: 'text/markdown' } } },
  });
  return { command, message: await command.nextMessage() };
}

describe('/import', () => {
  it('previews privately, stores nothing until Import is pressed, then stores all', async () => {
    const { message } = await preview();
    expect(message.ephemeral).toBe(true);
    expect(messageText(message)).toContain('하늘소프트');
    expect((await h.services.postings.list(h.guild.id)).total).toBe(0);

    const [confirm] = buttons(message.components);
    expect(confirm?.custom_id).toMatch(/^import:confirm:/);
    const press = h.discord.sendComponent({
      customId: confirm?.custom_id ?? '',
      messageId: message.messageId,
      user: 'alice',
    });
    const done = await press.nextMessage();
    expect(done.content).toMatch(/Imported \d+ postings|공고 \d+개를 가져왔습니다/);
    const stored = await h.services.postings.list(h.guild.id);
    expect(stored.total).toBeGreaterThanOrEqual(3);
    expect(stored.entries.map((e) => e.company)).toContain('하늘소프트');

    // a second press finds nothing to do, and nothing is stored twice
    const again = h.discord.sendComponent({
      customId: confirm?.custom_id ?? '',
      messageId: message.messageId,
      user: 'alice',
    });
    expect(messageText(await again.nextMessage())).toMatch(/expired|만료/);
    expect((await h.services.postings.list(h.guild.id)).total).toBe(stored.total);
  });

  it('lets only the member who asked press the buttons, and Cancel stores nothing', async () => {
    const { message } = await preview();
    const [confirm, cancel] = buttons(message.components);
    const refused = h.discord.sendComponent({
      customId: confirm?.custom_id ?? '',
      messageId: message.messageId,
      user: 'bob',
    });
    const refusal = await refused.nextMessage();
    expect(refusal.ephemeral).toBe(true);
    expect((await h.services.postings.list(h.guild.id)).total).toBe(0);

    const cancelled = h.discord.sendComponent({
      customId: cancel?.custom_id ?? '',
      messageId: message.messageId,
      user: 'alice',
    });
    expect(messageText(await cancelled.nextMessage())).toMatch(/cancelled|취소/);
    expect((await h.services.postings.list(h.guild.id)).total).toBe(0);
  });

  it('offers a role menu for the postings that need a role, and imports them with the role chosen', async () => {
    const { command, message } = await preview('alice', ROLELESS, 'memo.md');
    const text = messageText(message);
    expect(text).toMatch(/role needed|직무 필요/);
    expect(text).toMatch(
      /(Frontend developer \(told from its skills\)|프론트엔드 개발자 \(기술 스택으로 추정\))/,
    );
    expect(command.messages[0]?.body.allowed_mentions).toEqual({ parse: [] });
    const [menu] = selects(message.components);
    expect(menu?.custom_id).toMatch(/^import:role:/);
    expect(menu?.options.map((o) => o.value)).toContain('backend');
    expect(menu?.options.every((o) => o.label.length <= 100)).toBe(true);
    expect(buttons(message.components)[0]?.label).toMatch(/1/);

    // Somebody else cannot choose for alice.
    const meddling = h.discord.sendComponent({
      customId: menu?.custom_id ?? '',
      componentType: ComponentType.StringSelect,
      values: ['frontend'],
      messageId: message.messageId,
      user: 'bob',
    });
    expect((await meddling.nextMessage()).ephemeral).toBe(true);

    const choose = h.discord.sendComponent({
      customId: menu?.custom_id ?? '',
      componentType: ComponentType.StringSelect,
      values: ['backend'],
      messageId: message.messageId,
      user: 'alice',
    });
    const chosen = await choose.nextMessage();
    expect(chosen.body.allowed_mentions).toEqual({ parse: [] });
    expect(selects(chosen.components)).toEqual([]);
    expect(messageText(chosen)).not.toMatch(/role needed|직무 필요/);
    const [confirm] = buttons(chosen.components);
    expect(confirm?.label).toMatch(/3/);
    expect((await h.services.postings.list(h.guild.id)).total).toBe(0);

    const done = await h.discord
      .sendComponent({ customId: confirm?.custom_id ?? '', messageId: message.messageId, user: 'alice' })
      .nextMessage();
    expect(done.content).toMatch(/Imported 3 postings|공고 3개를 가져왔습니다/);
    const stored = await h.services.postings.all(h.guild.id);
    expect(stored.map((p) => [p.company, p.roleId])).toEqual([
      ['구름다리', 'backend'],
      ['무지개상사', 'backend'],
      ['별빛소프트', 'frontend'],
    ]);

    // The same document again: every posting is a duplicate, found by content.
    const again = await preview('alice', ROLELESS, 'memo.md');
    expect(selects(again.message.components)).toEqual([]);
    expect(messageText(again.message)).toMatch(/Duplicates 3|중복 3개/);
  });

  it('imports only the postings with a role when none is chosen, and says how many were left', async () => {
    const { message } = await preview('alice', ROLELESS, 'memo.md');
    const [confirm] = buttons(message.components);
    const done = await h.discord
      .sendComponent({ customId: confirm?.custom_id ?? '', messageId: message.messageId, user: 'alice' })
      .nextMessage();
    expect(done.content).toMatch(/Imported 1 posting|공고 1개를 가져왔습니다/);
    expect(done.content).toMatch(/2 postings were left out|직무를 고르지 않은 공고 2개/);
    expect((await h.services.postings.list(h.guild.id)).total).toBe(1);
  });

  it('answers a binary file or a file of links only with a clear message and no buttons', async () => {
    const binary = await preview('alice', Buffer.from([0, 1, 2, 3, 0, 255, 0, 7]), 'photo.md');
    expect(binary.message.ephemeral).toBe(true);
    expect(messageText(binary.message)).toMatch(/not text|텍스트 파일이 아닙니다/);

    const links = readFileSync(new URL('../fixtures/import/links-only.md', import.meta.url));
    const onlyLinks = await preview('alice', links, 'links.md');
    expect(buttons(onlyLinks.message.components)).toEqual([]);
    expect((await h.services.postings.list(h.guild.id)).total).toBe(0);
  });
});

describe('/export', () => {
  it('sends the postings as a file, privately, and keeps servers apart', async () => {
    const { message } = await preview();
    const [confirm] = buttons(message.components);
    await h.discord
      .sendComponent({ customId: confirm?.custom_id ?? '', messageId: message.messageId })
      .nextMessage();

    const csv = h.discord.sendCommand({ name: 'export', options: { format: 'csv' } });
    const file = await csv.nextMessage();
    expect(file.ephemeral).toBe(true);
    expect(file.content).toMatch(/Exported 5 postings as csv|공고 5개를 csv/);
    expect(file.files[0]?.name).toMatch(/\.csv$/);
    expect(file.files[0]?.text).toContain('하늘소프트');

    const md = await h.discord
      .sendCommand({ name: 'export', options: { format: 'markdown', role: 'backend' } })
      .nextMessage();
    expect(md.files[0]?.text).toMatch(/자격 조건/);

    const other = h.guilds[1];
    const empty = await h.discord
      .sendCommand({ name: 'export', guildId: other?.id ?? '', user: 'carol' })
      .nextMessage();
    expect(empty.files).toEqual([]);
    expect(messageText(empty)).toMatch(/no postings|내보낼 공고가 없습니다/);
  });
});
