import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { Connection } from '../protocol/connection';
import { RealtimeServer } from '../protocol/realtime-server';

const APP_PATH = /^\/app\/([^/?#]+)\/?$/;

/** Transport glue: `ws` sockets on the HTTP server's upgrade path `/app/{key}`, handed to the protocol. */
export class WebSocketGateway {
  private readonly wss: WebSocketServer;

  constructor(
    private readonly server: RealtimeServer,
    maxPayloadBytes: number,
  ) {
    // Frames above the protocol limit still get a pusher:error; only absurd ones are cut by ws (1009).
    this.wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(maxPayloadBytes * 8, 64 * 1024) });
  }

  attach(http: Server): void {
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const match = APP_PATH.exec(url.pathname);
      if (!match) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) =>
        this.accept(
          ws,
          decodeURIComponent(match[1]),
          request.headers.origin,
          url.searchParams.get('protocol'),
        ),
      );
    });
  }

  private accept(ws: WebSocket, appKey: string, origin: string | undefined, protocol: string | null): void {
    let queue: Promise<unknown> = Promise.resolve();
    let connection: Connection | undefined;
    const opened = this.server
      .open({ appKey, origin, protocol: protocol ?? undefined }, ws)
      .then((c) => (connection = c))
      .catch(() => ws.close(4200, 'Internal error; reconnect'));
    queue = opened;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      const text = isBinary ? '' : Array.isArray(data) ? Buffer.concat(data).toString() : data.toString();
      queue = queue.then(() => (connection ? this.server.message(connection, text, size) : undefined));
    });
    ws.on('ping', () => connection?.touch());
    ws.on('pong', () => connection?.touch());
    ws.on('error', () => undefined);
    ws.on('close', () => {
      queue = queue
        .then(() => (connection ? this.server.closed(connection) : undefined))
        .catch(() => undefined);
    });
  }

  /** Closes sockets still open after the drain (those that ignored 4200). */
  terminateAll(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  get clientCount(): number {
    return this.wss.clients.size;
  }
}
