import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type ApplicationFlags,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  type GatewayIdentifyData,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GatewayRequestGuildMembersData,
  type GatewayResumeData,
} from 'discord-api-types/v10';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { type PayloadEncoder, perPayloadDeflate, plainJson, ZlibStreamEncoder } from './compression.js';
import { DEFAULT_WAIT_MS, Feed } from './feed.js';
import type { FakeState } from './state.js';

export interface GatewayOptions {
  state: FakeState;
  heartbeatIntervalMs: number;
  /** `ws://127.0.0.1:PORT`, for `resume_gateway_url`. */
  url: () => string;
}

/** A payload the client sent over the gateway; identify/resume tokens are redacted. */
export interface GatewayReceived {
  op: GatewayOpcodes;
  d: unknown;
  at: number;
}

export interface GatewayReady {
  sessionId: string;
  resumed: boolean;
}

interface DispatchPayload {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  intents: number;
  /** `[shard_id, num_shards]` from IDENTIFY; without it the session holds every guild. */
  shard: [number, number] | undefined;
  seq: number;
  /** Recent dispatches, replayed on resume. */
  events: DispatchPayload[];
  connection: Connection | undefined;
}

const REPLAY_LIMIT = 1000;
/** Closing with this stops discord.js for good; anything resumable would make it reconnect forever. */
const FINAL_CLOSE_CODE = GatewayCloseCodes.AuthenticationFailed;

class Connection {
  session: Session | undefined;
  encoder: PayloadEncoder;

  constructor(
    readonly ws: WebSocket,
    zlibStream: boolean,
  ) {
    this.encoder = zlibStream ? new ZlibStreamEncoder() : plainJson;
  }

  send(payload: object): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    const encoded = this.encoder.encode(JSON.stringify(payload));
    this.ws.send(encoded, { binary: typeof encoded !== 'string' });
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING)
      this.ws.close(code, reason);
  }
}

