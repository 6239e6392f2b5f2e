import { createHash } from 'node:crypto';
import type { Reply } from './http.js';
import type { RecordedRequest, UploadedFile } from './types.js';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  request: RecordedRequest;
}

export interface Route {
  method: string;
  /** e.g. `/channels/:channelId/messages` */
  pattern: string;
  /** Whether the route needs `Authorization: Bot <token>` (webhook and interaction routes use their token). */
  auth: boolean;
  /** The rate-limit bucket hash the fake reports for this route. */
  bucket: string;
  handle(context: RouteContext): Reply | Promise<Reply>;
  regex: RegExp;
}

export function route(
  method: string,
  pattern: string,
  handle: Route['handle'],
  { auth = true }: { auth?: boolean } = {},
): Route {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '(?<$1>[^/]+)');
  return {
    method,
    pattern,
    auth,
    bucket: createHash('sha1').update(`${method} ${pattern}`).digest('hex').slice(0, 32),
    handle,
    regex: new RegExp(`^${source}$`),
  };
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const candidate of routes) {
    const match = candidate.regex.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (candidate.method !== method) continue;
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]),
    );
    return { kind: 'found', route: candidate, params };
  }
  return pathMatched ? { kind: 'wrong-method' } : { kind: 'none' };
}
