import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommandInteractionOption } from 'discord.js';
import { ApplicationCommandOptionType, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download } from '../../src/discord/attachments';
import { flattenOptions } from '../../src/discord/interactions';
import { discordPlatform } from '../../src/discord/platform';
import { UserError } from '../../src/services/errors';
import { type Harness, startHarness } from './support';

describe('Platform.checkChannel from the gateway cache', () => {
  const BOT = '111111111111111111';
  /** An overwrite on the bot's own member that denies `deny` in one channel. */
  const denyToBot = (deny: bigint) => [
    { id: BOT, type: OverwriteType.Member, allow: '0', deny: String(deny) },
  ];
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      deploy: false,
      fake: { applicationId: BOT },
      guilds: [
        {
          channels: [
            { name: 'general' },
            { name: 'voice', type: 'voice' },
            { name: 'read-only', permissionOverwrites: denyToBot(PermissionFlagsBits.SendMessages) },
            { name: 'no-embeds', permissionOverwrites: denyToBot(PermissionFlagsBits.EmbedLinks) },
            { name: 'hidden', permissionOverwrites: denyToBot(PermissionFlagsBits.ViewChannel) },
          ],
        },
      ],
    });
  });

  afterAll(async () => {
    await h.close();
  });

  it('tells ok, missing, not text and no permission apart', async () => {
    const platform = discordPlatform(h.bot.client);
    const check = (name: string) => platform.checkChannel(h.guild.id, h.guild.channel(name).id);
    expect(platform.name).toBe('discord');
    await expect(check('general')).resolves.toBe('ok');
    await expect(check('voice')).resolves.toBe('not-text');
    await expect(check('read-only')).resolves.toBe('no-permission');
    await expect(check('no-embeds')).resolves.toBe('no-permission');
    await expect(check('hidden')).resolves.toBe('no-permission');
    await expect(platform.checkChannel(h.guild.id, '123456789012345678')).resolves.toBe('missing');
    await expect(platform.checkChannel('123456789012345678', h.guild.channel().id)).resolves.toBe('missing');
  });

  it('asks Discord for a channel the cache does not hold', async () => {
    const platform = discordPlatform(h.bot.client);
    const general = h.guild.channel('general').id;
    h.bot.client.channels.cache.delete(general);
    h.bot.client.guilds.cache.get(h.guild.id)?.channels.cache.delete(general);
    await expect(platform.checkChannel(h.guild.id, general)).resolves.toBe('ok');
    expect(
      h.discord.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/channels/${general}`)),
    ).toBe(true);
  });
});

describe('attachment downloads', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const size = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('size') ?? 0);
      const chunked = req.url?.includes('chunked');
      res.writeHead(200, chunked ? {} : { 'content-length': String(size) });
      res.end(Buffer.alloc(size, 'a'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('downloads a file within the limit', async () => {
    await expect(download(`${base}/f?size=1000`, 1000, 1024)).resolves.toHaveLength(1000);
  });

  it('refuses a file announced too large without fetching it', async () => {
    await expect(download('http://127.0.0.1:9/never', 2048, 1024)).rejects.toBeInstanceOf(UserError);
  });

  it('cuts off a file larger than announced', async () => {
    const error = await download(`${base}/f?size=5000&chunked`, 10, 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: 'import.too-large' });
    await expect(download(`${base}/f?size=5000`, 10, 1024)).rejects.toMatchObject({
      code: 'import.too-large',
    });
  });
});

describe('option flattening', () => {
  it('turns (group and) subcommand options into a flat record', () => {
    const data = [
      {
        name: 'settings',
        type: ApplicationCommandOptionType.SubcommandGroup,
        options: [
          {
            name: 'set',
            type: ApplicationCommandOptionType.Subcommand,
            options: [
              { name: 'hour', type: ApplicationCommandOptionType.Integer, value: 9 },
              { name: 'timezone', type: ApplicationCommandOptionType.String, value: 'Asia/Seoul' },
            ],
          },
        ],
      },
    ] as CommandInteractionOption[];
    expect(flattenOptions(data)).toEqual({
      subcommand: 'settings.set',
      options: { hour: 9, timezone: 'Asia/Seoul' },
      attachments: {},
    });
    expect(
      flattenOptions([{ name: 'role', type: ApplicationCommandOptionType.String, value: 'backend' }]),
    ).toEqual({
      options: { role: 'backend' },
      attachments: {},
    });
  });
});
