import { randomUUID } from 'node:crypto';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { QueueName, RevocationList, SYSTEM_QUEUES } from '@oversing/platform';
import { OAuthClientRepository } from '../src/oauth/oauth-client.repository';
import { TenantProvisioningService } from '../src/tenancy/tenant-provisioning.service';
import {
  call,
  clientToken,
  newClient,
  newTenant,
  newUser,
  RunningApi,
  startApi,
  TestTenant,
} from './support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

const run = randomUUID().slice(0, 8);
const operatorSlug = `ops-${run}`;
const workerPrefix = `qd-${run}`;
const realtimeRedisPrefix = `qdrt-${run}:`;

let api: RunningApi;
let operator: TestTenant;
let other: TestTenant;
let connection: Redis;
let relayQueue: Queue;
let relayWorker: Worker;
let relayEvents: QueueEvents;
/** the test processor on the audit-relay queue fails while this is true */
let failing = true;
const processed: string[] = [];

async function userToken(tenant: TestTenant, roles: string[]): Promise<string> {
  const user = await newUser(api, tenant, roles);
  return (await exchangeCode(await signInWithPkce(api, user, 'openid tasks:read'))).access_token;
}

/** Opens a dashboard session; returns the response and the `name=value` pair of its cookie. */
async function openSession(
  token: string,
): Promise<{ status: number; body: any; setCookie: string; cookie: string }> {
  const response = await call(api, 'POST', '/api/v1/admin/queues/session', { token });
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { status: response.status, body: response.body, setCookie, cookie: setCookie.split(';')[0] };
}

const dashboard = (path: string, cookie?: string, method = 'GET') =>
  call(api, method, `/admin/queues${path}`, { headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  api = await startApi({
    OPERATOR_TENANT: operatorSlug,
    BULLMQ_PREFIX: workerPrefix,
    REALTIME_REDIS_PREFIX: realtimeRedisPrefix,
  });
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  const created = await api.app
    .get(TenantProvisioningService)
    .execute({ slug: operatorSlug, name: 'Operators' });
  operator = { id: created.id, slug: operatorSlug };
  other = await newTenant(api);

  connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  relayQueue = new Queue(QueueName.AuditRelay, { connection, prefix: workerPrefix });
  relayEvents = new QueueEvents(QueueName.AuditRelay, {
    connection: connection.duplicate(),
    prefix: workerPrefix,
  });
  await relayEvents.waitUntilReady();
  relayWorker = new Worker(
    QueueName.AuditRelay,
    async (job: Job) => {
      if (failing) throw new Error('certification service unreachable');
      processed.push(String(job.id));
      return { delivered: 1 };
    },
    { connection: connection.duplicate(), prefix: workerPrefix },
  );
});

afterAll(async () => {
  await relayWorker?.close();
  await relayEvents?.close();
  await relayQueue?.close();
  connection?.disconnect();
  await api?.close();
});

