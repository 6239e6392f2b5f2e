import type { IncomingMessage, ServerResponse } from 'node:http';
import { FailureInjector, type FailureRule, GlobalRateLimit, rateLimitedReply } from './failures.js';
import { errors, type Reply, readRequestBody, writeReply } from './http.js';
import { BodyError, parseBody } from './multipart.js';
import { matchRoute, type Route } from './router.js';
import { channelRoutes } from './routes-channels.js';
import { commandRoutes } from './routes-commands.js';
import { coreRoutes } from './routes-core.js';
import { interactionRoutes } from './routes-interactions.js';
import type { FakeState } from './state.js';
import type { RecordedRequest } from './types.js';

const API_PREFIX = /^\/api(?:\/v(\d+))?(?=\/)/;

/** The REST half of the fake: records every request, checks auth, injects failures, runs the route. */
export class RestApi {
  readonly failures = new FailureInjector();
  readonly #routes: Route[];

  readonly #globalLimit: GlobalRateLimit | undefined;

  constructor(
    private readonly state: FakeState,
    gatewayUrl: () => string,
    options: { globalRateLimit?: number; shards: number; maxConcurrency: number },
  ) {
    const { globalRateLimit } = options;
    this.#globalLimit = globalRateLimit === undefined ? undefined : new GlobalRateLimit(globalRateLimit);
    this.#routes = [
      ...coreRoutes(state, gatewayUrl, options),
      ...channelRoutes(state),
      ...interactionRoutes(state),
      ...commandRoutes(state),
    ];
  }

  /** Whether this HTTP request is for the API (as opposed to the CDN). */
  static handles(pathname: string): boolean {
    return API_PREFIX.test(pathname);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const version = API_PREFIX.exec(url.pathname)?.[1];
    const record: RecordedRequest = {
      method,
      path: url.pathname.replace(API_PREFIX, ''),
      query: url.searchParams,
      apiVersion: version === undefined ? null : Number(version),
      headers: publicHeaders(req),
      authenticated: req.headers.authorization === `Bot ${this.state.token}`,
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
      at: Date.now(),
      injectedFailure: false,
      deduplicatedNonce: false,
    };
    this.state.requests.push(record);
    const { reply, bucket } = await this.#answer(req, record).catch((error: unknown) => crashed(error));
    record.status = reply.status;
    record.response = reply.body;
    writeReply(res, reply, rateLimitHeaders(bucket));
  }

  async #answer(req: IncomingMessage, record: RecordedRequest): Promise<{ reply: Reply; bucket?: string }> {
    const bodyError = await this.#readBody(req, record);
    if (bodyError) return { reply: bodyError };
    const match = matchRoute(this.#routes, record.method, record.path);
    if (match.kind === 'none') return { reply: errors.notFound() };
    if (match.kind === 'wrong-method') return { reply: errors.methodNotAllowed() };
    const { route, params } = match;
    if (route.auth && !record.authenticated) return { reply: errors.unauthorized(), bucket: route.bucket };
    if (record.apiVersion !== 10) return { reply: errors.notFound(), bucket: route.bucket };
    const wait = this.#globalLimit?.take(record.path);
    if (wait !== undefined)
      return { reply: rateLimitedReply(route.bucket, wait, true), bucket: route.bucket };
    const failure = this.failures.take(record.method, record.path);
    if (failure && !failure.init.handled)
      return { reply: this.#fail(failure, record, route), bucket: route.bucket };
    const reply = await route.handle({
      params,
      query: record.query,
      body: record.body,
      files: record.files,
      request: record,
    });
    return { reply: failure ? this.#fail(failure, record, route) : reply, bucket: route.bucket };
  }

  /** Reads and parses the body into the record; returns an error reply when it cannot. */
  async #readBody(req: IncomingMessage, record: RecordedRequest): Promise<Reply | null> {
    try {
      const parsed = await parseBody(req.headers['content-type'], await readRequestBody(req));
      record.body = parsed.json;
      record.files = parsed.files;
      return null;
    } catch (error) {
      if (error instanceof BodyError) return errors.invalidJson();
      if (error instanceof RangeError) return errors.tooLarge();
      throw error;
    }
  }

  #fail(failure: FailureRule, record: RecordedRequest, route: Route): Reply {
    record.injectedFailure = true;
    failure.hits.push(record);
    return failure.reply(route.bucket);
  }
}

/** A bug in the fake itself: answered 500 (discord.js retries, then fails) and printed. */
function crashed(error: unknown): { reply: Reply; bucket?: string } {
  console.error('fake Discord: a route crashed', error);
  return { reply: { status: 500, body: { message: `fake Discord crashed: ${String(error)}`, code: 0 } } };
}

function publicHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Headers Discord sends on routed answers; generous enough that discord.js never waits on its own. */
function rateLimitHeaders(bucket: string | undefined): Record<string, string> {
  if (bucket === undefined) return {};
  return {
    'X-RateLimit-Limit': '50',
    'X-RateLimit-Remaining': '49',
    'X-RateLimit-Reset': (Date.now() / 1000 + 1).toFixed(3),
    'X-RateLimit-Reset-After': '1.000',
    'X-RateLimit-Bucket': bucket,
  };
}
