import { once } from 'node:events';
import { createInflate, constants as zlibConstants } from 'node:zlib';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  ComponentType,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  InteractionResponseType,
  MessageFlags,
  ModalBuilder,
  REST,
  Routes,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZlibStreamEncoder } from './support/fake-discord/compression.js';
import { type FakeDiscord, startFakeDiscord } from './support/fake-discord/index.js';

let discord: FakeDiscord;
const clients: Client[] = [];

beforeEach(async () => {
  discord = await startFakeDiscord();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await discord.close();
});

/** A bare discord.js client logged in to the fake, resolved once `clientReady` fired. */
async function login(options: { intents?: GatewayIntentBits[] } = {}): Promise<Client> {
  const client = new Client({
    intents: options.intents ?? [GatewayIntentBits.Guilds],
    rest: { api: discord.apiUrl },
  });
  clients.push(client);
  const ready = once(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  return client;
}

function nextInteraction(client: Client): Promise<Interaction> {
  return new Promise((resolve) => client.once(Events.InteractionCreate, resolve));
}

function restClient(): REST {
  return new REST({ api: discord.apiUrl }).setToken(discord.token);
}

const postingCommand = new SlashCommandBuilder()
  .setName('posting')
  .setDescription('Job postings')
  .setDescriptionLocalizations({ ko: '채용 공고' })
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Add a posting')
      .addStringOption((o) => o.setName('url').setDescription('Posting URL').setRequired(true))
      .addIntegerOption((o) => o.setName('years').setDescription('Years of experience')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('search')
      .setDescription('Search postings')
      .addStringOption((o) => o.setName('company').setDescription('Company').setAutocomplete(true)),
  );

/** A guild with the posting command registered, and a client logged in and waiting for its next interaction. */
async function withPostingCommand() {
  const guild = discord.addGuild();
  await restClient().put(Routes.applicationGuildCommands(discord.applicationId, guild.id), {
    body: [postingCommand.toJSON()],
  });
  const client = await login();
  return { guild, client, received: nextInteraction(client) };
}

describe('login and guilds', () => {
  it('logs a bare client in: ready fires with the application and bot user', async () => {
    discord.addGuild();
    const client = await login();

    expect(client.application?.id).toBe(discord.applicationId);
    expect(client.user?.id).toBe(discord.botUser.id);
    expect(client.user?.bot).toBe(true);
    await expect(discord.waitForReady()).resolves.toMatchObject({ resumed: false });
    const paths = discord.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('GET /gateway/bot');
    expect(discord.unknownRequests).toEqual([]);
    const identify = discord.gatewayLog.find((p) => p.op === 2);
    expect(identify?.d).toMatchObject({ token: '[redacted]', intents: GatewayIntentBits.Guilds });
  });

  it('fills the cache from GUILD_CREATE: channels, roles, members, locale, the bot member', async () => {
    const guild = discord.addGuild({
      name: 'Job Study',
      preferredLocale: 'ko',
      roles: [{ name: 'Mod', permissions: 0x20n }],
      channels: [
        { name: 'Jobs', type: 'category' },
        { name: 'postings', parent: 'Jobs', topic: 'links' },
      ],
      members: [{ username: 'alice', roles: ['Mod'] }, { username: 'bob' }],
    });
    const client = await login();

    const cached = client.guilds.cache.get(guild.id);
    expect(cached?.available).toBe(true);
    expect(cached?.name).toBe('Job Study');
    expect(cached?.preferredLocale).toBe('ko');
    const postings = cached?.channels.cache.find((c) => c.name === 'postings');
    expect(postings?.type).toBe(ChannelType.GuildText);
    expect(postings?.parent?.name).toBe('Jobs');
    expect(cached?.roles.cache.map((r) => r.name)).toEqual(expect.arrayContaining(['@everyone', 'Mod']));
    const alice = cached?.members.cache.find((m) => m.user.username === 'alice');
    expect(alice?.roles.cache.has(guild.role('Mod').id)).toBe(true);
    expect(cached?.members.me?.id).toBe(discord.botUser.id);
    expect(cached?.ownerId).toBe(guild.owner.user.id);
  });

  it('sends GUILD_CREATE and GUILD_DELETE live', async () => {
    const client = await login();
    const joined = once(client, Events.GuildCreate);
    const guild = discord.addGuild({ name: 'Later' });
    const [created] = await joined;
    expect(created.id).toBe(guild.id);

    const left = once(client, Events.GuildDelete);
    discord.removeGuild(guild.id);
    const [deleted] = await left;
    expect(deleted.id).toBe(guild.id);
    expect(client.guilds.cache.has(guild.id)).toBe(false);
  });

  it('answers member fetches over the gateway (op 8) and REST', async () => {
    const guild = discord.addGuild({ members: [{ username: 'alice' }, { username: 'bob' }] });
    const client = await login({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers] });
    const cached = client.guilds.cache.get(guild.id);
    cached?.members.cache.clear();

    const all = await cached?.members.fetch();
    expect(all?.size).toBe(guild.members.length);
    const bob = await client.users.fetch(guild.member('bob').user.id, { force: true });
    expect(bob.username).toBe('bob');
  });
});

