/*
 * End to end: the API authorizes channels (POST /api/v1/broadcasting/auth) and publishes through the
 * Pusher HTTP API; the realtime server delivers to the real laravel-echo + pusher-js clients. Booting both
 * apps in one test needs the API's test harness, hence the cross-project imports below.
 */
import { randomUUID } from 'node:crypto';
import Echo from 'laravel-echo';
import Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable @nx/enforce-module-boundaries */
import {
  call,
  clientToken,
  newClient,
  newTenant,
  newUser,
  RunningApi,
  startApi,
  TestTenant,
  TestUser,
} from '../../api/test/support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from '../../api/test/support/oauth-flows';
import { OAuthClientRepository } from '../../api/src/oauth/oauth-client.repository';
import { RealtimePublisher } from '../../api/src/broadcasting/realtime-publisher';
/* eslint-enable @nx/enforce-module-boundaries */
import { newRealtimeApp, RunningRealtime, startRealtime, TestApp } from './support/realtime-harness';

let realtime: RunningRealtime;
let api: RunningApi;
let app: TestApp;
let tenantA: TestTenant;
let tenantB: TestTenant;
let userA: TestUser;
let userB: TestUser;
let tokenA: string;
let tokenB: string;
let taskId: string;
let programId: string;
const echos: Echo<'pusher'>[] = [];

async function userToken(user: TestUser): Promise<string> {
  return (
    await exchangeCode(
      await signInWithPkce(api, user, 'openid tasks:read tasks:write programs:read users:read'),
    )
  ).access_token;
}

function echoFor(token: string): Echo<'pusher'> {
  const echo = new Echo<'pusher'>({
    broadcaster: 'pusher',
    key: app.key,
    cluster: 'local',
    wsHost: '127.0.0.1',
    wsPort: realtime.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    authEndpoint: `${api.url}/api/v1/broadcasting/auth`,
    auth: { headers: { Authorization: `Bearer ${token}` } },
    Pusher,
  });
  echos.push(echo);
  return echo;
}

function within<T>(promise: Promise<T>, ms = 4000, what = 'event'): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)),
  ]);
}

beforeAll(async () => {
  app = await newRealtimeApp();
  realtime = await startRealtime(`rt-bc-${randomUUID().slice(0, 8)}:`);
  api = await startApi({
    REALTIME_URL: realtime.url,
    REALTIME_APP_ID: app.id,
    REALTIME_APP_KEY: app.key,
    REALTIME_APP_SECRET: app.secret,
  });
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  tenantA = await newTenant(api);
  tenantB = await newTenant(api);
  userA = await newUser(api, tenantA, ['admin']);
  userB = await newUser(api, tenantB, ['admin']);
  tokenA = await userToken(userA);
  tokenB = await userToken(userB);
  const writer = await clientToken(api, await newClient(api, tenantA, ['programs:write', 'tasks:write']), [
    'programs:write',
    'tasks:write',
  ]);
  const program = await call(api, 'POST', '/api/v1/programs', { token: writer, body: { name: 'Realtime' } });
  expect(program.status).toBe(201);
  programId = program.body.data.id;
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token: writer,
    body: { program_id: programId, title: 'Live task' },
  });
  expect(task.status).toBe(201);
  taskId = task.body.data.id;
});

afterAll(async () => {
  for (const echo of echos) echo.disconnect();
  await api?.close();
  await realtime?.close();
});

async function authorize(
  token: string,
  channel: string,
  socketId = '123.456',
): Promise<{ status: number; body: any }> {
  return call(api, 'POST', '/api/v1/broadcasting/auth', {
    token,
    body: { socket_id: socketId, channel_name: channel },
  });
}

