/* eslint-disable @nx/enforce-module-boundaries --
 * Test support only: the worker's notifications processor runs in this process, so the spec sees the
 * whole path from the API's domain event to the push service.
 */
import 'reflect-metadata';
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  ECDH,
  hkdfSync,
  randomBytes,
  randomUUID,
  verify as verifySignature,
} from 'node:crypto';
import { createServer, Server } from 'node:https';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { selfSignedCertificate } from '@oversing/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig, QueueName } from '@oversing/platform';
import { workerConfigSchema } from '../../worker/src/worker.config';
import { WorkerModule } from '../../worker/src/worker.module';
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

/**
 * Web Push end to end against a real HTTPS server standing in for the browser vendor's push service:
 * the API enqueues a job per subscription on the `notifications` queue and the worker's processor
 * encrypts for the subscription's keys (RFC 8291) and signs with VAPID (RFC 8292); the test
 * holds the browser's private key and decrypts what arrives. (A real browser's push service cannot be
 * reached offline, so there is no end-to-end browser test of delivery.)
 */

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

interface BrowserKeys {
  ecdh: ECDH;
  auth: Buffer;
  json: { p256dh: string; auth: string };
}

function browserKeys(): BrowserKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    json: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
  };
}

/** Decrypts an aes128gcm Web Push message (RFC 8188 + RFC 8291) as the browser would. */
function decrypt(body: Buffer, keys: BrowserKeys): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20];
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = keys.ecdh.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.ecdh.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, keys.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  expect(padded[end], 'last-record delimiter').toBe(2);
  return padded.subarray(0, end).toString('utf8');
}

/** Checks the `vapid t=<jwt>, k=<key>` header: ES256 signature by k, audience the push service origin. */
function verifyVapid(header: string, expectedKey: string, audience: string): Record<string, unknown> {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(header);
  expect(match, header).not.toBeNull();
  const [, jwt, key] = match!;
  expect(key).toBe(expectedKey);
  const raw = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const [header64, payload64, signature64] = jwt.split('.');
  const valid = verifySignature(
    'sha256',
    Buffer.from(`${header64}.${payload64}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature64, 'base64url'),
  );
  expect(valid, 'VAPID JWT signature').toBe(true);
  const claims = JSON.parse(Buffer.from(payload64, 'base64url').toString()) as Record<string, unknown>;
  expect(claims.aud).toBe(audience);
  expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
  return claims;
}

let api: RunningApi;
let worker: INestApplicationContext;
let notifications: Queue;
/** the API and the worker share queue keys of their own, apart from other runs on the same Redis */
const bullPrefix = `push-${randomUUID().slice(0, 8)}`;
let db: DataSource;
let pushService: Server;
let pushOrigin: string;
const received: Received[] = [];
/** Status the fake push service answers per path (default 201). */
const answers = new Map<string, number>();

let tenantA: TestTenant;
let tenantB: TestTenant;
let adminA: string;
let memberA: TestUser;
let memberAToken: string;
let userB: string;
let clientA: string;
let programId: string;

const SCOPES = 'openid tasks:read tasks:write programs:read programs:write';
const tokenOf = async (user: TestUser): Promise<string> =>
  (await exchangeCode(await signInWithPkce(api, user, SCOPES))).access_token!;

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const createTask = async (title: string): Promise<string> => {
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token: adminA,
    body: { program_id: programId, title },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  return task.body.data.id as string;
};

const subscribe = (token: string, path: string, keys: BrowserKeys['json']) =>
  call(api, 'POST', '/api/v1/push/subscriptions', {
    token,
    body: { endpoint: `${pushOrigin}${path}`, keys, expirationTime: null },
  });

beforeAll(async () => {
  const { cert, key } = selfSignedCertificate('oversing-push-');
  pushService = createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answers.get(req.url ?? '') ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
  pushOrigin = `https://127.0.0.1:${(pushService.address() as AddressInfo).port}`;

  api = await startApi({ BULLMQ_PREFIX: bullPrefix });
  worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(
      parseConfig(workerConfigSchema, {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: inject('redisUrl'),
        BULLMQ_PREFIX: bullPrefix,
        WORKER_QUEUES: 'notifications',
        PUSH_CA_FILE: cert,
      }),
    ),
    { logger: false },
  );
  notifications = worker.get<Queue>(getQueueToken(QueueName.Notifications));
  db = api.app.get(DataSource);
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  [tenantA, tenantB] = await Promise.all([newTenant(api), newTenant(api)]);
  const [admin, member, other] = await Promise.all([
    newUser(api, tenantA, ['admin']),
    newUser(api, tenantA, ['member']),
    newUser(api, tenantB, ['member']),
  ]);
  memberA = member;
  [adminA, memberAToken, userB] = await Promise.all([tokenOf(admin), tokenOf(member), tokenOf(other)]);
  const scopes = ['programs:write', 'tasks:write'];
  clientA = await clientToken(api, await newClient(api, tenantA, scopes), scopes);
  const program = await call(api, 'POST', '/api/v1/programs', { token: adminA, body: { name: 'Push' } });
  expect(program.status, JSON.stringify(program.body)).toBe(201);
  programId = program.body.data.id;
});