describe('queue dashboard (bull-board at /admin/queues)', () => {
  it('refuses the dashboard, its assets and its API without a session cookie (401, error format)', async () => {
    for (const path of ['', '/', '/api/queues', '/static/js/main.js']) {
      const response = await dashboard(path);
      expect(response.status, path).toBe(401);
      expect(response.body.error).toMatchObject({ code: 'UNAUTHENTICATED', details: [] });
      expect(response.body.error.request_id).toBe(response.headers.get('x-request-id'));
    }
    const retry = await dashboard(`/api/queues/${QueueName.AuditRelay}/1/retry`, undefined, 'PUT');
    expect(retry.status).toBe(401);
  });

  it('refuses a forged or tampered cookie', async () => {
    const claims = Buffer.from(JSON.stringify({ sub: 'x', tid: operator.id, exp: 4102444800 })).toString(
      'base64url',
    );
    expect((await dashboard('/api/queues', `oversing_queues=${claims}`)).status).toBe(401);
    expect((await dashboard('/api/queues', `oversing_queues=${claims}.AAAA`)).status).toBe(401);
  });

  it('gives no session without a token, to a member of the operator tenant, to an admin of another tenant, or to a client', async () => {
    expect((await call(api, 'POST', '/api/v1/admin/queues/session')).status).toBe(401);

    const member = await openSession(await userToken(operator, ['member']));
    expect(member.status).toBe(403);
    expect(member.body.error.code).toBe('FORBIDDEN');
    expect(member.setCookie).toBe('');

    const otherAdmin = await openSession(await userToken(other, ['admin']));
    expect(otherAdmin.status).toBe(403);
    expect(otherAdmin.body.error.message).toMatch(/operator tenant/);
    expect(otherAdmin.setCookie).toBe('');

    const client = await newClient(api, operator, ['tasks:read']);
    const clientSession = await openSession(await clientToken(api, client, ['tasks:read']));
    expect(clientSession.status).toBe(403);
  });

  it('lets an operator admin see every queue and a failed job, retry it, and watch it complete', async () => {
    const job = await relayQueue.add('relay', { batch: run }, { attempts: 1, removeOnFail: false });
    await job.waitUntilFinished(relayEvents).catch(() => undefined);
    expect(await job.getState()).toBe('failed');

    const session = await openSession(await userToken(operator, ['admin']));
    expect(session.status).toBe(201);
    expect(session.body.data.dashboard_path).toBe('/admin/queues');
    expect(new Date(session.body.data.expires_at).getTime()).toBeGreaterThan(Date.now());
    expect(session.setCookie).toMatch(/^oversing_queues=/);
    expect(session.setCookie).toMatch(/HttpOnly/i);
    expect(session.setCookie).toMatch(/SameSite=Strict/i);
    expect(session.setCookie).toMatch(/Path=\/admin\/queues/i);

    const page = await dashboard('', session.cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.body).toContain('<base href="/admin/queues/"');
    expect(page.body).toContain('__UI_CONFIG__');
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body as string)![1];
    const asset = await dashboard(`/${script}`, session.cookie);
    expect(asset.status).toBe(200);

    const listed = await dashboard(
      `/api/queues?activeQueue=${QueueName.AuditRelay}&status=failed&page=1&jobsPerPage=20`,
      session.cookie,
    );
    expect(listed.status).toBe(200);
    const queues = listed.body.queues as { name: string; counts: Record<string, number>; jobs: any[] }[];
    expect(queues.map((q) => q.name).sort()).toEqual(SYSTEM_QUEUES.map((q) => q.name).sort());
    expect(queues.map((q) => q.name)).toEqual(
      expect.arrayContaining([QueueName.AuditRelay, QueueName.Webhooks, QueueName.RealtimeWebhooks]),
    );
    const relay = queues.find((q) => q.name === QueueName.AuditRelay)!;
    expect(relay.counts.failed).toBe(1);
    expect(relay.jobs).toEqual([
      expect.objectContaining({
        id: job.id,
        failedReason: 'certification service unreachable',
        data: { batch: run },
      }),
    ]);

    const metrics = await call(api, 'GET', '/metrics');
    expect(metrics.body).toMatch(/oversing_db_pool_connections\{app="api",state="total"\} [1-9]/);
    expect(metrics.body).toMatch(/oversing_db_pool_connections\{app="api",state="waiting"\} 0/);
    expect(metrics.body).toMatch(
      /http_request_duration_seconds_count\{app="api",method="POST",route="\/api\/v1\/admin\/queues\/session",status_code="201"\} [1-9]/,
    );
    expect(metrics.body).toMatch(
      new RegExp(`oversing_queue_jobs\\{queue="${QueueName.AuditRelay}",state="failed"\\} 1`),
    );
    expect(metrics.body).toMatch(
      new RegExp(`oversing_queue_jobs\\{queue="${QueueName.RealtimeWebhooks}",state="waiting"\\} 0`),
    );

    failing = false;
    const retried = await dashboard(
      `/api/queues/${QueueName.AuditRelay}/${job.id}/retry`,
      session.cookie,
      'PUT',
    );
    expect(retried.status).toBeLessThan(300);
    await job.waitUntilFinished(relayEvents);
    expect(await relayQueue.getJobState(job.id!)).toBe('completed');
    expect(processed).toEqual([job.id]);

    const after = await dashboard(
      `/api/queues?activeQueue=${QueueName.AuditRelay}&status=failed`,
      session.cookie,
    );
    expect(
      after.body.queues.find((q: { name: string }) => q.name === QueueName.AuditRelay).counts.failed,
    ).toBe(0);
  });

  it('ends the session when the grant of the token that opened it is revoked', async () => {
    const session = await openSession(await userToken(operator, ['admin']));
    expect((await dashboard('/api/queues', session.cookie)).status).toBe(200);
    const value = decodeURIComponent(session.cookie.slice('oversing_queues='.length));
    const claims = JSON.parse(
      Buffer.from(value.slice(0, value.lastIndexOf('.')), 'base64url').toString(),
    ) as {
      gid: string;
      tid: string;
    };
    expect(claims.tid).toBe(operator.id);
    await api.app.get(RevocationList).revokeGrant(claims.gid);
    const refused = await dashboard('/api/queues', session.cookie);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/revoked/);
  });
});
