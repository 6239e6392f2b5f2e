import type { Reply } from './http.js';
import type { RecordedRequest } from './types.js';

export interface FailureInit {
  /** Any method when omitted. */
  method?: string;
  /** Matched against the path below `/api/v10`, without the query (`/channels/1/messages`). */
  path: RegExp | string;
  /** 5xx (discord.js retries these up to 3 times), 429 (retried after `retryAfter`), or any 4xx. */
  status: number;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** Seconds, for 429; default 0.05. Sent exactly, also in the `Retry-After` header. */
  retryAfter?: number;
  /** 429 only: a global rate limit. */
  global?: boolean;
  /** For 4xx: the Discord JSON error code and message. */
  code?: number;
  message?: string;
  /**
   * Carry out the request (e.g. create the message) and THEN answer with the failure, as when Discord
   * handled a request but the response never arrived. Default false: the request has no effect.
   */
  handled?: boolean;
}

/** A pending injected failure; `hits` are the requests it answered. */
export class FailureRule {
  remaining: number;
  readonly hits: RecordedRequest[] = [];

  constructor(readonly init: FailureInit) {
    this.remaining = init.times ?? 1;
  }

  matches(method: string, path: string): boolean {
    if (this.remaining <= 0) return false;
    if (this.init.method && this.init.method.toUpperCase() !== method) return false;
    return typeof this.init.path === 'string' ? this.init.path === path : this.init.path.test(path);
  }

  reply(bucket: string): Reply {
    const { status } = this.init;
    if (status === 429) return this.#rateLimited(bucket);
    if (status >= 500) return { status, body: { message: `${status}: ${statusText(status)}`, code: 0 } };
    return {
      status,
      body: { message: this.init.message ?? `${status}: ${statusText(status)}`, code: this.init.code ?? 0 },
    };
  }

  #rateLimited(bucket: string): Reply {
    return rateLimitedReply(bucket, this.init.retryAfter ?? 0.05, this.init.global ?? false);
  }
}

/** A 429 as Discord sends it: `retry_after` in seconds, in the body and the headers alike. */
export function rateLimitedReply(bucket: string, retryAfter: number, global: boolean): Reply {
  return {
    status: 429,
    headers: {
      'Retry-After': String(retryAfter),
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String((Date.now() / 1000 + retryAfter).toFixed(3)),
      'X-RateLimit-Reset-After': String(retryAfter),
      'X-RateLimit-Bucket': bucket,
      'X-RateLimit-Scope': global ? 'global' : 'user',
      ...(global ? { 'X-RateLimit-Global': 'true' } : {}),
    },
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global },
  };
}

/**
 * Discord's global limit: at most `perSecond` requests of a bot a second (a window opened by the first
 * request), interaction callbacks and webhooks (interaction follow-ups) not counted. Past it, a global 429
 * whose `retry_after` is the rest of the window.
 */
export class GlobalRateLimit {
  #windowStart = 0;
  #count = 0;

  constructor(readonly perSecond: number) {}

  /** Seconds to wait when this request is over the limit; undefined when it may go through (and counts). */
  take(path: string, now = Date.now()): number | undefined {
    if (/^\/(interactions|webhooks)\//.test(path)) return undefined;
    if (now - this.#windowStart >= 1000) {
      this.#windowStart = now;
      this.#count = 0;
    }
    if (this.#count >= this.perSecond) return Math.max(0.001, (this.#windowStart + 1000 - now) / 1000);
    this.#count += 1;
    return undefined;
  }
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return texts[status] ?? 'Error';
}

export class FailureInjector {
  readonly #rules: FailureRule[] = [];

  add(init: FailureInit): FailureRule {
    const rule = new FailureRule(init);
    this.#rules.push(rule);
    return rule;
  }

  /** Takes one use of the first matching rule. */
  take(method: string, path: string): FailureRule | undefined {
    const rule = this.#rules.find((r) => r.matches(method, path));
    if (rule) rule.remaining -= 1;
    return rule;
  }

  /** Rules that still have failures left to inject. */
  get pending(): FailureRule[] {
    return this.#rules.filter((r) => r.remaining > 0);
  }
}
