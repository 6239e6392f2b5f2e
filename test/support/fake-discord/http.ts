import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route answers; the REST layer adds rate-limit headers and records it. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes (for attachments) instead of JSON. */
  raw?: { data: Buffer; contentType: string };
}

export const MAX_BODY_BYTES = 30 * 1024 * 1024;

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

export function created(body: unknown): Reply {
  return { status: 201, body };
}

export const NO_CONTENT: Reply = { status: 204 };

/** A Discord JSON error: `{message, code}` plus `errors` for form validation failures. */
export function discordError(status: number, code: number, message: string, errors?: unknown): Reply {
  return { status, body: errors === undefined ? { message, code } : { message, code, errors } };
}

export const errors = {
  unauthorized: () => discordError(401, 0, '401: Unauthorized'),
  notFound: () => discordError(404, 0, '404: Not Found'),
  methodNotAllowed: () => discordError(405, 0, '405: Method Not Allowed'),
  unknownApplication: () => discordError(404, 10002, 'Unknown Application'),
  unknownChannel: () => discordError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => discordError(404, 10004, 'Unknown Guild'),
  unknownMember: () => discordError(404, 10007, 'Unknown Member'),
  unknownMessage: () => discordError(404, 10008, 'Unknown Message'),
  unknownUser: () => discordError(404, 10013, 'Unknown User'),
  unknownWebhook: () => discordError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => discordError(404, 10062, 'Unknown interaction'),
  unknownCommand: () => discordError(404, 10063, 'Unknown application command'),
  alreadyAcknowledged: () => discordError(400, 40060, 'Interaction has already been acknowledged.'),
  emptyMessage: () => discordError(400, 50006, 'Cannot send an empty message'),
  invalidJson: () => discordError(400, 50109, 'The request body contains invalid JSON.'),
  invalidFormBody: (formErrors: unknown) => discordError(400, 50035, 'Invalid Form Body', formErrors),
  tooLarge: () => discordError(413, 40005, 'Request entity too large'),
};

export function readRequestBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RangeError('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function writeReply(
  res: ServerResponse,
  reply: Reply,
  extraHeaders: Record<string, string> = {},
): void {
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
  if (reply.raw) {
    res.writeHead(reply.status, { ...headers, 'Content-Type': reply.raw.contentType });
    res.end(reply.raw.data);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(reply.body));
}

/** Builds Discord's nested `errors` object for a 50035 Invalid Form Body. */
export class FormErrors {
  readonly #root: Record<string, unknown> = {};
  #count = 0;

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.#root;
    for (const key of path) {
      const next = (node[String(key)] ?? {}) as Record<string, unknown>;
      node[String(key)] = next;
      node = next;
    }
    const list = (node._errors ?? []) as { code: string; message: string }[];
    list.push({ code, message });
    node._errors = list;
    this.#count += 1;
  }

  get empty(): boolean {
    return this.#count === 0;
  }

  toReply(): Reply {
    return errors.invalidFormBody(this.#root);
  }
}