describe('interactions', () => {
  it('delivers a chat-input command and receives the reply as a callback', async () => {
    const guild = discord.addGuild({ preferredLocale: 'ko' });
    const client = await login();
    const received = nextInteraction(client);
    const sent = discord.sendCommand({ name: 'ping', options: { loud: true, times: 2 }, locale: 'ko' });

    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    expect(interaction.commandName).toBe('ping');
    expect(interaction.options.getBoolean('loud')).toBe(true);
    expect(interaction.options.getInteger('times')).toBe(2);
    expect(interaction.locale).toBe('ko');
    expect(interaction.guildLocale).toBe('ko');
    expect(interaction.guildId).toBe(guild.id);
    expect(interaction.channelId).toBe(guild.channel().id);
    expect(interaction.user.id).toBe(guild.defaultMember.user.id);
    expect(interaction.appPermissions.has('SendMessages')).toBe(true);
    await interaction.reply({ content: 'pong', flags: MessageFlags.Ephemeral });

    await expect(sent.response()).resolves.toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: 'pong', flags: MessageFlags.Ephemeral },
    });
    const message = await sent.nextMessage();
    expect(message).toMatchObject({ source: 'reply', content: 'pong', ephemeral: true });
  });

  it('types options from the registered command, incl. subcommands', async () => {
    const { guild, received } = await withPostingCommand();
    const sent = discord.sendCommand({
      name: 'posting',
      subcommand: 'add',
      options: { url: 'https://example.com/jobs/1', years: 3 },
    });

    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    expect(interaction.commandId).toBe(discord.commands({ guildId: guild.id })[0]?.id);
    expect(interaction.options.getSubcommand()).toBe('add');
    expect(interaction.options.getString('url', true)).toBe('https://example.com/jobs/1');
    expect(interaction.options.getInteger('years')).toBe(3);
    expect(sent.payload.data.options?.[0]).toMatchObject({ type: 1, name: 'add' });
    expect(() => discord.sendCommand({ name: 'posting', subcommand: 'add', options: {} })).toThrow(
      /required/,
    );
  });

  it('supports deferReply then editReply, and a follow-up', async () => {
    discord.addGuild();
    const client = await login();
    const received = nextInteraction(client);
    const sent = discord.sendCommand({ name: 'report' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');

    await interaction.deferReply();
    expect((await sent.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const edited = await interaction.editReply({ content: 'done', embeds: [{ title: 'Top skills' }] });
    expect(edited.content).toBe('done');
    await interaction.followUp({ content: 'one more thing' });

    const edit = await sent.nextMessage();
    expect(edit).toMatchObject({ source: 'edit', content: 'done', embeds: [{ title: 'Top skills' }] });
    expect(edit.messageId).toBe(sent.originalMessageId);
    const followUp = await sent.nextMessage();
    expect(followUp).toMatchObject({ source: 'follow-up', content: 'one more thing' });
    expect(followUp.messageId).not.toBe(edit.messageId);
    expect(sent.messages).toHaveLength(2);
  });

  it('replaces the deferred "thinking" message with the first follow-up', async () => {
    discord.addGuild();
    const client = await login();
    const received = nextInteraction(client);
    const sent = discord.sendCommand({ name: 'report' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');

    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.followUp({ content: 'here it is' });

    const message = await sent.nextMessage();
    expect(message).toMatchObject({
      source: 'follow-up',
      ephemeral: true,
      messageId: sent.originalMessageId,
    });
    expect(discord.message(message.messageId)?.content).toBe('here it is');
  });

  it('shows a modal (callback 9) and delivers the submission from the same user', async () => {
    const guild = discord.addGuild({ members: [{ username: 'alice' }, { username: 'bob' }] });
    const client = await login();
    const received = nextInteraction(client);
    const sent = discord.sendCommand({ name: 'add', user: 'bob', locale: 'ko' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    await interaction.showModal(
      new ModalBuilder()
        .setCustomId('posting-modal')
        .setTitle('Add posting')
        .addComponents(
          new ActionRowBuilder<TextInputBuilder>().addComponents(
            new TextInputBuilder().setCustomId('text').setLabel('Posting').setStyle(TextInputStyle.Paragraph),
          ),
        ),
    );
    const modal = await sent.response();
    expect(modal).toMatchObject({
      type: InteractionResponseType.Modal,
      data: { custom_id: 'posting-modal' },
    });

    const submitted = nextInteraction(client);
    const submit = discord.sendModalSubmit({
      customId: 'posting-modal',
      fields: { text: '- TypeScript\n- SQL' },
    });
    const modalInteraction = await submitted;
    if (!modalInteraction.isModalSubmit()) throw new Error('expected a modal submission');
    expect(modalInteraction.customId).toBe('posting-modal');
    expect(modalInteraction.fields.getTextInputValue('text')).toBe('- TypeScript\n- SQL');
    expect(modalInteraction.user.id).toBe(guild.member('bob').user.id);
    expect(modalInteraction.locale).toBe('ko');
    await modalInteraction.reply({ content: 'saved' });
    expect((await submit.nextMessage()).content).toBe('saved');
  });

  it('answers autocomplete with respond()', async () => {
    const { received } = await withPostingCommand();
    const sent = discord.sendAutocomplete({
      name: 'posting',
      subcommand: 'search',
      options: { company: 'Ka' },
    });
    const interaction = await received;
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused(true)).toMatchObject({ name: 'company', value: 'Ka' });
    await interaction.respond([{ name: 'Kakao', value: 'kakao' }]);

    await expect(sent.response()).resolves.toMatchObject({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: 'Kakao', value: 'kakao' }] },
    });
  });

  it('clicks a button on the bot reply and receives the update', async () => {
    discord.addGuild();
    const client = await login();
    const received = nextInteraction(client);
    const sent = discord.sendCommand({ name: 'confirm' });
    const command = await received;
    if (!command.isChatInputCommand()) throw new Error('expected a chat-input command');
    await command.reply({
      content: 'Sure?',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('confirm:yes').setLabel('Yes').setStyle(ButtonStyle.Primary),
        ),
      ],
    });
    const reply = await sent.nextMessage();

    const clicked = nextInteraction(client);
    const click = discord.sendComponent({ customId: 'confirm:yes' });
    const button = await clicked;
    if (!button.isButton()) throw new Error('expected a button');
    expect(button.customId).toBe('confirm:yes');
    expect(button.message.id).toBe(reply.messageId);
    await button.update({ content: 'Confirmed', components: [] });

    expect((await click.response()).type).toBe(InteractionResponseType.UpdateMessage);
    expect(await click.nextMessage()).toMatchObject({ source: 'update', messageId: reply.messageId });
    expect(discord.message(reply.messageId)).toMatchObject({ content: 'Confirmed', components: [] });
  });

  it('delivers a string select’s choice, only among its options', async () => {
    discord.addGuild();
    const client = await login();
    const received = nextInteraction(client);
    const sent = discord.sendCommand({ name: 'pick' });
    const command = await received;
    if (!command.isChatInputCommand()) throw new Error('expected a chat-input command');
    await command.reply({
      content: 'Which?',
      components: [
        new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
          new StringSelectMenuBuilder()
            .setCustomId('pick:role')
            .setPlaceholder('Role')
            .addOptions({ label: 'Backend', value: 'backend' }, { label: 'Frontend', value: 'frontend' }),
        ),
      ],
    });
    const reply = await sent.nextMessage();
    expect(() =>
      discord.sendComponent({
        customId: 'pick:role',
        componentType: ComponentType.StringSelect,
        values: ['qa'],
      }),
    ).toThrow(/Not an option/);
    expect(() =>
      discord.sendComponent({
        customId: 'pick:role',
        componentType: ComponentType.StringSelect,
        values: ['backend', 'frontend'],
      }),
    ).toThrow(/takes 1–1 values/);

    const picked = nextInteraction(client);
    const pick = discord.sendComponent({
      customId: 'pick:role',
      componentType: ComponentType.StringSelect,
      values: ['frontend'],
    });
    const menu = await picked;
    if (!menu.isStringSelectMenu()) throw new Error('expected a string select');
    expect(menu.values).toEqual(['frontend']);
    expect(menu.message.id).toBe(reply.messageId);
    await menu.update({ content: 'Frontend it is', components: [] });
    expect(await pick.nextMessage()).toMatchObject({ source: 'update', content: 'Frontend it is' });
  });

  it('refuses components Discord refuses: a select with too many options, duplicate custom ids', async () => {
    const guild = discord.addGuild();
    const rest = restClient();
    const post = (components: unknown) =>
      rest.post(Routes.channelMessages(guild.channel().id), { body: { content: 'x', components } });
    const options = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `o${i}`, value: `v${i}` }));
    const select = (n: number) => ({
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.StringSelect, custom_id: 's', options: options(n) }],
    });
    await expect(post([select(25)])).resolves.toBeDefined();
    await expect(post([select(26)])).rejects.toMatchObject({ code: 50035 });
    await expect(post([select(0)])).rejects.toMatchObject({ code: 50035 });
    const button = (id: string) => ({ type: ComponentType.Button, style: 1, label: 'b', custom_id: id });
    await expect(
      post([{ type: ComponentType.ActionRow, components: [button('same'), button('same')] }]),
    ).rejects.toMatchObject({ code: 50035 });
    await expect(
      post([{ type: ComponentType.ActionRow, components: [button('a'), select(2).components[0]] }]),
    ).rejects.toMatchObject({ code: 50035 });
  });

  it('receives files in replies as parsed multipart', async () => {
    discord.addGuild();
    const client = await login();
    const received = nextInteraction(client);
    const sent = discord.sendCommand({ name: 'export' });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');
    await interaction.reply({
      content: 'export',
      files: [new AttachmentBuilder(Buffer.from('skill,count\nsql,3\n'), { name: 'skills.csv' })],
    });

    const message = await sent.nextMessage();
    expect(message.files).toMatchObject([
      { field: 'files[0]', name: 'skills.csv', text: 'skill,count\nsql,3\n' },
    ]);
    const attachment = message.message.attachments[0];
    expect(attachment?.filename).toBe('skills.csv');
    const download = await fetch(attachment?.url ?? '');
    expect(await download.text()).toBe('skill,count\nsql,3\n');
  });

  it('serves attachment options from its own CDN', async () => {
    discord.addGuild();
    const client = await login();
    const received = nextInteraction(client);
    discord.sendCommand({
      name: 'import',
      options: {
        file: { attachment: { name: 'postings.md', data: '# Backend\n- Go', contentType: 'text/markdown' } },
      },
    });
    const interaction = await received;
    if (!interaction.isChatInputCommand()) throw new Error('expected a chat-input command');

    const attachment = interaction.options.getAttachment('file', true);
    expect(attachment).toMatchObject({ name: 'postings.md', contentType: 'text/markdown', size: 14 });
    expect(attachment.url.startsWith(discord.origin)).toBe(true);
    expect(await (await fetch(attachment.url)).text()).toBe('# Backend\n- Go');
  });

  it('refuses a second callback and a late one, like Discord', async () => {
    discord = await restartWith({ callbackDeadlineMs: 100 });
    discord.addGuild();
    await login();
    const rest = restClient();
    const first = discord.sendCommand({ name: 'one' });
    const callback = {
      body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'a' } },
      auth: false,
    };
    await rest.post(Routes.interactionCallback(first.id, first.token), callback);
    await expect(
      rest.post(Routes.interactionCallback(first.id, first.token), callback),
    ).rejects.toMatchObject({
      code: 40060,
    });

    const late = discord.sendCommand({ name: 'two' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(rest.post(Routes.interactionCallback(late.id, late.token), callback)).rejects.toMatchObject({
      code: 10062,
    });
    expect(first.refusedCallbacks).toEqual([expect.stringContaining('40060')]);
    await expect(late.response({ timeoutMs: 20 })).rejects.toThrow(/refused: 10062 .* the limit is 100 ms/);
  });
});