describe('channel authorization at POST /api/v1/broadcasting/auth', () => {
  it('signs a task channel for an authorized user and refuses a user of another tenant', async () => {
    const ok = await authorize(tokenA, `private-task.${taskId}`);
    expect(ok.status).toBe(200);
    expect(ok.body.auth).toMatch(new RegExp(`^${app.key}:[0-9a-f]{64}$`));
    expect(ok.body.data).toBeUndefined();
    const other = await authorize(tokenB, `private-task.${taskId}`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    expect((await authorize(tokenB, `private-program.${programId}`)).status).toBe(403);
    expect((await authorize(tokenA, `private-program.${programId}`)).status).toBe(200);
  });

  it('accepts the form encoding pusher-js uses, and refuses bad input with 422 and no token with 401', async () => {
    const form = await call(api, 'POST', '/api/v1/broadcasting/auth', {
      token: tokenA,
      body: new URLSearchParams({ socket_id: '1.2', channel_name: `private-user.${userA.id}` }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(200);
    const bad = await authorize(tokenA, 'private-user.x', 'not-a-socket');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].field).toBe('socket_id');
    const anonymous = await call(api, 'POST', '/api/v1/broadcasting/auth', {
      body: { socket_id: '1.2', channel_name: 'private-user.x' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('allows private-user only to that user, and refuses unknown channel families', async () => {
    expect((await authorize(tokenA, `private-user.${userA.id}`)).status).toBe(200);
    expect((await authorize(tokenA, `private-user.${userB.id}`)).status).toBe(403);
    expect((await authorize(tokenA, 'private-payroll.1')).status).toBe(403);
  });

  it('puts the user in channel_data for the workspace presence channel of their own tenant only', async () => {
    const own = await authorize(tokenA, `presence-workspace.${tenantA.id}`);
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body.channel_data)).toEqual({
      user_id: userA.id,
      user_info: { name: `User ${userA.email}`, email: userA.email },
    });
    expect((await authorize(tokenB, `presence-workspace.${tenantA.id}`)).status).toBe(403);
  });

  it('refuses a client of another tenant on a task channel', async () => {
    const reader = await clientToken(api, await newClient(api, tenantB, ['tasks:read']), ['tasks:read']);
    expect((await authorize(reader, `private-task.${taskId}`)).status).toBe(403);
  });

  it('issues 60-second socket tokens that authorize like the bearer token and cannot be altered', async () => {
    const issued = await call(api, 'POST', '/api/v1/broadcasting/socket-token', { token: tokenA });
    expect(issued.status).toBe(200);
    expect(issued.body.data.expires_in).toBe(60);
    const token = issued.body.data.token as string;
    const withToken = (socketToken: string, channel: string): Promise<{ status: number; body: any }> =>
      call(api, 'POST', '/api/v1/broadcasting/auth/socket-token', {
        body: { socket_id: '9.9', channel_name: channel, socket_token: socketToken },
      });
    expect((await withToken(token, `private-task.${taskId}`)).status).toBe(200);
    expect((await withToken(token, `private-user.${userB.id}`)).status).toBe(403);
    const [v, payload, mac] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: userB.id }),
    ).toString('base64url');
    expect((await withToken(`${v}.${forged}.${mac}`, `private-user.${userB.id}`)).status).toBe(401);
  });
});

describe('laravel-echo and pusher-js against the realtime server', () => {
  it('delivers an event published by the API on private-task.{id} to an authorized user only', async () => {
    const allowed = echoFor(tokenA);
    const refused = echoFor(tokenB);
    const received: unknown[] = [];
    const subscribed = new Promise<void>((resolve) =>
      allowed
        .private(`task.${taskId}`)
        .subscribed(() => resolve())
        .listen('.task.updated', (data: unknown) => received.push(data)),
    );
    const refusedError = new Promise<unknown>((resolve) =>
      refused
        .private(`task.${taskId}`)
        .error((error: unknown) => resolve(error))
        .listen('.task.updated', (data: unknown) => received.push({ leaked: data })),
    );
    await within(subscribed, 5000, 'subscription');
    expect(await within(refusedError, 5000, 'subscription error')).toMatchObject({ status: 403 });

    await api.app
      .get(RealtimePublisher)
      .publish([`private-task.${taskId}`], 'task.updated', { id: taskId, title: 'Renamed' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toEqual([{ id: taskId, title: 'Renamed' }]);
  });

  it('delivers a task update made through the API to its private-task channel, not to another tenant', async () => {
    const watcher = echoFor(tokenA);
    const outsider = echoFor(tokenB);
    const updates: Array<{ type: string; entity_id: string; payload: Record<string, unknown> }> = [];
    const leaked: unknown[] = [];
    await within(
      new Promise<void>((resolve) =>
        watcher
          .private(`task.${taskId}`)
          .subscribed(() => resolve())
          .listen('.task.updated', (event: (typeof updates)[number]) => updates.push(event)),
      ),
      5000,
      'subscription',
    );
    outsider.private(`task.${taskId}`).listen('.task.updated', (event: unknown) => leaked.push(event));
    // Tenant B's workspace channel must not carry tenant A's events either.
    outsider.join(`workspace.${tenantB.id}`).listen('.task.updated', (event: unknown) => leaked.push(event));

    const current = await call(api, 'GET', `/api/v1/tasks/${taskId}`, { token: tokenA });
    const patched = await call(api, 'PATCH', `/api/v1/tasks/${taskId}`, {
      token: tokenA,
      body: { title: 'Renamed through the API' },
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(patched.status).toBe(200);
    const deadline = Date.now() + 5000;
    while (updates.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ type: 'task.updated', entity_id: taskId });
    expect(JSON.stringify(updates[0].payload)).toContain('Renamed through the API');
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toEqual([]);
  });

  it('lists workspace members through Echo.join with the names the API put in channel_data', async () => {
    const echo = echoFor(tokenA);
    const here = await within(
      new Promise<Array<{ name: string; email: string }>>((resolve) =>
        echo
          .join(`workspace.${tenantA.id}`)
          .here((members: Array<{ name: string; email: string }>) => resolve(members)),
      ),
      5000,
      'presence members',
    );
    expect(here).toEqual([{ name: `User ${userA.email}`, email: userA.email }]);
  });
});
