import { randomInt } from 'node:crypto';
import { PusherErrorCode } from '@oversing/pusher';
import { TokenBucket } from './rate-limiter';
import { RealtimeApp } from './realtime-app';

/** The transport under a connection (a `ws` WebSocket in production). */
export interface SocketLike {
  send(data: string): void;
  close(code: number, reason: string): void;
  /** the number of bytes queued but not yet written, for back-pressure */
  readonly bufferedAmount?: number;
}

export interface PresenceMembership {
  userId: string;
  userInfo: unknown;
}

/** `1234.5678`: two random integers, as pusher-js expects (and as the socket_id pattern in the spec). */
export function newSocketId(): string {
  return `${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`;
}

/** One client connection: its app, its channels, its presence memberships, its signed-in user. */
export class Connection {
  readonly socketId = newSocketId();
  readonly channels = new Set<string>();
  readonly presence = new Map<string, PresenceMembership>();
  readonly clientEvents: TokenBucket;
  userId: string | undefined;
  lastActivity = Date.now();
  pingSentAt: number | undefined;
  closed = false;

  constructor(
    readonly app: RealtimeApp,
    private readonly socket: SocketLike,
    /** unsent bytes past which this client is a slow consumer and is closed (4100, back off, reconnect) */
    private readonly maxBufferedBytes = Number.POSITIVE_INFINITY,
  ) {
    this.clientEvents = new TokenBucket(Math.max(1, app.maxClientEventsPerSecond));
  }

  /**
   * Sends a pre-serialized frame (broadcasts serialize once for every subscriber). A client that does not
   * read what it is sent would make the server hold an ever-growing buffer for it: once its unsent bytes
   * pass the limit it is closed with 4100 (over capacity: reconnect after backing off), and on reconnect
   * it catches up through its own means (the PWA's /sync) instead of through our memory.
   */
  sendRaw(frame: string): boolean {
    if (this.closed) return false;
    if ((this.socket.bufferedAmount ?? 0) > this.maxBufferedBytes) {
      this.closed = true;
      this.socket.close(PusherErrorCode.OVER_CAPACITY, 'Slow consumer: too many unread messages');
      return false;
    }
    this.socket.send(frame);
    return true;
  }

  send(event: string, data: unknown, channel?: string): boolean {
    return this.sendRaw(frame(event, data, channel));
  }

  /** `pusher:error` with a code of the spec; the connection stays open. */
  error(code: number, message: string): void {
    this.sendRaw(JSON.stringify({ event: 'pusher:error', data: { code, message } }));
  }

  /** Sends `pusher:error` then closes the socket with that code (4000-4299 per the spec). */
  closeWith(code: number, message: string): void {
    if (this.closed) return;
    this.error(code, message);
    this.closed = true;
    this.socket.close(code, message.slice(0, 120));
  }

  touch(): void {
    this.lastActivity = Date.now();
    this.pingSentAt = undefined;
  }
}

/**
 * A protocol frame. Pusher sends `data` as a JSON-encoded string for events (what pusher-js expects);
 * strings are passed through unchanged so relayed payloads keep their exact bytes.
 */
export function frame(event: string, data: unknown, channel?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data ?? {});
  return JSON.stringify(channel === undefined ? { event, data: payload } : { event, channel, data: payload });
}

export { PusherErrorCode };
