import { Cron } from 'croner';
import type { APIEmbed } from 'discord-api-types/v10';
import { digestReply } from '../commands/shared/digest-embed';
import type { Locale } from '../i18n';
import type { Logger } from '../logger';
import { type Clock, systemClock } from '../services/clock';
import type { DigestConfig, DigestModel, DigestService, DisabledReason } from '../services/digest';
import {
  CATCH_UP_MS,
  cronPattern,
  digestNonce,
  isoWeekKey,
  missedRun,
  previousRun,
} from '../services/digest/schedule';
import { createSendQueue } from './send-queue';

/** What the scheduler posts: a line, or an embed (with its chart). Sent with no allowed mentions. */
export interface DigestMessage {
  content?: string;
  embeds?: APIEmbed[];
  files?: { name: string; data: Buffer; description?: string }[];
}

/** Draws the chart a week's digest attaches (the week's radar); none for a quiet week. */
export type DigestChart = (
  guildId: string,
  model: DigestModel,
  locale: Locale,
) => Promise<{ name: string; data: Buffer; description?: string }[]>;

/**
 * Why a send failed, as the platform tells it: `gone` (channel deleted, bot not in the server) and
 * `forbidden` (no permission to view, send or embed) turn the server's digest off; `transient` (5xx, network)
 * is retried once; `rate-limited` (a 429) holds every send for the `retry_after` it gives, then is retried
 * once; `rejected` (the platform refused the message itself) is logged and not retried.
 */
export type DigestSendFailure = 'gone' | 'forbidden' | 'transient' | 'rate-limited' | 'rejected';

export class DigestSendError extends Error {
  constructor(
    readonly kind: DigestSendFailure,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.name = 'DigestSendError';
    this.retryAfterMs = options?.retryAfterMs ?? 0;
  }

  /** For `rate-limited`: how long the platform asked to wait. */
  readonly retryAfterMs: number;
}

const BUILDS_AT_ONCE = 4;

