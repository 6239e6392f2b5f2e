import { Writable } from 'node:stream';
import { pino } from 'pino';
import { vi } from 'vitest';
import type { Logger } from '../../src/logger';
import {
  type DigestMessage,
  type DigestRunner,
  type DigestSend,
  DigestSendError,
  type DigestSendFailure,
} from '../../src/scheduler/digest-runner';
import { createServices } from '../../src/services';
import { systemClock } from '../../src/services/clock';
import { createStore } from '../../src/services/store/repository';
import { miniRoles, miniTaxonomy } from './services';

export interface LogLine {
  level: number;
  msg?: string;
  guildId?: string;
  [key: string]: unknown;
}

/** A logger that keeps its records for the test to read. */
export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

/** Services over an in-memory store, on the (fake) system clock. */
export function memoryServices() {
  const store = createStore(new Map());
  return createServices({ store, clock: systemClock, taxonomy: miniTaxonomy(), roles: miniRoles() });
}

/** Fakes Date and timers, but not setImmediate/nextTick, which the store's promises may need. */
export function useFakeTime(iso: string) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date(iso));
}

export interface Post {
  id: string;
  channelId: string;
  nonce: string;
  message: DigestMessage;
  at: string;
}

export interface Call {
  channelId: string;
  nonce: string;
  at: string;
  outcome: 'created' | 'deduplicated' | 'failed';
}

/**
 * A channel API that behaves like Discord's for the digest: nonces are enforced per channel, failures can
 * be injected, optionally after the message was created (a response lost on the way back).
 */
export function fakeChannels(channels: string[]) {
  const open = new Set(channels);
  const posts: Post[] = [];
  const calls: Call[] = [];
  const nonces = new Map<string, string>();
  const failures: { kind: DigestSendFailure; handled: boolean }[] = [];
  let next = 1;
  const send: DigestSend = async (channelId, message, nonce) => {
    const at = new Date().toISOString();
    if (!open.has(channelId)) {
      calls.push({ channelId, nonce, at, outcome: 'failed' });
      throw new DigestSendError('gone', 'Unknown Channel');
    }
    const failure = failures.shift();
    const existing = nonces.get(`${channelId}:${nonce}`);
    if (failure && !failure.handled) {
      calls.push({ channelId, nonce, at, outcome: 'failed' });
      throw new DigestSendError(failure.kind, `injected ${failure.kind}`);
    }
    let id = existing;
    if (!id) {
      id = `m${next++}`;
      nonces.set(`${channelId}:${nonce}`, id);
      posts.push({ id, channelId, nonce, message, at });
    }
    if (failure) {
      calls.push({ channelId, nonce, at, outcome: 'failed' });
      throw new DigestSendError(failure.kind, `injected ${failure.kind} after the message was created`);
    }
    calls.push({ channelId, nonce, at, outcome: existing ? 'deduplicated' : 'created' });
    return { messageId: id };
  };
  return {
    send,
    posts,
    calls,
    inChannel: (channelId: string) => posts.filter((p) => p.channelId === channelId),
    fail: (kind: DigestSendFailure, options: { handled?: boolean; times?: number } = {}) => {
      for (let i = 0; i < (options.times ?? 1); i++)
        failures.push({ kind, handled: options.handled ?? false });
    },
    remove: (channelId: string) => open.delete(channelId),
  };
}

/** Moves fake time on in steps until the runner has nothing under way (a retry waits on a timer). */
export async function settle(runner: DigestRunner, stepMs = 1_000, maxMs = 120_000): Promise<void> {
  let done = false;
  const idle = runner.idle().then(() => {
    done = true;
  });
  for (let waited = 0; !done && waited < maxMs; waited += stepMs) await vi.advanceTimersByTimeAsync(stepMs);
  await idle;
}

/** Jumps the clock (as after a sleep) and lets the jobs' timers notice. */
export async function jumpTo(runner: DigestRunner, iso: string): Promise<void> {
  vi.setSystemTime(new Date(iso));
  await vi.advanceTimersByTimeAsync(30_000);
  await settle(runner);
}