afterAll(async () => {
  await notifications?.obliterate({ force: true }).catch(() => undefined);
  await worker?.close();
  await api?.close();
  await new Promise((resolve) => pushService?.close(resolve));
});

describe('Web Push', () => {
  it('gives signed-in users the VAPID public key, and nothing to anonymous callers', async () => {
    const key = await call(api, 'GET', '/api/v1/push/vapid-public-key', { token: memberAToken });
    expect(key.status).toBe(200);
    const raw = Buffer.from(key.body.data.public_key as string, 'base64url');
    expect(raw).toHaveLength(65);
    expect(raw[0]).toBe(4);
    const again = await call(api, 'GET', '/api/v1/push/vapid-public-key', { token: userB });
    expect(again.body.data.public_key).toBe(key.body.data.public_key);
    const anonymous = await call(api, 'GET', '/api/v1/push/vapid-public-key');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBeTruthy();
  });

  it('pushes an encrypted, VAPID-signed assignment to the assignee and drops subscriptions gone (410)', async () => {
    const live = browserKeys();
    const gone = browserKeys();
    answers.set('/push/gone', 410);
    const first = await subscribe(memberAToken, '/push/live', live.json);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.data.endpoint).toBe(`${pushOrigin}/push/live`);
    const repeated = await subscribe(memberAToken, '/push/live', live.json);
    expect(repeated.status).toBe(201);
    expect(repeated.body.data.id).toBe(first.body.data.id);
    expect((await subscribe(memberAToken, '/push/gone', gone.json)).status).toBe(201);
    // another tenant's user subscribed elsewhere must not hear about tenant A's assignment
    expect((await subscribe(userB, '/push/tenant-b', browserKeys().json)).status).toBe(201);

    const taskId = await createTask('Review the quarterly figures');
    const assigned = await call(api, 'POST', `/api/v1/tasks/${taskId}/assign`, {
      token: adminA,
      body: { assignee_id: memberA.id },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);

    const message = await waitFor('the push to /push/live', () =>
      received.find((r) => r.path === '/push/live'),
    );
    expect(message.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(message.headers.ttl)).toBeGreaterThan(0);
    const vapidKey = (await call(api, 'GET', '/api/v1/push/vapid-public-key', { token: memberAToken })).body
      .data.public_key as string;
    const claims = verifyVapid(String(message.headers.authorization), vapidKey, pushOrigin);
    expect(String(claims.sub)).toMatch(/^(mailto:|https:)/);
    expect(message.body.toString('utf8')).not.toContain('quarterly');
    expect(JSON.parse(decrypt(message.body, live))).toEqual({
      type: 'task.assigned',
      title: 'Task assigned to you',
      body: 'Review the quarterly figures',
      url: `/?task=${taskId}`,
      tag: `task-assigned-${taskId}`,
      task_id: taskId,
    });

    await waitFor('the gone subscription to be deleted', async () => {
      const rows = (await db.query(`SELECT 1 FROM push_subscriptions WHERE endpoint = $1`, [
        `${pushOrigin}/push/gone`,
      ])) as unknown[];
      return rows.length === 0 ? true : undefined;
    });
    expect(received.some((r) => r.path === '/push/gone')).toBe(true);
    const remaining = (await db.query(`SELECT endpoint FROM push_subscriptions WHERE user_id = $1`, [
      memberA.id,
    ])) as { endpoint: string }[];
    expect(remaining.map((r) => r.endpoint)).toEqual([`${pushOrigin}/push/live`]);
    expect(received.some((r) => r.path === '/push/tenant-b')).toBe(false);
  });

  it('retries a push the push service failed, with backoff, through the notifications queue', async () => {
    const keys = browserKeys();
    answers.set('/push/flaky', 503);
    expect((await subscribe(memberAToken, '/push/flaky', keys.json)).status).toBe(201);
    const taskId = await createTask('Flaky delivery');
    const assigned = await call(api, 'POST', `/api/v1/tasks/${taskId}/assign`, {
      token: adminA,
      body: { assignee_id: memberA.id },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);

    const retrying = await waitFor('the failed push to wait for its retry', async () => {
      const delayed: Job[] = await notifications.getJobs(['delayed'], 0, 100);
      return delayed.find(
        (j) =>
          j.name === 'task.assigned' &&
          (j.data as { message: { task_id: string } }).message.task_id === taskId,
      );
    });
    expect(retrying.attemptsMade).toBe(1);
    expect(retrying.failedReason).toBe('push service answered 503');
    expect(retrying.opts.attempts).toBeGreaterThan(1);
    expect(retrying.opts.backoff).toMatchObject({ type: 'exponential' });
    expect(received.filter((r) => r.path === '/push/flaky')).toHaveLength(1);

    answers.set('/push/flaky', 201);
    await retrying.promote(); // skip the backoff wait
    await waitFor('the retried push', async () =>
      received.filter((r) => r.path === '/push/flaky').length === 2 ? true : undefined,
    );
    const retried = received.filter((r) => r.path === '/push/flaky')[1];
    expect(JSON.parse(decrypt(retried.body, keys))).toMatchObject({ type: 'task.assigned', task_id: taskId });
    const done = await waitFor('the job to complete', async () => {
      const job = await notifications.getJob(retrying.id!);
      return (await job?.isCompleted()) ? job : undefined;
    });
    expect(done?.returnvalue).toBe('delivered');
  });

  it('keeps subscriptions per tenant and user: another tenant cannot remove or take over one', async () => {
    const keys = browserKeys();
    expect((await subscribe(memberAToken, '/push/isolated', keys.json)).status).toBe(201);
    const foreignDelete = await call(api, 'DELETE', '/api/v1/push/subscriptions', {
      token: userB,
      body: { endpoint: `${pushOrigin}/push/isolated` },
    });
    expect(foreignDelete.status).toBe(404);
    expect(foreignDelete.body.error.code).toBe('NOT_FOUND');
    // the same endpoint registered in tenant B is a separate row; tenant A's keeps its owner
    expect((await subscribe(userB, '/push/isolated', browserKeys().json)).status).toBe(201);
    const rows = (await db.query(
      `SELECT tenant_id, user_id, p256dh FROM push_subscriptions WHERE endpoint = $1 ORDER BY tenant_id`,
      [`${pushOrigin}/push/isolated`],
    )) as { tenant_id: string; user_id: string; p256dh: string }[];
    expect(rows).toHaveLength(2);
    const inA = rows.find((r) => r.tenant_id === tenantA.id)!;
    expect(inA).toMatchObject({ user_id: memberA.id, p256dh: keys.json.p256dh });
    expect(rows.some((r) => r.tenant_id === tenantB.id)).toBe(true);

    const ownDelete = await call(api, 'DELETE', '/api/v1/push/subscriptions', {
      token: memberAToken,
      body: { endpoint: `${pushOrigin}/push/isolated` },
    });
    expect(ownDelete.status).toBe(204);
    const left = (await db.query(`SELECT tenant_id FROM push_subscriptions WHERE endpoint = $1`, [
      `${pushOrigin}/push/isolated`,
    ])) as { tenant_id: string }[];
    expect(left.map((r) => r.tenant_id)).toEqual([tenantB.id]);
  });

  it('refuses OAuth clients (no browser to notify)', async () => {
    const response = await subscribe(clientA, '/push/client', browserKeys().json);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
  });

  it('answers malformed subscriptions with 422 and field details', async () => {
    const keys = browserKeys().json;
    const cases: { body: unknown; field: RegExp }[] = [
      { body: { endpoint: 'http://push.example.test/x', keys }, field: /^endpoint$/ },
      { body: { endpoint: 'not a url', keys }, field: /^endpoint$/ },
      { body: { endpoint: `${pushOrigin}/push/bad` }, field: /^keys/ },
      { body: { endpoint: `${pushOrigin}/push/bad`, keys: { ...keys, p256dh: 'AAAA' } }, field: /p256dh/ },
      {
        body: {
          endpoint: `${pushOrigin}/push/bad`,
          keys: { ...keys, auth: randomBytes(8).toString('base64url') },
        },
        field: /auth/,
      },
    ];
    for (const { body, field } of cases) {
      const response = await call(api, 'POST', '/api/v1/push/subscriptions', { token: memberAToken, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(
        (response.body.error.details as { field: string }[]).some((d) => field.test(d.field)),
        JSON.stringify(response.body.error.details),
      ).toBe(true);
    }
    const missing = await call(api, 'DELETE', '/api/v1/push/subscriptions', {
      token: memberAToken,
      body: {},
    });
    expect(missing.status).toBe(422);
    const rows = (await db.query(`SELECT 1 FROM push_subscriptions WHERE endpoint = $1`, [
      `${pushOrigin}/push/bad`,
    ])) as unknown[];
    expect(rows).toHaveLength(0);
  });
});