describe('channel messages', () => {
  it('records channel sends with nonce, enforce_nonce, allowed mentions and files', async () => {
    const guild = discord.addGuild();
    const client = await login();
    const channel = await client.channels.fetch(guild.channel().id);
    if (!channel?.isSendable()) throw new Error('expected a sendable channel');

    const sent = await channel.send({
      content: 'Weekly digest',
      nonce: 'digest-2024-w1',
      enforceNonce: true,
      allowedMentions: { parse: [] },
      files: [new AttachmentBuilder(Buffer.from('hello'), { name: 'digest.txt' })],
    });

    const [recorded] = discord.channelMessages(guild.channel().id);
    expect(recorded).toMatchObject({ source: 'channel', messageId: sent.id, content: 'Weekly digest' });
    expect(recorded?.body).toMatchObject({
      nonce: 'digest-2024-w1',
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    expect(recorded?.files[0]).toMatchObject({ name: 'digest.txt', text: 'hello' });
  });

  it('dedupes a retried send with enforce_nonce: both requests recorded, one message', async () => {
    const guild = discord.addGuild();
    const client = await login();
    const channel = await client.channels.fetch(guild.channel().id);
    if (!channel?.isSendable()) throw new Error('expected a sendable channel');
    // Discord handles the first POST but the answer is lost (500): discord.js retries the same body.
    discord.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, handled: true });

    const sent = await channel.send({ content: 'once', nonce: 'n-1', enforceNonce: true });
    const again = await channel.send({ content: 'once', nonce: 'n-1', enforceNonce: true });

    const posts = discord.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(posts.map((r) => [r.status, r.injectedFailure, r.deduplicatedNonce])).toEqual([
      [500, true, false],
      [200, false, true],
      [200, false, true],
    ]);
    expect(discord.channelMessages(guild.channel().id)).toHaveLength(1);
    expect(again.id).toBe(sent.id);
  });

  it('refuses what Discord refuses: empty or oversized messages', async () => {
    const guild = discord.addGuild();
    const rest = restClient();
    await expect(rest.post(Routes.channelMessages(guild.channel().id), { body: {} })).rejects.toMatchObject({
      code: 50006,
    });
    await expect(
      rest.post(Routes.channelMessages(guild.channel().id), { body: { content: 'x'.repeat(2001) } }),
    ).rejects.toMatchObject({ code: 50035 });
  });
});

