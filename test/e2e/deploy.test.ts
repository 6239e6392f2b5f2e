import type { APIApplicationCommand } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index';
import { deployCommands, fetchApplicationId } from '../../src/discord/deploy';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord/index';
import { runBin } from './support';

let discord: FakeDiscord;

beforeEach(async () => {
  discord = await startFakeDiscord();
});

afterEach(async () => {
  await discord.close();
});

const names = commands.map((c) => c.data.name).sort();
const registered = (list: APIApplicationCommand[]) => list.map((c) => c.name).sort();

function expectKoreanLocalizations(list: APIApplicationCommand[]) {
  for (const command of list) {
    expect(command.name_localizations?.ko, command.name).toBeTruthy();
    expect(command.description_localizations?.ko, command.name).toMatch(/[가-힣]/);
    for (const option of command.options ?? []) {
      expect(option.name_localizations?.ko, `${command.name} ${option.name}`).toBeTruthy();
    }
  }
}

describe('deployCommands', () => {
  it('registers every command in a guild, with Korean localizations, and again without change', async () => {
    const guild = discord.addGuild();
    const options = {
      token: discord.token,
      applicationId: discord.applicationId,
      guildId: guild.id,
      api: discord.apiUrl,
    };
    const first = await deployCommands(options);
    expect(first.scope).toBe('guild');
    expect(first.commands.map((c) => c.name).sort()).toEqual(names);
    const stored = discord.commands({ guildId: guild.id });
    expect(registered(stored)).toEqual(names);
    expectKoreanLocalizations(stored);
    expect(discord.commands()).toEqual([]);

    const second = await deployCommands(options);
    expect(second.commands).toEqual(first.commands);
    // Same ids, same definitions (only the version the fake stamps on every write moves).
    const withoutVersion = (list: APIApplicationCommand[]) =>
      list.map(({ version: _version, ...rest }) => rest);
    expect(withoutVersion(discord.commands({ guildId: guild.id }))).toEqual(withoutVersion(stored));
    const puts = discord.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([
      `/applications/${discord.applicationId}/guilds/${guild.id}/commands`,
      `/applications/${discord.applicationId}/guilds/${guild.id}/commands`,
    ]);
  });

  it('registers globally when no guild is given, twice, idempotently', async () => {
    const options = { token: discord.token, applicationId: discord.applicationId, api: discord.apiUrl };
    const first = await deployCommands(options);
    const second = await deployCommands(options);
    expect(first.scope).toBe('global');
    expect(second.commands).toEqual(first.commands);
    const stored = discord.commands();
    expect(registered(stored)).toEqual(names);
    expectKoreanLocalizations(stored);
  });

  it('finds the application id from the token', async () => {
    await expect(fetchApplicationId({ token: discord.token, api: discord.apiUrl })).resolves.toBe(
      discord.applicationId,
    );
  });
});

describe('role-radar deploy-commands', () => {
  it('registers in DEV_GUILD_ID, finding the application from the token', async () => {
    const guild = discord.addGuild();
    const result = await runBin(['deploy-commands'], {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DEV_GUILD_ID: guild.id,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Registered ${names.length} commands in server ${guild.id}`);
    expect(result.stdout).toContain('/add-posting');
    expect(registered(discord.commands({ guildId: guild.id }))).toEqual(names);
    expect(discord.requests.some((r) => r.path === '/applications/@me')).toBe(true);
  });

  it('registers globally with --global and prints JSON', async () => {
    const result = await runBin(['deploy-commands', '--global', '--json'], {
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_CLIENT_ID: discord.applicationId,
    });
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as {
      scope: string;
      applicationId: string;
      commands: unknown[];
    };
    expect(printed).toMatchObject({ scope: 'global', applicationId: discord.applicationId });
    expect(printed.commands).toHaveLength(names.length);
    expect(discord.requests.some((r) => r.path === '/applications/@me')).toBe(false);
  });

  it('explains a missing token, and a wrong one without printing it', async () => {
    const missing = await runBin(['deploy-commands'], { DISCORD_API_URL: discord.apiUrl });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('DISCORD_TOKEN');

    const wrongToken = `${discord.token.slice(0, -4)}abcd`;
    const wrong = await runBin(['deploy-commands'], {
      DISCORD_TOKEN: wrongToken,
      DISCORD_API_URL: discord.apiUrl,
    });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/401|Unauthorized/i);
    expect(wrong.stderr + wrong.stdout).not.toContain(wrongToken);
  });
});
