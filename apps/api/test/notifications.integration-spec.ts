/* eslint-disable @nx/enforce-module-boundaries --
 * Test support only: the realtime server and the worker's mail processor run in this process, so the
 * spec sees a task assignment reach the assignee's notification centre, private channel and mailbox.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import Echo from 'laravel-echo';
import { simpleParser } from 'mailparser';
import Pusher from 'pusher-js';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig, QueueName } from '@oversing/platform';
import { workerConfigSchema } from '../../worker/src/worker.config';
import { WorkerModule } from '../../worker/src/worker.module';
import {
  newRealtimeApp,
  RunningRealtime,
  startRealtime,
  TestApp,
} from '../../realtime/test/support/realtime-harness';
import { OAuthClientRepository } from '../src/oauth/oauth-client.repository';
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
} from './support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

interface Received {
  to: string;
  subject: string;
  text: string;
  kind: string;
}

const inbox: Received[] = [];
let smtp: SMTPServer;
let realtime: RunningRealtime;
let realtimeApp: TestApp;
let api: RunningApi;
let worker: INestApplicationContext;
let mailQueue: Queue;
const echos: Echo<'pusher'>[] = [];
const bullPrefix = `ntf-${randomUUID().slice(0, 8)}`;

let tenantA: TestTenant;
let adminA: string;
let member: TestUser;
let memberToken: string;
let otherMemberToken: string;
let tenantBToken: string;
let clientA: string;
let programId: string;

const SCOPES = 'openid tasks:read tasks:write programs:read programs:write users:read';
const tokenOf = async (user: TestUser): Promise<string> =>
  (await exchangeCode(await signInWithPkce(api, user, SCOPES))).access_token!;

async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function assignNewTask(title: string, assignee: string): Promise<string> {
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token: adminA,
    body: { program_id: programId, title },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  const assigned = await call(api, 'POST', `/api/v1/tasks/${task.body.data.id}/assign`, {
    token: adminA,
    body: { assignee_id: assignee },
  });
  expect(assigned.status, JSON.stringify(assigned.body)).toBeLessThan(300);
  return task.body.data.id as string;
}

const notificationFor = (token: string, taskId: string) =>
  eventually(`notification of ${taskId}`, async () => {
    const list = await call(api, 'GET', '/api/v1/notifications', { token });
    return (list.body.data as { task_id: string; id: string }[]).find((n) => n.task_id === taskId);
  });

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
          inbox.push({
            to: to?.value[0]?.address ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            kind: String(parsed.headers.get('x-oversing-mail') ?? ''),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  realtimeApp = await newRealtimeApp();
  realtime = await startRealtime(`rt-ntf-${randomUUID().slice(0, 8)}:`);
  api = await startApi({
    BULLMQ_PREFIX: bullPrefix,
    REALTIME_URL: realtime.url,
    REALTIME_APP_ID: realtimeApp.id,
    REALTIME_APP_KEY: realtimeApp.key,
    REALTIME_APP_SECRET: realtimeApp.secret,
  });
  worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(
      parseConfig(workerConfigSchema, {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: inject('redisUrl'),
        BULLMQ_PREFIX: bullPrefix,
        WORKER_QUEUES: 'mail',
        SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      }),
    ),
    { logger: false },
  );
  mailQueue = worker.get<Queue>(getQueueToken(QueueName.Mail));
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  tenantA = await newTenant(api);
  const tenantB = await newTenant(api);
  const [admin, m, other, b] = await Promise.all([
    newUser(api, tenantA, ['admin']),
    newUser(api, tenantA, ['member']),
    newUser(api, tenantA, ['member']),
    newUser(api, tenantB, ['admin']),
  ]);
  member = m;
  [adminA, memberToken, otherMemberToken, tenantBToken] = await Promise.all([
    tokenOf(admin),
    tokenOf(m),
    tokenOf(other),
    tokenOf(b),
  ]);
  clientA = await clientToken(api, await newClient(api, tenantA, ['tasks:read']), ['tasks:read']);
  const program = await call(api, 'POST', '/api/v1/programs', { token: adminA, body: { name: 'Notify' } });
  expect(program.status, JSON.stringify(program.body)).toBe(201);
  programId = program.body.data.id;
});

afterAll(async () => {
  for (const echo of echos) echo.disconnect();
  await mailQueue?.obliterate({ force: true }).catch(() => undefined);
  await worker?.close();
  await api?.close();
  await realtime?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

describe('notification centre', () => {
  it('tells the assignee of a task: in the list, live on their private channel, and by mail', async () => {
    const echo = new Echo<'pusher'>({
      broadcaster: 'pusher',
      key: realtimeApp.key,
      cluster: 'local',
      wsHost: '127.0.0.1',
      wsPort: realtime.port,
      forceTLS: false,
      enabledTransports: ['ws'],
      disableStats: true,
      authEndpoint: `${api.url}/api/v1/broadcasting/auth`,
      auth: { headers: { Authorization: `Bearer ${memberToken}` } },
      Pusher,
    });
    echos.push(echo);
    const live: { task_id: string; title: string; read_at: string | null }[] = [];
    const channel = echo.private(`user.${member.id}`);
    channel.listen('.notification.created', (n: (typeof live)[number]) => live.push(n));
    await eventually('subscription', () =>
      (channel as unknown as { subscription: { subscribed: boolean } }).subscription.subscribed
        ? true
        : undefined,
    );

    const before = await call(api, 'GET', '/api/v1/notifications', { token: memberToken });
    expect(before.status).toBe(200);
    const taskId = await assignNewTask('Check the supplier contract', member.id);

    const stored = await notificationFor(memberToken, taskId);
    expect(stored).toMatchObject({
      type: 'task.assigned',
      title: 'Task assigned to you',
      body: 'Check the supplier contract',
      url: `/?task=${taskId}`,
      read_at: null,
    });
    const after = await call(api, 'GET', '/api/v1/notifications', { token: memberToken });
    expect(after.body.meta.unread_count).toBe(before.body.meta.unread_count + 1);

    const pushed = await eventually('live notification', () => live.find((n) => n.task_id === taskId));
    expect(pushed).toMatchObject({ title: 'Task assigned to you', read_at: null });

    const mail = await eventually('mail', () =>
      inbox.find((m) => m.to === member.email && m.text.includes('Check the supplier contract')),
    );
    expect(mail.kind).toBe('task.assigned');
    expect(mail.subject).toContain('Task assigned to you');
    expect(mail.text).toContain(`http://127.0.0.1:4173/?task=${taskId}`);
    expect(mail.text).toContain(`Tenant ${tenantA.slug}`);
  });

  it('follows the preferences: email off sends no mail, the centre still has it', async () => {
    const defaults = await call(api, 'GET', '/api/v1/notifications/preferences', { token: memberToken });
    expect(defaults.status).toBe(200);
    expect(defaults.body.data.find((p: { type: string }) => p.type === 'task.assigned')).toMatchObject({
      in_app: true,
      push: true,
      email: true,
    });
    const bad = await call(api, 'PUT', '/api/v1/notifications/preferences', {
      token: memberToken,
      body: { preferences: [{ type: 'nonsense', push: true, email: 'yes' }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    const unknownType = await call(api, 'PUT', '/api/v1/notifications/preferences', {
      token: memberToken,
      body: { preferences: [{ type: 'nonsense', push: true, email: true }] },
    });
    expect(unknownType.status).toBe(422);
    expect(unknownType.body.error.details[0].field).toBe('preferences.0.type');

    const off = await call(api, 'PUT', '/api/v1/notifications/preferences', {
      token: memberToken,
      body: { preferences: [{ type: 'task.assigned', push: true, email: false }] },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.data.find((p: { type: string }) => p.type === 'task.assigned').email).toBe(false);

    const quiet = await assignNewTask('Quietly assigned', member.id);
    await notificationFor(memberToken, quiet);
    // then one more with mail back on: its mail arriving proves the quiet one was never queued before it
    await call(api, 'PUT', '/api/v1/notifications/preferences', {
      token: memberToken,
      body: { preferences: [{ type: 'task.assigned', push: true, email: true }] },
    });
    const loud = await assignNewTask('Loudly assigned', member.id);
    await eventually('mail of the second assignment', () =>
      inbox.find((m) => m.to === member.email && m.text.includes('Loudly assigned')),
    );
    expect(inbox.some((m) => m.text.includes('Quietly assigned'))).toBe(false);
    await notificationFor(memberToken, loud);
  });

  it('pages with a cursor, newest first, and marks read one or all', async () => {
    const first = await call(api, 'GET', '/api/v1/notifications?limit=2', { token: memberToken });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.meta.has_more).toBe(true);
    const second = await call(
      api,
      'GET',
      `/api/v1/notifications?limit=2&cursor=${first.body.meta.next_cursor as string}`,
      { token: memberToken },
    );
    const ids = [...first.body.data, ...second.body.data].map((n: { id: string }) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const times = [...first.body.data, ...second.body.data].map((n: { created_at: string }) => n.created_at);
    expect([...times].sort().reverse()).toEqual(times);

    const one = first.body.data[0] as { id: string };
    const read = await call(api, 'POST', `/api/v1/notifications/${one.id}/read`, { token: memberToken });
    expect(read.status).toBe(200);
    expect(read.body.data.read_at).not.toBeNull();
    const unread = await call(api, 'GET', '/api/v1/notifications?unread=true', { token: memberToken });
    expect(unread.body.data.map((n: { id: string }) => n.id)).not.toContain(one.id);
    expect(unread.body.meta.unread_count).toBe(first.body.meta.unread_count - 1);

    const all = await call(api, 'POST', '/api/v1/notifications/read-all', { token: memberToken });
    expect(all.status).toBe(200);
    expect(all.body.data.marked).toBe(first.body.meta.unread_count - 1);
    const none = await call(api, 'GET', '/api/v1/notifications', { token: memberToken });
    expect(none.body.meta.unread_count).toBe(0);
  });

  it("keeps each user's notifications to that user", async () => {
    const mine = await call(api, 'GET', '/api/v1/notifications?limit=1', { token: memberToken });
    const id = mine.body.data[0].id as string;
    for (const token of [otherMemberToken, tenantBToken]) {
      const list = await call(api, 'GET', '/api/v1/notifications', { token });
      expect(list.body.data.map((n: { id: string }) => n.id)).not.toContain(id);
      const mark = await call(api, 'POST', `/api/v1/notifications/${id}/read`, { token });
      expect(mark.status).toBe(404);
    }
    const byClient = await call(api, 'GET', '/api/v1/notifications', { token: clientA });
    expect(byClient.status).toBe(403);
    const anonymous = await call(api, 'GET', '/api/v1/notifications');
    expect(anonymous.status).toBe(401);
    const badCursor = await call(api, 'GET', '/api/v1/notifications?cursor=nonsense', { token: memberToken });
    expect(badCursor.status).toBe(422);
    const badId = await call(api, 'POST', '/api/v1/notifications/not-a-uuid/read', { token: memberToken });
    expect(badId.status).toBeGreaterThanOrEqual(400);
    expect(badId.status).toBeLessThan(500);
    // another user's private channel is refused
    const auth = await call(api, 'POST', '/api/v1/broadcasting/auth', {
      token: otherMemberToken,
      body: { socket_id: '123.456', channel_name: `private-user.${member.id}` },
    });
    expect(auth.status).toBe(403);
  });
});