describe('REST', () => {
  it('registers global and guild commands with PUT', async () => {
    const guild = discord.addGuild();
    const rest = restClient();
    const body = [postingCommand.toJSON()];

    const global = (await rest.put(Routes.applicationCommands(discord.applicationId), { body })) as {
      id: string;
    }[];
    await rest.put(Routes.applicationGuildCommands(discord.applicationId, guild.id), { body });
    const again = (await rest.put(Routes.applicationCommands(discord.applicationId), { body })) as {
      id: string;
    }[];

    expect(discord.commands().map((c) => c.name)).toEqual(['posting']);
    expect(discord.commands({ guildId: guild.id })[0]).toMatchObject({ name: 'posting', guild_id: guild.id });
    expect(again[0]?.id).toBe(global[0]?.id);
    await expect(
      rest.put(Routes.applicationCommands(discord.applicationId), {
        body: [{ name: 'Bad Name', description: 'x' }],
      }),
    ).rejects.toBeInstanceOf(DiscordAPIError);
  });

  it('answers one injected 500, then succeeds on the retry', async () => {
    const rule = discord.failNext({ method: 'PUT', path: /\/commands$/, status: 500 });
    await restClient().put(Routes.applicationCommands(discord.applicationId), {
      body: [postingCommand.toJSON()],
    });

    expect(rule.hits).toHaveLength(1);
    expect(discord.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(discord.commands()).toHaveLength(1);
  });

  it('answers a 429 with retry_after and rate-limit headers, then succeeds', async () => {
    discord.failNext({ method: 'PUT', path: /\/commands$/, status: 429, retryAfter: 0.05 });
    const started = Date.now();
    await restClient().put(Routes.applicationCommands(discord.applicationId), {
      body: [postingCommand.toJSON()],
    });

    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    const [limited, succeeded] = discord.requests;
    expect(limited?.status).toBe(429);
    expect(limited?.response).toMatchObject({ retry_after: 0.05, global: false });
    expect(succeeded?.status).toBe(200);
  });

  it('checks the bot token and answers unknown routes with a Discord-style 404', async () => {
    await expect(
      new REST({ api: discord.apiUrl }).setToken('wrong').get(Routes.user()),
    ).rejects.toMatchObject({
      status: 401,
    });
    await expect(restClient().get('/nothing/here')).rejects.toMatchObject({ status: 404, code: 0 });
    expect(discord.unknownRequests.map((r) => r.path)).toEqual(['/nothing/here']);
    expect(discord.requests.every((r) => !('authorization' in r.headers))).toBe(true);
  });
});

describe('gateway', () => {
  it('acks heartbeats; on reconnect the client resumes and gets what was dispatched meanwhile, once', async () => {
    discord = await restartWith({ heartbeatIntervalMs: 40 });
    discord.addGuild();
    const client = await login();
    await waitUntil(() => discord.gatewayLog.some((p) => p.op === 1) && client.ws.ping >= 0);
    const seen: string[] = [];
    client.on(Events.InteractionCreate, (interaction) => seen.push(interaction.id));

    discord.requestReconnect();
    await waitUntil(() => !discord.gatewayConnected);
    const whileAway = discord.sendCommand({ name: 'while-away' });
    await discord.waitForReady();
    const afterwards = discord.sendCommand({ name: 'afterwards' });
    await waitUntil(() => seen.includes(afterwards.id));

    expect(seen).toEqual([whileAway.id, afterwards.id]);
    expect(discord.gatewayReadies.map((r) => r.resumed)).toEqual([false, true]);
    expect(discord.gatewayLog.filter((p) => p.op === 6)).toHaveLength(1);
  });

  it('speaks zlib-stream: every payload ends in a sync flush and inflates in one stream', async () => {
    const encoder = new ZlibStreamEncoder();
    const inflate = createInflate({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const decoded: string[] = [];
    inflate.on('data', (chunk: Buffer) => decoded.push(chunk.toString()));
    for (const payload of ['{"op":10}', '{"op":0,"t":"READY"}']) {
      const frame = encoder.encode(payload);
      expect([...frame.subarray(-4)]).toEqual([0, 0, 0xff, 0xff]);
      await new Promise<void>((resolve) => inflate.write(frame, () => inflate.flush(() => resolve())));
    }
    inflate.destroy();
    expect(decoded.join('')).toBe('{"op":10}{"op":0,"t":"READY"}');
  });

  it('closes cleanly with a client still connected, which then stops', async () => {
    discord.addGuild();
    const client = await login();
    const disconnected = once(client, Events.ShardDisconnect);
    await discord.close();
    await disconnected;
    await expect(fetch(discord.apiUrl)).rejects.toThrow();
  });
});

async function restartWith(options: Parameters<typeof startFakeDiscord>[0]): Promise<FakeDiscord> {
  await discord.close();
  return startFakeDiscord(options);
}

async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
