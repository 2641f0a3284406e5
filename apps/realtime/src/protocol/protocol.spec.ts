import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signChannelAuth } from '@oversing/pusher';
import { RedisClusterState } from '../cluster/redis-cluster-state';
import { ChannelManager } from './channel-manager';
import { Connection, frame, SocketLike } from './connection';
import { TokenBucket } from './rate-limiter';
import { AppLookup, isOriginAllowed, RealtimeApp } from './realtime-app';
import { RealtimeMetrics } from './realtime-metrics';
import { RealtimeServer } from './realtime-server';

function appWith(overrides: Partial<RealtimeApp> = {}): RealtimeApp {
  return {
    id: `app-${randomUUID().slice(0, 8)}`,
    key: `key-${randomUUID().slice(0, 8)}`,
    secret: 'secret',
    allowedOrigins: ['https://app.example.com', 'https://*.tenant.example.com'],
    allowNoOrigin: false,
    maxConnections: null,
    clientEventsEnabled: true,
    maxClientEventsPerSecond: 10,
    webhookUrl: null,
    webhookEvents: [],
    ...overrides,
  };
}

/** A transport that records what the protocol sends (the protocol is transport-independent). */
class RecordingSocket implements SocketLike {
  readonly sent: Array<{ event: string; channel?: string; data: any }> = [];
  closedWith: number | undefined;
  /** what the transport has not written yet (a client that stopped reading makes it grow) */
  bufferedAmount = 0;
  send(data: string): void {
    const parsed = JSON.parse(data) as { event: string; channel?: string; data: unknown };
    if (typeof parsed.data === 'string') parsed.data = JSON.parse(parsed.data);
    this.sent.push(parsed);
  }
  close(code: number): void {
    this.closedWith = code;
  }
  events(): string[] {
    return this.sent.map((f) => f.event);
  }
}

describe('TokenBucket', () => {
  it('allows a burst up to capacity, then refills with time', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 2, () => now);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
    now = 499;
    expect(bucket.tryTake()).toBe(false);
    now = 500;
    expect(bucket.tryTake()).toBe(true);
    now = 10_000;
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
  });
});

describe('isOriginAllowed', () => {
  it('matches exact origins and wildcards, and refuses missing origins unless allowed', () => {
    const app = appWith();
    expect(isOriginAllowed(app, 'https://app.example.com')).toBe(true);
    expect(isOriginAllowed(app, 'https://acme.tenant.example.com')).toBe(true);
    expect(isOriginAllowed(app, 'https://evil.com/.tenant.example.com')).toBe(false);
    expect(isOriginAllowed(app, 'https://app.example.com.evil.com')).toBe(false);
    expect(isOriginAllowed(app, 'http://app.example.com')).toBe(false);
    expect(isOriginAllowed(app, undefined)).toBe(false);
    expect(isOriginAllowed(appWith({ allowNoOrigin: true }), undefined)).toBe(true);
    expect(isOriginAllowed(appWith({ allowedOrigins: ['*'] }), 'https://any.where')).toBe(true);
  });
});

describe('ChannelManager', () => {
  it('tracks local subscribers per app and channel and forgets empty channels', () => {
    const manager = new ChannelManager();
    const app = appWith();
    const a = new Connection(app, new RecordingSocket());
    const b = new Connection(app, new RecordingSocket());
    const other = new Connection(appWith(), new RecordingSocket());
    expect(manager.add(a, 'room')).toBe(true);
    expect(manager.add(a, 'room')).toBe(false);
    manager.add(b, 'room');
    manager.add(other, 'room');
    expect([...manager.subscribers(app.id, 'room')!]).toEqual([a, b]);
    expect(manager.size).toBe(2);
    manager.remove(a, 'room');
    manager.remove(b, 'room');
    expect(manager.subscribers(app.id, 'room')).toBeUndefined();
    expect(manager.remove(b, 'room')).toBe(false);
  });
});