/** Runs at most `n` of the functions given at a time, the others waiting in order. */
function limit(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      // A finishing function hands its place straight to the next in line.
      if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
      else running += 1;
      try {
        return await fn();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}

/** Discord remembers a nonce for "a few minutes": a retry later than this after the first try is not sent. */
export const NONCE_RETRY_WINDOW_MS = 60_000;
/** Below Discord's global 50 requests a second, leaving room for the bot's other requests. */
export const DIGEST_SENDS_PER_SECOND = 40;

/**
 * Posts a message in a channel with a nonce that the platform must enforce (Discord: `enforce_nonce`), so
 * that sending the same nonce again returns the first message instead of posting twice.
 */
export type DigestSend = (
  channelId: string,
  message: DigestMessage,
  nonce: string,
) => Promise<{ messageId: string }>;

export interface DigestRunnerOptions {
  digest: DigestService;
  send: DigestSend;
  logger: Logger;
  clock?: Clock;
  /** Wait before the one retry of a failed send: well inside the minutes Discord remembers a nonce. */
  retryDelayMs?: number;
  /**
   * Digest messages a second, all servers together (default 40). With several shards each process gets its
   * share, since Discord's limit is per bot.
   */
  sendsPerSecond?: number;
  /** Whether this process runs the server's digest (the shard holding it); every server when unset. */
  owns?: (guildId: string) => boolean;
  /** The server's current preferred language, when the platform knows it. */
  localeOf?: (guildId: string) => Locale | undefined;
  chart?: DigestChart;
}

export type RunResult =
  | { status: 'posted'; week: string; messageId: string; attempts: number }
  | { status: 'skipped'; reason: 'off' | 'already-posted' | 'stopped' }
  | { status: 'disabled'; reason: DisabledReason }
  | { status: 'failed'; error: string };

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
const disabledReasonOf = (kind: DigestSendFailure): DisabledReason | undefined =>
  kind === 'gone' ? 'channel-missing' : kind === 'forbidden' ? 'no-permission' : undefined;

/**
 * One croner job per server with a digest, in the server's time zone. Runs of one server never overlap;
 * a week is marked as posted only after the send succeeded, and every attempt for that week carries the
 * same nonce, so neither a retry nor a second trigger can post twice. Nothing here throws into a timer.
 */
export function createDigestRunner(options: DigestRunnerOptions) {
  const { digest, send, logger } = options;
  const clock = options.clock ?? systemClock;
  const retryDelayMs = options.retryDelayMs ?? 15_000;
  const owns = options.owns ?? (() => true);
  // Real time, not the clock: the rate is Discord's, and a test's frozen clock must not stall the queue.
  const sends = createSendQueue(options.sendsPerSecond ?? DIGEST_SENDS_PER_SECOND);
  // A thousand servers due the same minute are built a few at a time, not a thousand charts at once.
  const building = limit(BUILDS_AT_ONCE);
  const jobs = new Map<string, { cron: Cron; pattern: string; timezone: string }>();
  const queues = new Map<string, Promise<unknown>>();
  const inFlight = new Set<Promise<unknown>>();
  let unsubscribe: (() => void) | undefined;
  let stopped = false;

  /** Runs fn after the server's earlier runs and refreshes: one thing at a time per server. */
  const serial = <T>(guildId: string, fn: () => Promise<T>): Promise<T> => {
    const run = (queues.get(guildId) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    queues.set(guildId, tail);
    inFlight.add(tail);
    void tail.then(() => {
      inFlight.delete(tail);
      if (queues.get(guildId) === tail) queues.delete(guildId);
    });
    return run;
  };

  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  const cancel = (guildId: string) => {
    const job = jobs.get(guildId);
    if (!job) return;
    job.cron.stop();
    jobs.delete(guildId);
    logger.debug({ guildId }, 'digest unscheduled');
  };

  const schedule = (guildId: string, config: DigestConfig) => {
    const pattern = cronPattern(config);
    const existing = jobs.get(guildId);
    if (existing && existing.pattern === pattern && existing.timezone === config.timezone) return;
    cancel(guildId);
    const cron = new Cron(
      pattern,
      { timezone: config.timezone, protect: true, unref: true, catch: (error) => logFailure(guildId, error) },
      () => {
        // The slot that fired (croner may call a moment late): the latest scheduled time up to a minute ahead.
        const now = clock.now();
        const slot = previousRun(config, new Date(now.getTime() + 60_000)) ?? now;
        // A timer that wakes long after its time (a suspended host) is a missed run, and those expire.
        if (now.getTime() - slot.getTime() >= CATCH_UP_MS) {
          logger.warn({ guildId, slot: slot.toISOString() }, 'digest run woke too late; skipped');
          return;
        }
        void trigger(guildId, slot, 'schedule');
      },
    );
    jobs.set(guildId, { cron, pattern, timezone: config.timezone });
    logger.info(
      { guildId, pattern, timezone: config.timezone, next: cron.nextRun()?.toISOString() },
      'digest scheduled',
    );
  };

  const logFailure = (guildId: string, error: unknown) =>
    logger.error({ err: asError(error), guildId }, 'digest run failed');

  const disable = async (guildId: string, config: DigestConfig, reason: DisabledReason, error: unknown) => {
    cancel(guildId);
    logger.warn(
      { guildId, channelId: config.channelId, reason, err: asError(error) },
      'digest turned off: cannot post in its channel',
    );
    await digest.disable(guildId, reason);
  };

  /**
   * Sends in turn (see send-queue.ts), and once more if the first failure may pass: after `retryDelayMs`
   * for a transient one, after Discord's `retry_after` (holding every send meanwhile) for a 429. Same nonce
   * both times, and no retry once the nonce may have been forgotten.
   */
  const sendWithRetry = async (guildId: string, channelId: string, message: DigestMessage, nonce: string) => {
    const started = Date.now();
    const attempt = async (retry: boolean) => {
      // A retry goes first in line, and not at all once the platform may have forgotten the nonce.
      await sends.turn({ first: retry });
      if (stopped) throw new DigestSendError('transient', 'the digest runner stopped before sending');
      if (retry && Date.now() - started >= NONCE_RETRY_WINDOW_MS)
        throw new DigestSendError('transient', 'the nonce may have expired; not retried');
      return send(channelId, message, nonce);
    };
    try {
      return { ...(await attempt(false)), attempts: 1 };
    } catch (error) {
      // Only a failure that may pass is tried again; unknown errors count as such (a lost response).
      const kind = error instanceof DigestSendError ? error.kind : 'transient';
      if ((kind !== 'transient' && kind !== 'rate-limited') || stopped) throw error;
      const waitMs = kind === 'rate-limited' ? (error as DigestSendError).retryAfterMs : retryDelayMs;
      if (waitMs >= NONCE_RETRY_WINDOW_MS) throw error;
      logger.warn(
        { guildId, channelId, nonce, kind, waitMs, err: asError(error) },
        'digest send failed; retrying once',
      );
      if (kind === 'rate-limited') sends.pause(waitMs);
      else await wait(waitMs);
      return { ...(await attempt(true)), attempts: 2 };
    }
  };

  /** The week's chart; a chart that cannot be drawn leaves the digest without one, not unposted. */
  const attachChart = async (guildId: string, model: DigestModel, locale: Locale) => {
    if (!options.chart || model.newPostings === 0) return [];
    try {
      return await options.chart(guildId, model, locale);
    } catch (error) {
      logger.warn({ guildId, err: asError(error) }, 'digest chart not drawn; posting without it');
      return [];
    }
  };

  /** The week's message, with its chart. */
  const compose = async (guildId: string, config: DigestConfig, week: string): Promise<DigestMessage> => {
    const now = clock.now();
    const locale = options.localeOf?.(guildId) ?? config.locale ?? 'ko';
    const model = await digest.build(guildId, { now, week, timezone: config.timezone });
    const reply = digestReply(model, locale);
    const files = await attachChart(guildId, model, locale);
    const [first, ...rest] = reply.embeds ?? [];
    const embeds =
      first && files[0]
        ? [{ ...first, image: { url: `attachment://${files[0].name}` } }, ...rest]
        : reply.embeds;
    return {
      ...(reply.content ? { content: reply.content } : {}),
      ...(embeds ? { embeds } : {}),
      ...(embeds && files.length > 0 ? { files } : {}),
    };
  };

  /** Makes the digest of the week `slot` falls in, unless that week has one already. */
  const run = async (guildId: string, slot: Date): Promise<RunResult> => {
    if (stopped) return { status: 'skipped', reason: 'stopped' };
    const config = await digest.get(guildId);
    if (!config?.enabled) return { status: 'skipped', reason: 'off' };
    const week = isoWeekKey(slot, config.timezone);
    const last = await digest.lastPosted(guildId);
    if (last?.week === week) return { status: 'skipped', reason: 'already-posted' };

    const message = await building.run(() => compose(guildId, config, week));
    const now = clock.now();
    const nonce = digestNonce(guildId, week);
    try {
      const sent = await sendWithRetry(guildId, config.channelId, message, nonce);
      await digest.recordPosted(guildId, {
        week,
        channelId: config.channelId,
        messageId: sent.messageId,
        now,
      });
      logger.info(
        { guildId, channelId: config.channelId, week, messageId: sent.messageId, attempts: sent.attempts },
        'digest posted',
      );
      return { status: 'posted', week, messageId: sent.messageId, attempts: sent.attempts };
    } catch (error) {
      if (stopped) return { status: 'skipped', reason: 'stopped' };
      const reason = error instanceof DigestSendError ? disabledReasonOf(error.kind) : undefined;
      if (reason) {
        await disable(guildId, config, reason, error);
        return { status: 'disabled', reason };
      }
      logger.error(
        { guildId, channelId: config.channelId, week, err: asError(error) },
        'digest not posted this time; the week stays open',
      );
      return { status: 'failed', error: asError(error).message };
    }
  };

  const trigger = (
    guildId: string,
    slot: Date,
    cause: 'schedule' | 'catch-up' | 'manual',
  ): Promise<RunResult> =>
    serial(guildId, () =>
      run(guildId, slot).catch((error: unknown): RunResult => {
        logFailure(guildId, error);
        return { status: 'failed', error: asError(error).message };
      }),
    ).then((result) => {
      logger.debug({ guildId, cause, slot: slot.toISOString(), result }, 'digest run');
      return result;
    });

  /** Schedules (or unschedules) a server from its stored settings. */
  const refresh = (guildId: string): Promise<void> =>
    serial(guildId, async () => {
      if (stopped) return;
      const config = await digest.get(guildId);
      if (config?.enabled && owns(guildId)) schedule(guildId, config);
      else cancel(guildId);
    }).catch((error: unknown) => logFailure(guildId, error));

  /** At start: a run missed less than 24 hours ago whose week has no digest is made now. */
  const catchUp = async (guildId: string): Promise<RunResult | undefined> => {
    const config = await digest.get(guildId);
    if (!config?.enabled) return undefined;
    const last = await digest.lastPosted(guildId);
    const missed = missedRun(config, clock.now(), last?.week);
    if (!missed) return undefined;
    logger.info({ guildId, missed: missed.toISOString() }, 'digest missed while down; posting now');
    return trigger(guildId, missed, 'catch-up');
  };

  return {
    /** Schedules every server with a digest, makes up runs missed within 24 hours, and follows changes. */
    async start(): Promise<{ scheduled: number; caughtUp: RunResult[] }> {
      stopped = false;
      unsubscribe ??= digest.onChange(({ guildId }) => void refresh(guildId));
      const guilds = (await digest.configuredGuilds()).filter(owns);
      await Promise.all(guilds.map((guildId) => refresh(guildId)));
      const caughtUp: RunResult[] = [];
      for (const guildId of guilds) {
        const result = await catchUp(guildId).catch((error: unknown) => {
          logFailure(guildId, error);
          return undefined;
        });
        if (result) caughtUp.push(result);
      }
      return { scheduled: jobs.size, caughtUp };
    },

    refresh,

    /** The bot left the server: no more digests there until someone sets it again. */
    async guildRemoved(guildId: string): Promise<void> {
      cancel(guildId);
      await serial(guildId, async () => {
        const config = await digest.get(guildId);
        if (config?.enabled) await digest.disable(guildId, 'left-guild');
      }).catch((error: unknown) => logFailure(guildId, error));
    },

    /** Runs a server's digest for the week of `slot` now (tests, and the catch-up path). */
    runNow: (guildId: string, slot: Date = clock.now()) => trigger(guildId, slot, 'manual'),

    /** The next run of each scheduled server. */
    scheduled(): Map<string, Date | null> {
      return new Map([...jobs].map(([guildId, job]) => [guildId, job.cron.nextRun()]));
    },

    /** Resolves once no run or refresh is under way. */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },

    /** Stops every job and waits for runs already under way. */
    async stop(): Promise<void> {
      stopped = true;
      sends.release();
      unsubscribe?.();
      unsubscribe = undefined;
      for (const guildId of [...jobs.keys()]) cancel(guildId);
      await Promise.all([...inFlight]);
    },
  };
}
export type DigestRunner = ReturnType<typeof createDigestRunner>;
