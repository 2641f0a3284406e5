import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import Pusher from 'pusher-js';
import { inject } from 'vitest';
import { WebSocket } from 'ws';
import { LocalKeyEncryption, parseConfig } from '@oversing/platform';
import { signChannelAuth, signHttpRequest, signUserAuth } from '@oversing/pusher';
import { freePort } from '@oversing/testing';
import { realtimeSecretAad } from '../../src/apps/app-registry';
import { createRealtimeApp } from '../../src/realtime-app';
import { realtimeConfigSchema, resolveRealtimeConfig } from '../../src/realtime.config';

export const TEST_KEK = Buffer.alloc(32, 7);

export interface RunningRealtime {
  url: string;
  port: number;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/** Boots a real realtime node on a free port; nodes given the same prefix form one cluster. */
export async function startRealtime(
  prefix: string,
  overrides: Record<string, string> = {},
): Promise<RunningRealtime> {
  const port = await freePort();
  const config = resolveRealtimeConfig(
    parseConfig(realtimeConfigSchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      REDIS_PREFIX: prefix,
      KEY_ENCRYPTION_KEY: TEST_KEK.toString('base64'),
      PORT: String(port),
      DRAIN_SECONDS: '1',
      // test receivers listen on loopback; SSRF specs check what is refused without it
      OUTBOUND_ALLOWLIST: '127.0.0.1/32,::1/128',
      ...overrides,
    }),
  );
  const app = await createRealtimeApp(config);
  await app.listen(port, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, port, app, close: () => app.close() };
}

export interface TestApp {
  id: string;
  key: string;
  secret: string;
}

/** Inserts a realtime app (as the API's seed or an operator would). */
export async function newRealtimeApp(
  options: {
    id?: string;
    key?: string;
    secret?: string;
    allowedOrigins?: string[];
    allowNoOrigin?: boolean;
    maxConnections?: number | null;
    clientEventsEnabled?: boolean;
    maxClientEventsPerSecond?: number;
    webhookUrl?: string;
    webhookEvents?: string[];
  } = {},
): Promise<TestApp> {
  const id = options.id ?? `app-${randomUUID().slice(0, 8)}`;
  const key = options.key ?? `key-${randomBytes(8).toString('hex')}`;
  const secret = options.secret ?? randomBytes(16).toString('hex');
  const encrypted = await new LocalKeyEncryption(TEST_KEK).encrypt(
    Buffer.from(secret),
    realtimeSecretAad(id),
  );
  const client = new Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO realtime_apps (id, key, secret_encrypted, allowed_origins, allow_no_origin, max_connections,
         client_events_enabled, max_client_events_per_second, webhook_url, webhook_events)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        key,
        encrypted,
        options.allowedOrigins ?? ['http://allowed.test', 'https://*.example.test'],
        options.allowNoOrigin ?? true,
        options.maxConnections ?? null,
        options.clientEventsEnabled ?? true,
        options.maxClientEventsPerSecond ?? 10,
        options.webhookUrl ?? null,
        options.webhookEvents ?? [],
      ],
    );
  } finally {
    await client.end();
  }
  return { id, key, secret };
}

/** A real pusher-js client; private/presence channels are signed here as an app's auth endpoint would. */
export function pusherClient(
  node: RunningRealtime,
  app: TestApp,
  options: {
    channelData?: (channel: string) => Record<string, unknown>;
    wrongSecret?: boolean;
    /** the user id pusher.signin() signs in as */
    userId?: string;
  } = {},
): Pusher {
  return new Pusher(app.key, {
    cluster: 'local',
    wsHost: '127.0.0.1',
    wsPort: node.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    channelAuthorization: {
      endpoint: 'unused',
      transport: 'ajax',
      customHandler: (params, callback) => {
        const secret = options.wrongSecret ? 'not-the-secret' : app.secret;
        const channelData = params.channelName.startsWith('presence-')
          ? JSON.stringify(options.channelData?.(params.channelName) ?? { user_id: 'anonymous' })
          : undefined;
        callback(null, {
          auth: signChannelAuth({ key: app.key, secret }, params.socketId, params.channelName, channelData),
          ...(channelData ? { channel_data: channelData } : {}),
        });
      },
    },
    userAuthentication: {
      endpoint: 'unused',
      transport: 'ajax',
      customHandler: (params, callback) => {
        const userData = JSON.stringify({ id: options.userId ?? 'signed-in-user' });
        callback(null, { auth: signUserAuth(app, params.socketId, userData), user_data: userData });
      },
    },
  });
}

