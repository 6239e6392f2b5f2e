import { readFileSync } from 'node:fs';
import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APIComponentInMessageActionRow,
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

const buttons = (components: unknown) =>
  ((components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[]).flatMap(
    (row) => row.components as APIButtonComponentWithCustomId[],
  );

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
