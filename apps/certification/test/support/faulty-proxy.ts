import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '@oversing/testing';

/** A request as it went through the proxy. */
export interface ProxiedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
}

/**
 * A TCP proxy in front of a real service, standing for the network between a client and it: it forwards
 * every request as is and records its request line and Idempotency-Key; on demand it loses answers (the
 * service's response never reaches the client) and drops the connections, so the client sees a dropped
 * connection while the service goes on with the request. Test support only.
 */
export class FaultyProxy {
  readonly requests: ProxiedRequest[] = [];
  /** Requests whose connection gets no more answers (and is dropped by `drop`); none when null. */
  loseAnswersTo: ((request: ProxiedRequest) => boolean) | null = null;
  private readonly losing = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(targetPort: number): Promise<FaultyProxy> {
    const port = await freePort();
    const server = createServer();
    const proxy = new FaultyProxy(server, `http://127.0.0.1:${port}`);
    server.on('connection', (socket) => proxy.relay(socket, targetPort));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return proxy;
  }

  /** Closes every connection whose answers are being lost: its client sees the connection drop. */
  drop(): void {
    for (const socket of this.losing) socket.destroy();
    this.losing.clear();
  }

  async close(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket, targetPort: number): void {
    const upstream = connect(targetPort, '127.0.0.1');
    let pending = Buffer.alloc(0);
    let bodyLeft = 0;
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      // walk the request stream: head, then Content-Length bytes of body, then the next request
      for (;;) {
        if (bodyLeft > 0) {
          const skipped = Math.min(bodyLeft, pending.length);
          pending = pending.subarray(skipped);
          bodyLeft -= skipped;
          if (bodyLeft > 0) return;
        }
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [line, ...headers] = pending.subarray(0, end).toString('latin1').split('\r\n');
        pending = pending.subarray(end + 4);
        const header = (name: string): string | null =>
          headers
            .find((h) => h.toLowerCase().startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim() ?? null;
        const [method = '', path = ''] = line.split(' ');
        const request = { method, path, idempotencyKey: header('idempotency-key') };
        this.requests.push(request);
        if (this.loseAnswersTo?.(request)) this.losing.add(client);
        bodyLeft = Number(header('content-length') ?? 0);
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!this.losing.has(client) && !client.destroyed) client.write(chunk);
    });
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  }
}