describe('frame', () => {
  it('JSON-encodes data as a string the way pusher-js expects, passing strings through', () => {
    expect(JSON.parse(frame('e', { a: 1 }, 'c'))).toEqual({ event: 'e', channel: 'c', data: '{"a":1}' });
    expect(JSON.parse(frame('e', 'raw'))).toEqual({ event: 'e', data: 'raw' });
  });
});

describe('RealtimeServer (real Redis)', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl);
  const subscriber = new Redis(redisUrl);
  const app = appWith({ allowNoOrigin: true, maxClientEventsPerSecond: 1 });
  const apps: AppLookup = {
    byKey: async (key) => (key === app.key ? app : undefined),
    byId: async (id) => (id === app.id ? app : undefined),
  };
  const server = new RealtimeServer(
    apps,
    new RedisClusterState(redis, subscriber, `rt-unit-${randomUUID()}:`),
    new RealtimeMetrics(),
    {
      activityTimeoutSeconds: 10,
      pongTimeoutSeconds: 5,
      maxMessageBytes: 1024,
      maxPresenceMembers: 2,
      maxSubscriptionsPerConnection: 3,
      maxBufferedBytes: 64 * 1024,
    },
  );

  beforeAll(() => server.start());
  afterAll(() => {
    redis.disconnect();
    subscriber.disconnect();
  });

  async function open(): Promise<{ socket: RecordingSocket; connection: Connection }> {
    const socket = new RecordingSocket();
    const connection = (await server.open({ appKey: app.key, origin: undefined, protocol: '7' }, socket))!;
    return { socket, connection };
  }

  it('pings an idle connection and closes it with 4201 when no pong comes', async () => {
    const { socket, connection } = await open();
    expect(socket.sent[0]).toEqual({
      event: 'pusher:connection_established',
      data: { socket_id: connection.socketId, activity_timeout: 10 },
    });
    const start = connection.lastActivity;
    server.sweep(start + 9_000);
    expect(socket.events()).not.toContain('pusher:ping');
    server.sweep(start + 10_001);
    expect(socket.events()).toContain('pusher:ping');
    server.sweep(start + 14_000);
    expect(socket.closedWith).toBeUndefined();
    server.sweep(start + 15_002);
    expect(socket.closedWith).toBe(4201);
    await server.closed(connection);
  });

  it('caps the channels of one connection with pusher:error, and keeps the connection', async () => {
    const { socket, connection } = await open();
    const subscribe = (channel: string) =>
      server.message(connection, JSON.stringify({ event: 'pusher:subscribe', data: { channel } }));
    const prefix = `cap-${randomUUID().slice(0, 6)}`;
    for (const n of [1, 2, 3]) await subscribe(`${prefix}-${n}`);
    expect(socket.events().filter((e) => e === 'pusher_internal:subscription_succeeded')).toHaveLength(3);
    await subscribe(`${prefix}-4`);
    expect(socket.sent.at(-1)).toEqual({
      event: 'pusher:error',
      data: { code: 4300, message: 'Subscription limit of 3 channels per connection reached' },
    });
    expect(connection.channels.has(`${prefix}-4`)).toBe(false);
    // leaving one makes room again; a repeated subscribe is not a new one
    await server.message(
      connection,
      JSON.stringify({ event: 'pusher:unsubscribe', data: { channel: `${prefix}-1` } }),
    );
    await subscribe(`${prefix}-4`);
    await subscribe(`${prefix}-4`);
    expect(connection.channels.has(`${prefix}-4`)).toBe(true);
    expect(socket.closedWith).toBeUndefined();
    await server.closed(connection);
  });

  it('closes a slow consumer with 4100 once its unsent bytes pass the limit, and only it', async () => {
    const channel = `slow-${randomUUID().slice(0, 6)}`;
    const slow = await open();
    const fast = await open();
    for (const c of [slow, fast]) {
      await server.message(c.connection, JSON.stringify({ event: 'pusher:subscribe', data: { channel } }));
    }
    const received = (socket: RecordingSocket) => socket.sent.filter((f) => f.event === 'tick').length;
    const delivered = (n: number) =>
      new Promise<void>((resolve) => {
        const check = (): void => (received(fast.socket) >= n ? resolve() : void setTimeout(check, 5));
        check();
      });
    await server.publish(app, [channel], 'tick', '1');
    await delivered(1);
    expect(received(slow.socket)).toBe(1);
    slow.socket.bufferedAmount = 64 * 1024 + 1; // it stopped reading
    await server.publish(app, [channel], 'tick', '2');
    await delivered(2);
    expect(slow.socket.closedWith).toBe(4100);
    expect(received(slow.socket)).toBe(1);
    expect(fast.socket.closedWith).toBeUndefined();
    await server.closed(slow.connection);
    await server.closed(fast.connection);
  });

  it('keeps a connection that answers the ping', async () => {
    const { socket, connection } = await open();
    const start = connection.lastActivity;
    server.sweep(start + 10_001);
    await server.message(connection, JSON.stringify({ event: 'pusher:pong', data: {} }));
    // Without the pong this sweep would close (6 s > 5 s pong timeout); with it, the client is idle again.
    server.sweep(start + 16_001);
    expect(socket.closedWith).toBeUndefined();
    expect(socket.events().filter((e) => e === 'pusher:ping')).toHaveLength(2);
    await server.closed(connection);
  });

  it('limits presence channels to the configured number of members', async () => {
    const channel = `presence-full-${randomUUID().slice(0, 6)}`;
    const join = async (userId: string): Promise<RecordingSocket> => {
      const { socket, connection } = await open();
      const channelData = JSON.stringify({ user_id: userId });
      await server.message(
        connection,
        JSON.stringify({
          event: 'pusher:subscribe',
          data: {
            channel,
            auth: signChannelAuth(app, connection.socketId, channel, channelData),
            channel_data: channelData,
          },
        }),
      );
      return socket;
    };
    expect((await join('u1')).events()).toContain('pusher_internal:subscription_succeeded');
    expect((await join('u2')).events()).toContain('pusher_internal:subscription_succeeded');
    const third = await join('u3');
    expect(third.sent.at(-1)).toMatchObject({ event: 'pusher:subscription_error', data: { status: 403 } });
  });

  it('refuses presence channel_data without a user_id, and rate limits client events per connection', async () => {
    const { socket, connection } = await open();
    const channelData = JSON.stringify({ user_info: {} });
    await server.message(
      connection,
      JSON.stringify({
        event: 'pusher:subscribe',
        data: {
          channel: 'presence-x',
          auth: signChannelAuth(app, connection.socketId, 'presence-x', channelData),
          channel_data: channelData,
        },
      }),
    );
    expect(socket.sent.at(-1)).toMatchObject({ event: 'pusher:subscription_error', data: { status: 400 } });

    await server.message(
      connection,
      JSON.stringify({
        event: 'pusher:subscribe',
        data: { channel: 'private-y', auth: signChannelAuth(app, connection.socketId, 'private-y') },
      }),
    );
    await server.message(connection, JSON.stringify({ event: 'client-a', channel: 'private-y', data: {} }));
    await server.message(connection, JSON.stringify({ event: 'client-a', channel: 'private-y', data: {} }));
    expect(socket.sent.at(-1)).toMatchObject({ event: 'pusher:error', data: { code: 4301 } });
    await server.closed(connection);
  });

  it('refuses client events on encrypted channels (the server only relays ciphertext from the HTTP API)', async () => {
    const { socket, connection } = await open();
    const channel = 'private-encrypted-vault';
    await server.message(
      connection,
      JSON.stringify({
        event: 'pusher:subscribe',
        data: { channel, auth: signChannelAuth(app, connection.socketId, channel) },
      }),
    );
    expect(socket.events()).toContain('pusher_internal:subscription_succeeded');
    await server.message(connection, JSON.stringify({ event: 'client-leak', channel, data: {} }));
    expect(socket.sent.at(-1)?.data.message).toMatch(/encrypted/);
    await server.closed(connection);
  });
});