/** The WebSocket gateway: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE, RESUME with replay, dispatch. */
export class Gateway {
  readonly received: GatewayReceived[] = [];
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 4096 * 1024 });
  readonly #connections = new Set<Connection>();
  readonly #sessions = new Map<string, Session>();
  readonly #ready = new Feed<GatewayReady>();

  constructor(private readonly options: GatewayOptions) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, url.searchParams));
  }

  /** Sessions that READY (or RESUMED) so far, in order. */
  get readies(): readonly GatewayReady[] {
    return this.#ready.items;
  }

  /** Whether a client is connected with a live session right now. */
  get connected(): boolean {
    return [...this.#sessions.values()].some((s) => s.connection);
  }

  /** Whether any session exists (connected, or disconnected but resumable). */
  get hasSession(): boolean {
    return this.#sessions.size > 0;
  }

  /** Resolves once a client is connected and has been sent READY (or RESUMED). */
  waitForReady({ timeoutMs = DEFAULT_WAIT_MS }: { timeoutMs?: number } = {}): Promise<GatewayReady> {
    const current = [...this.#ready.items].reverse().find((r) => this.#sessions.get(r.sessionId)?.connection);
    if (current) return Promise.resolve(current);
    return this.#ready.at(this.#ready.items.length, timeoutMs, () => 'no client identified on the gateway');
  }

  /** The `[shard_id, num_shards]` of every session with a live connection (undefined: unsharded). */
  get shards(): ([number, number] | undefined)[] {
    return [...this.#sessions.values()].filter((s) => s.connection).map((s) => s.shard);
  }

  /**
   * Sends a dispatch to every session that should get it: guild events and interactions go to the shard
   * holding the guild (Discord's formula), the rest (DMs) to shard 0. A disconnected session gets it on
   * resume. Returns how many got it.
   */
  dispatch(event: GatewayDispatchEvents | string, data: unknown): number {
    const guildId = guildOf(event, data);
    const sessions = [...this.#sessions.values()].filter(
      (s) => wants(s, event) && (guildId === undefined ? (s.shard?.[0] ?? 0) === 0 : holds(s, guildId)),
    );
    for (const session of sessions) this.#dispatchTo(session, event, data);
    return sessions.length;
  }

  /** Op 7: asks clients to reconnect and resume. */
  requestReconnect(): void {
    for (const connection of this.#connections) connection.send({ op: GatewayOpcodes.Reconnect, d: null });
  }

  /** Op 9: tells clients their session is invalid (resumable or not). */
  invalidateSessions(resumable: boolean): void {
    for (const connection of this.#connections)
      connection.send({ op: GatewayOpcodes.InvalidSession, d: resumable });
    if (!resumable) this.#sessions.clear();
  }

  /** Closes every connection with `code` (default 4000, after which discord.js resumes). */
  dropConnections(code: number = GatewayCloseCodes.UnknownError, reason = 'dropped by the fake'): void {
    for (const connection of this.#connections) connection.close(code, reason);
  }

  async close(): Promise<void> {
    this.#ready.close('fake Discord closed');
    const closing = [...this.#connections].map((connection) => closeConnection(connection));
    await Promise.all(closing);
    this.#sessions.clear();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(ws: WebSocket, query: URLSearchParams): void {
    const compress = query.get('compress');
    const connection = new Connection(ws, compress === 'zlib-stream');
    this.#connections.add(connection);
    ws.on('message', (data, isBinary) => this.#onMessage(connection, data, isBinary));
    ws.on('close', (code) => this.#onClose(connection, code));
    ws.on('error', () => connection.close(GatewayCloseCodes.DecodeError, 'socket error'));
    const refusal = refuseQuery(query);
    if (refusal) {
      connection.close(GatewayCloseCodes.InvalidAPIVersion, refusal);
      return;
    }
    connection.send({
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs },
    });
  }

  #onClose(connection: Connection, code: number): void {
    this.#connections.delete(connection);
    const { session } = connection;
    if (session?.connection === connection) session.connection = undefined;
    // Closing with 1000/1001 ends the session for good, as on Discord.
    if (session && (code === 1000 || code === 1001)) this.#sessions.delete(session.id);
  }

  #onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    const payload = isBinary ? undefined : parsePayload(data);
    if (!payload) {
      connection.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    this.received.push({ op: payload.op, d: redactToken(payload.d), at: Date.now() });
    const authenticatedOnly = ![
      GatewayOpcodes.Heartbeat,
      GatewayOpcodes.Identify,
      GatewayOpcodes.Resume,
    ].includes(payload.op);
    if (authenticatedOnly && !connection.session) {
      connection.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        connection.send({ op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify:
        this.#identify(connection, payload.d as GatewayIdentifyData);
        return;
      case GatewayOpcodes.Resume:
        this.#resume(connection, payload.d as GatewayResumeData);
        return;
      case GatewayOpcodes.RequestGuildMembers:
        this.#sendMembers(connection, payload.d as GatewayRequestGuildMembersData);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        return;
      default:
        connection.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  #identify(connection: Connection, identify: GatewayIdentifyData): void {
    const refusal = this.#identifyRefusal(connection, identify);
    if (refusal) {
      connection.close(...refusal);
      return;
    }
    if (identify.compress && connection.encoder === plainJson) connection.encoder = perPayloadDeflate;
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      intents: identify.intents,
      shard: identify.shard,
      seq: 0,
      events: [],
      connection,
    };
    this.#sessions.set(session.id, session);
    connection.session = session;
    this.#dispatchTo(session, GatewayDispatchEvents.Ready, this.#readyData(session, identify.shard));
    if (wants(session, GatewayDispatchEvents.GuildCreate)) {
      for (const guild of this.options.state.guilds.values()) {
        if (holds(session, guild.id))
          this.#dispatchTo(session, GatewayDispatchEvents.GuildCreate, guild.payload);
      }
    }
    this.#ready.push({ sessionId: session.id, resumed: false });
  }

  #identifyRefusal(connection: Connection, identify: GatewayIdentifyData): [number, string] | null {
    if (connection.session) return [GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.'];
    if (identify.token !== this.options.state.token)
      return [GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.'];
    if (typeof identify.intents !== 'number') return [GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).'];
    const { shard } = identify;
    if (shard && !(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1]))
      return [GatewayCloseCodes.InvalidShard, 'Invalid shard.'];
    return null;
  }

  #readyData(session: Session, shard: GatewayIdentifyData['shard']): GatewayReadyDispatchData {
    const { state } = this.options;
    return {
      v: 10,
      user: { ...state.botUser, bot: true, verified: true, mfa_enabled: false },
      guilds: [...state.guilds.keys()]
        .filter((id) => holds(session, id))
        .map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.url(),
      ...(shard ? { shard } : {}),
      application: { id: state.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
  }

  #resume(connection: Connection, resume: GatewayResumeData): void {
    if (connection.session) {
      connection.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    const session = this.#sessions.get(resume.session_id);
    if (!session || resume.token !== this.options.state.token || resume.seq > session.seq) {
      connection.send({ op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    session.connection?.close(GatewayCloseCodes.SessionTimedOut, 'Session resumed elsewhere.');
    session.connection = connection;
    connection.session = session;
    for (const event of session.events) if (event.s > resume.seq) connection.send(event);
    this.#dispatchTo(session, GatewayDispatchEvents.Resumed, null);
    this.#ready.push({ sessionId: session.id, resumed: true });
  }

  #sendMembers(connection: Connection, request: GatewayRequestGuildMembersData): void {
    const guildIds = Array.isArray(request.guild_id) ? request.guild_id : [request.guild_id];
    for (const guildId of guildIds) {
      const guild = this.options.state.guilds.get(guildId);
      if (!guild || !connection.session) continue;
      const wanted =
        'user_ids' in request && request.user_ids !== undefined ? [request.user_ids].flat() : undefined;
      const query = 'query' in request ? request.query.toLowerCase() : '';
      const matching = guild.members.filter((m) =>
        wanted ? wanted.includes(m.user.id) : m.user.username.toLowerCase().startsWith(query),
      );
      const limit = 'limit' in request ? request.limit : 0;
      const members = limit ? matching.slice(0, limit) : matching;
      this.#dispatchTo(connection.session, GatewayDispatchEvents.GuildMembersChunk, {
        guild_id: guildId,
        members,
        chunk_index: 0,
        chunk_count: 1,
        ...(wanted ? { not_found: wanted.filter((id) => !members.some((m) => m.user.id === id)) } : {}),
        ...(request.nonce ? { nonce: request.nonce } : {}),
      });
    }
  }

  #dispatchTo(session: Session, event: string, data: unknown): void {
    session.seq += 1;
    const payload: DispatchPayload = { op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d: data };
    session.events.push(payload);
    if (session.events.length > REPLAY_LIMIT) session.events.shift();
    session.connection?.send(payload);
  }
}

/** Guild events need the GUILDS intent; everything else the fake sends (interactions…) needs none. */
const GUILD_EVENTS = new Set<string>([GatewayDispatchEvents.GuildCreate, GatewayDispatchEvents.GuildDelete]);

function wants(session: Session, event: string): boolean {
  return !GUILD_EVENTS.has(event) || (session.intents & GatewayIntentBits.Guilds) !== 0;
}

/** The shard a guild belongs to, as Discord counts: (guild_id >> 22) % num_shards. */
export const shardOf = (guildId: string, count: number): number =>
  Number((BigInt(guildId) >> 22n) % BigInt(count));

function holds(session: Session, guildId: string): boolean {
  return !session.shard || shardOf(guildId, session.shard[1]) === session.shard[0];
}

/** The guild a dispatch is about: GUILD_CREATE/DELETE carry it as `id`, the rest as `guild_id`. */
function guildOf(event: string, data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const key = GUILD_EVENTS.has(event) ? 'id' : 'guild_id';
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

function refuseQuery(query: URLSearchParams): string | null {
  if (query.get('v') !== '10') return `fake Discord speaks gateway v10 only (got v=${query.get('v')})`;
  const encoding = query.get('encoding') ?? 'json';
  if (encoding !== 'json') return `fake Discord speaks encoding=json only (got ${encoding})`;
  const compress = query.get('compress');
  if (compress !== null && compress !== 'zlib-stream')
    return `fake Discord supports compress=zlib-stream only (got ${compress})`;
  return null;
}

function parsePayload(data: RawData): { op: GatewayOpcodes; d: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(data.toString());
    if (typeof parsed === 'object' && parsed !== null && 'op' in parsed && typeof parsed.op === 'number') {
      return { op: parsed.op, d: 'd' in parsed ? parsed.d : undefined };
    }
  } catch {
    // fall through: not JSON
  }
  return undefined;
}

function redactToken(d: unknown): unknown {
  return typeof d === 'object' && d !== null && 'token' in d ? { ...d, token: '[redacted]' } : d;
}

/** Closes a connection so the client stops for good, and waits (briefly) for the close to complete. */
function closeConnection(connection: Connection): Promise<void> {
  const { ws } = connection;
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), 1000);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    connection.close(FINAL_CLOSE_CODE, 'fake Discord closed');
  });
}
