import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('configuration from the environment', () => {
  it('has working defaults without a token', () => {
    const config = loadConfig({});
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.STORE_URL).toMatch(/^sqlite:\/\/.*data\/role-radar\.sqlite$/);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('takes the API base with or without its version', () => {
    for (const url of [
      'http://127.0.0.1:3000/api',
      'http://127.0.0.1:3000/api/',
      'http://127.0.0.1:3000/api/v10',
    ]) {
      expect(loadConfig({ DISCORD_API_URL: url }).DISCORD_API_URL).toBe('http://127.0.0.1:3000/api');
    }
  });

  it('names the variable that is wrong, and never echoes the token', () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.value';
    let error: unknown;
    try {
      loadConfig({ DISCORD_TOKEN: token, DISCORD_CLIENT_ID: 'abc', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/DISCORD_CLIENT_ID/);
    expect((error as Error).message).toMatch(/LOG_LEVEL/);
    expect((error as Error).message).not.toContain(token);
  });

  it('reads SHARDS as auto or a count, and leaves it to the manager inside a shard', () => {
    expect(loadConfig({}).SHARDS).toBeUndefined();
    expect(loadConfig({ SHARDS: '' }).SHARDS).toBeUndefined();
    expect(loadConfig({ SHARDS: 'auto' }).SHARDS).toBe('auto');
    expect(loadConfig({ SHARDS: '4' }).SHARDS).toBe(4);
    for (const bad of ['0', 'two', '-1', '1.5'])
      expect(() => loadConfig({ SHARDS: bad })).toThrow(
        expect.objectContaining({ setting: 'SHARDS', problem: 'shards' }),
      );
    // discord.js's ShardingManager sets SHARDS to the shard's own id in the process it starts.
    expect(loadConfig({ SHARDS: '0', SHARDING_MANAGER: 'true' }).SHARDS).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ DISCORD_TOKEN: '', DEV_GUILD_ID: ' ', STORE_URL: '' });
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.DEV_GUILD_ID).toBeUndefined();
  });
});
