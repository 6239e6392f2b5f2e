import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy';
import { createServices } from '../../src/services';
import { openStore } from '../../src/services/store/repository';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord/index';
import { type BinProcess, messageText, spawnBin, stopRun, tempDir } from './support';

let discord: FakeDiscord | undefined;
let bin: BinProcess | undefined;
let dir: string | undefined;

afterEach(async () => {
  await stopRun({ bin, discord, dir });
  bin = discord = dir = undefined;
});

it('`role-radar start` with a token serves /add-posting and /summary, then exits 0 on SIGTERM', async () => {
  discord = await startFakeDiscord();
  const guild = discord.addGuild({ name: '취준 스터디', preferredLocale: 'ko' });
  await deployCommands({
    token: discord.token,
    applicationId: discord.applicationId,
    guildId: guild.id,
    api: discord.apiUrl,
  });
  dir = await tempDir();
  const storeUrl = `sqlite://${join(dir, 'x.sqlite')}`;
  bin = spawnBin(['start'], {
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    STORE_URL: storeUrl,
    LOG_LEVEL: 'trace',
  });
  const running = bin;
  const exitedEarly = running.exited.then((code) => {
    throw new Error(`the bot exited early with ${code}:\n${running.stderr()}`);
  });
  exitedEarly.catch(() => undefined);
  await Promise.race([discord.waitForReady({ timeoutMs: 20_000 }), exitedEarly]);

  const command = discord.sendCommand({ name: 'add-posting', options: { role: '백엔드' }, locale: 'ko' });
  const modal = (await command.response({ timeoutMs: 10_000 })) as { data: { custom_id: string } };
  const added = await discord
    .sendModalSubmit({
      customId: modal.data.custom_id,
      locale: 'ko',
      fields: {
        company: '당근',
        requirements: '- Go 또는 Kotlin 서버 개발 경험 2년 이상\n- MySQL',
        preferred: '- AWS',
      },
    })
    .nextMessage({ timeoutMs: 10_000 });
  expect(messageText(added)).toContain('#1 공고를 추가했습니다');

  const summary = await discord
    .sendCommand({ name: 'summary', options: { role: 'backend' }, locale: 'ko' })
    .nextMessage({ timeoutMs: 10_000 });
  expect(messageText(summary)).toContain('공고 1개');
  expect(messageText(summary)).toContain('MySQL');

  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 15_000);
  const code = await running.exited;
  clearTimeout(timer);
  expect(code, running.stderr()).toBe(0);

  const logs = running.stderr();
  expect(logs).toContain('connected to Discord');
  expect(logs).toContain('disconnected from Discord');
  expect(logs).not.toContain(discord.token);
  expect(logs).not.toMatch(/\/(interactions|webhooks)\/\d+\/(?!\[token\])/);

  // What was added is on disk, and the store was closed cleanly enough to open again.
  const store = await openStore(storeUrl);
  try {
    const posting = await createServices({ store }).postings.get(guild.id, 1);
    expect(posting.company).toBe('당근');
  } finally {
    await store.close();
  }
}, 60_000);