export function connected(pusher: Pusher): Promise<string> {
  return new Promise((resolve, reject) => {
    if (pusher.connection.state === 'connected') return resolve(pusher.connection.socket_id);
    pusher.connection.bind('connected', () => resolve(pusher.connection.socket_id));
    pusher.connection.bind('failed', () => reject(new Error('pusher failed to connect')));
  });
}

/** Resolves with the next event of that name on a channel (or rejects after `ms`). */
export function nextEvent<T = unknown>(
  channel: {
    bind(event: string, cb: (data: T) => void): unknown;
    unbind(event: string, cb: (data: T) => void): unknown;
  },
  event: string,
  ms = 3000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    const handler = (data: T): void => {
      clearTimeout(timer);
      channel.unbind(event, handler);
      resolve(data);
    };
    channel.bind(event, handler);
  });
}

/** Collects every event of that name for `ms` milliseconds. */
export async function collect<T = unknown>(
  channel: {
    bind(event: string, cb: (data: T) => void): unknown;
    unbind(event: string, cb: (data: T) => void): unknown;
  },
  event: string,
  ms: number,
): Promise<T[]> {
  const seen: T[] = [];
  const handler = (data: T): void => void seen.push(data);
  channel.bind(event, handler);
  await new Promise((resolve) => setTimeout(resolve, ms));
  channel.unbind(event, handler);
  return seen;
}

/** A signed Pusher HTTP API call, as the official server libraries make it. */
export async function signedCall(
  node: RunningRealtime,
  app: TestApp,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  params: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const raw = body === undefined ? undefined : JSON.stringify(body);
  const query = signHttpRequest({ key: app.key, secret: app.secret, method, path, body: raw, params });
  const response = await fetch(`${node.url}${path}?${new URLSearchParams(query).toString()}`, {
    method,
    headers: raw ? { 'content-type': 'application/json' } : {},
    body: raw,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** A raw WebSocket client recording every frame it receives. */
export interface RawClient {
  ws: WebSocket;
  frames: Array<{ event: string; channel?: string; data: any }>;
  closed: Promise<{ code: number; reason: string }>;
  next(event: string, ms?: number): Promise<{ event: string; channel?: string; data: any }>;
  send(value: unknown): void;
}

export function rawClient(
  node: RunningRealtime,
  key: string,
  headers: Record<string, string> = {},
  protocol = '7',
): RawClient {
  const ws = new WebSocket(
    `ws://127.0.0.1:${node.port}/app/${key}?protocol=${protocol}&client=js&version=8.4.0`,
    { headers },
  );
  const frames: RawClient['frames'] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    const parsed = JSON.parse(data.toString()) as { event: string; channel?: string; data: unknown };
    if (typeof parsed.data === 'string') {
      try {
        parsed.data = JSON.parse(parsed.data);
      } catch {
        /* keep string */
      }
    }
    frames.push(parsed as RawClient['frames'][number]);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  let cursor = 0;
  return {
    ws,
    frames,
    closed,
    send: (value) => ws.send(typeof value === 'string' ? value : JSON.stringify(value)),
    next: (event, ms = 3000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${event} within ${ms} ms; got ${JSON.stringify(frames)}`)),
          ms,
        );
        const check = (): void => {
          const index = frames.findIndex((f, i) => i >= cursor && f.event === event);
          if (index >= 0) {
            cursor = index + 1;
            clearTimeout(timer);
            resolve(frames[index]);
          } else waiters.push(check);
        };
        check();
      }),
  };
}
