import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ServerHandlers {
  request(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void;
}

/** One HTTP server on 127.0.0.1 for both REST (and attachments) and the WebSocket gateway. */
export class FakeServer {
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async listen(handlers: ServerHandlers): Promise<FakeServer> {
    const server = createServer((req, res) => {
      handlers.request(req, res, requestUrl(req)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: `fake Discord crashed: ${String(error)}`, code: 0 }));
      });
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = requestUrl(req);
      if (url.pathname !== '/') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      handlers.upgrade(req, socket, head, url);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // A test that forgets close() must not keep the process alive because of the fake.
    server.unref();
    return new FakeServer(server, (server.address() as AddressInfo).port);
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://127.0.0.1');
}
