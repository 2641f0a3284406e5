import { ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runInTenant } from '@oversing/platform';
import { freePort } from '@oversing/testing';
import { DomainEventBus } from '../src/events/domain-event-bus';
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
} from './support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

const CLIENT_SCOPES = ['programs:write', 'tasks:write'];
const WORKER_MAIN = 'dist/apps/worker/src/main.js';

/** A real HTTP endpoint that answers from a script of status codes (the last one repeats). */
class Receiver {
  readonly requests: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  private server: Server;
  url = '';

  constructor(private readonly script: number[]) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status = this.script[Math.min(this.requests.length, this.script.length - 1)];
        this.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString(), status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
      });
    });
  }

  async start(): Promise<void> {
    const port = await freePort();
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${port}/hook`;
  }

  close(): void {
    this.server.close();
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let api: RunningApi;
let db: DataSource;
let tenantA: TestTenant;
let tenantB: TestTenant;
let adminA: string;
let adminB: string;
let memberA: string;
let clientA: string;
let programId: string;

const userToken = async (tenant: TestTenant, roles: string[]): Promise<string> =>
  (await exchangeCode(await signInWithPkce(api, await newUser(api, tenant, roles), 'openid tasks:read')))
    .access_token;

const createTask = async (title: string): Promise<string> => {
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token: clientA,
    body: { program_id: programId, title },
  });
  expect(task.status).toBe(201);
  return task.body.data.id as string;
};

const deliveriesOf = (subscriptionId: string) =>
  db.query(
    `SELECT event_id, event_type, status, attempts, body FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at`,
    [subscriptionId],
  ) as Promise<{ event_id: string; event_type: string; status: string; attempts: number; body: string }[]>;

beforeAll(async () => {
  api = await startApi();
  db = api.app.get(DataSource);
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  [tenantA, tenantB] = await Promise.all([newTenant(api), newTenant(api)]);
  [adminA, adminB, memberA] = await Promise.all([
    userToken(tenantA, ['admin']),
    userToken(tenantB, ['admin']),
    userToken(tenantA, ['member']),
  ]);
  clientA = await clientToken(api, await newClient(api, tenantA, CLIENT_SCOPES), CLIENT_SCOPES);
  const program = await call(api, 'POST', '/api/v1/programs', { token: clientA, body: { name: 'Hooks' } });
  programId = program.body.data.id;
});
afterAll(async () => api?.close());

describe('webhook subscriptions', () => {
  it('are created with a secret shown once, listed, edited with If-Match and deleted by admins', async () => {
    const created = await call(api, 'POST', '/api/v1/webhooks', {
      token: adminA,
      body: { url: 'http://127.0.0.1:9/never', event_types: ['task.*'], description: 'ERP' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({ event_types: ['task.*'], active: true, version: 1 });
    expect(created.body.data.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const id = created.body.data.id;
    const stored = await db.query(`SELECT secret_encrypted FROM webhook_subscriptions WHERE id = $1`, [id]);
    expect(stored[0].secret_encrypted).toMatch(/^v1\./);
    expect(stored[0].secret_encrypted).not.toContain(created.body.data.secret);

    const got = await call(api, 'GET', `/api/v1/webhooks/${id}`, { token: adminA });
    expect(got.status).toBe(200);
    expect(got.body.data.secret).toBeUndefined();
    expect(got.headers.get('etag')).toBe('"1"');
    const list = await call(api, 'GET', '/api/v1/webhooks', { token: adminA });
    expect(list.body.data.map((w: any) => w.id)).toContain(id);
    expect(list.body.data.every((w: any) => w.secret === undefined)).toBe(true);

    const edited = await call(api, 'PATCH', `/api/v1/webhooks/${id}`, {
      token: adminA,
      body: { active: false, event_types: ['task.created', 'invoice.issued'] },
      headers: { 'if-match': '"1"' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ active: false, version: 2 });
    const stale = await call(api, 'PATCH', `/api/v1/webhooks/${id}`, {
      token: adminA,
      body: { active: true },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    const rotated = await call(api, 'POST', `/api/v1/webhooks/${id}/secret`, { token: adminA });
    expect(rotated.status).toBe(201);
    expect(rotated.body.data.secret).not.toBe(created.body.data.secret);

    expect((await call(api, 'DELETE', `/api/v1/webhooks/${id}`, { token: adminA })).status).toBe(204);
    expect((await call(api, 'GET', `/api/v1/webhooks/${id}`, { token: adminA })).status).toBe(404);
  });

  it('are invisible to other tenants and refused to non-admins', async () => {
    const created = await call(api, 'POST', '/api/v1/webhooks', {
      token: adminA,
      body: { url: 'http://127.0.0.1:9/never', event_types: ['*'], active: false },
    });
    const id = created.body.data.id;
    for (const [method, path, body] of [
      ['GET', `/api/v1/webhooks/${id}`, undefined],
      ['PATCH', `/api/v1/webhooks/${id}`, { active: true }],
      ['POST', `/api/v1/webhooks/${id}/secret`, undefined],
      ['GET', `/api/v1/webhooks/${id}/deliveries`, undefined],
      ['DELETE', `/api/v1/webhooks/${id}`, undefined],
    ] as const) {
      const response = await call(api, method, path, { token: adminB, body });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    const listB = await call(api, 'GET', '/api/v1/webhooks', { token: adminB });
    expect(listB.status).toBe(200);
    expect(listB.body.data.map((w: any) => w.id)).not.toContain(id);
    expect((await call(api, 'GET', '/api/v1/webhooks', { token: memberA })).status).toBe(403);
    expect(
      (
        await call(api, 'POST', '/api/v1/webhooks', {
          token: memberA,
          body: { url: 'https://erp.example.com/', event_types: ['*'] },
        })
      ).status,
    ).toBe(403);
    // Administration is never delegated to OAuth clients.
    expect((await call(api, 'GET', '/api/v1/webhooks', { token: clientA })).status).toBe(403);
    const still = await call(api, 'GET', `/api/v1/webhooks/${id}`, { token: adminA });
    expect(still.body.data.active).toBe(false);
  });

  it('refuses malformed input with 422 and field details', async () => {
    const cases: [unknown, string][] = [
      [{ url: 'not a url', event_types: ['task.*'] }, 'url'],
      [{ url: 'ftp://example.com/x', event_types: ['task.*'] }, 'url'],
      [{ url: 'https://u:p@example.com/x', event_types: ['task.*'] }, 'url'],
      [{ url: 'https://example.com/x', event_types: [] }, 'event_types'],
      [{ url: 'https://example.com/x', event_types: ['Task.Created!'] }, 'event_types'],
      [{ url: 'https://example.com/x', event_types: ['task.*', 'task.*'] }, 'event_types'],
      [{ url: 'https://example.com/x', event_types: 'task.*' }, 'event_types'],
      [{ url: 'https://example.com/x', event_types: ['*'], active: 'yes' }, 'active'],
      [{ url: 'https://example.com/x', event_types: ['*'], secret: 'mine' }, 'secret'],
      [{ event_types: ['*'] }, 'url'],
      [{ url: `https://example.com/${'x'.repeat(2000)}`, event_types: ['*'] }, 'url'],
    ];
    for (const [body, field] of cases) {
      const response = await call(api, 'POST', '/api/v1/webhooks', { token: adminA, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.map((d: any) => d.field)).toContain(field);
    }
    const notJson = await call(api, 'POST', '/api/v1/webhooks', {
      token: adminA,
      body: '{"url":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBeGreaterThanOrEqual(400);
    expect(notJson.status).toBeLessThan(500);
    const badPatch = await call(api, 'PATCH', `/api/v1/webhooks/${randomUUID()}`, {
      token: adminA,
      body: { event_types: ['??'] },
    });
    expect(badPatch.status).toBe(422);
    expect((await call(api, 'GET', '/api/v1/webhooks/not-a-uuid', { token: adminA })).status).toBe(404);
    const created = await call(api, 'POST', '/api/v1/webhooks', {
      token: adminA,
      body: { url: 'http://127.0.0.1:9/never', event_types: ['*'], active: false },
    });
    for (const query of ['filter[status]=bogus', 'limit=0', 'sort=url']) {
      const log = await call(api, 'GET', `/api/v1/webhooks/${created.body.data.id}/deliveries?${query}`, {
        token: adminA,
      });
      expect(log.status, query).toBe(422);
    }
    expect((await call(api, 'GET', '/api/v1/webhooks?filter[active]=maybe', { token: adminA })).status).toBe(
      422,
    );
  });

  it('writes deliveries in the transaction of the event, for active subscriptions whose filters match', async () => {
    const make = async (event_types: string[], active = true) =>
      (
        await call(api, 'POST', '/api/v1/webhooks', {
          token: adminA,
          body: { url: 'http://127.0.0.1:9/never', event_types, active },
        })
      ).body.data.id as string;
    const [wildcard, exact, other, inactive] = await Promise.all([
      make(['task.*']),
      make(['task.created']),
      make(['invoice.issued']),
      make(['*'], false),
    ]);
    const taskId = await createTask('Hooked');
    const wildcardRows = await deliveriesOf(wildcard);
    expect(wildcardRows.map((r) => r.event_type)).toEqual(['task.created']);
    expect(wildcardRows[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(JSON.parse(wildcardRows[0].body)).toMatchObject({
      type: 'task.created',
      tenant_id: tenantA.id,
      entity_id: taskId,
      data: { id: taskId, title: 'Hooked' },
    });
    expect((await deliveriesOf(exact)).length).toBe(1);
    expect((await deliveriesOf(other)).length).toBe(0);
    expect((await deliveriesOf(inactive)).length).toBe(0);

    await call(api, 'PATCH', `/api/v1/tasks/${taskId}`, { token: clientA, body: { priority: 1 } });
    expect((await deliveriesOf(wildcard)).map((r) => r.event_type)).toEqual(['task.created', 'task.updated']);
    expect((await deliveriesOf(exact)).length).toBe(1);

    // An event whose transaction rolls back leaves no delivery behind; one that commits always has one.
    const bus = api.app.get(DomainEventBus);
    const publish = (type: string, fail: boolean) =>
      runInTenant(tenantA.id, () =>
        bus.transaction(async () => {
          await bus.publish({ type, entityType: 'task', entityId: taskId, channels: [], payload: {} });
          if (fail) throw new Error('rolled back');
        }),
      );
    await expect(publish('task.rolled_back', true)).rejects.toThrow('rolled back');
    await publish('task.committed', false);
    const types = (await deliveriesOf(wildcard)).map((r) => r.event_type);
    expect(types).toContain('task.committed');
    expect(types).not.toContain('task.rolled_back');
    const events = await db.query(`SELECT id FROM domain_events WHERE tenant_id = $1 AND type = $2`, [
      tenantA.id,
      'task.rolled_back',
    ]);
    expect(events).toEqual([]);

    // Another tenant's events never reach tenant A's subscriptions.
    const clientB = await clientToken(api, await newClient(api, tenantB, CLIENT_SCOPES), CLIENT_SCOPES);
    const programB = await call(api, 'POST', '/api/v1/programs', { token: clientB, body: { name: 'B' } });
    await call(api, 'POST', '/api/v1/tasks', {
      token: clientB,
      body: { program_id: programB.body.data.id, title: 'B task' },
    });
    const rowsA = await db.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE s.tenant_id = $1 AND d.tenant_id <> $1`,
      [tenantA.id],
    );
    expect(rowsA[0].n).toBe(0);
    for (const id of [wildcard, exact, other, inactive])
      await call(api, 'DELETE', `/api/v1/webhooks/${id}`, { token: adminA });
  });
});

describe('webhook delivery (apps/worker)', () => {
  let worker: ChildProcess | undefined;
  afterAll(() => {
    worker?.kill('SIGTERM');
  });

  it('signs, retries with backoff until the endpoint accepts, delivers once, and gives up after N attempts', async () => {
    expect(existsSync(WORKER_MAIN), 'build first: node tools/build.mjs').toBe(true);
    const flaky = new Receiver([500, 500, 200]);
    const broken = new Receiver([503]);
    await Promise.all([flaky.start(), broken.start()]);
    try {
      const subscribe = async (url: string) =>
        (
          await call(api, 'POST', '/api/v1/webhooks', {
            token: adminA,
            body: { url, event_types: ['task.created'] },
          })
        ).body.data as { id: string; secret: string };
      const good = await subscribe(flaky.url);
      const bad = await subscribe(broken.url);
      const taskId = await createTask('Deliver me');

      worker = spawn(process.execPath, [WORKER_MAIN], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          DATABASE_URL: inject('databaseUrl'),
          REDIS_URL: inject('redisUrl'),
          METRICS_PORT: '0',
          BULLMQ_PREFIX: `webhooks-test-${randomUUID().slice(0, 8)}`,
          WORKER_QUEUES: 'webhooks',
          WEBHOOK_DELIVERY_INTERVAL_MS: '100',
          WEBHOOK_DELIVERY_BACKOFF_MS: '200',
          WEBHOOK_DELIVERY_MAX_ATTEMPTS: '4',
          WEBHOOK_DELIVERY_TIMEOUT_MS: '2000',
          // the receivers listen on loopback, which only an explicit allowlist lets a worker reach
          OUTBOUND_ALLOWLIST: '127.0.0.1/32',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      worker.stdout!.on('data', (chunk: Buffer) => (workerErrors += chunk.toString()));
      let workerErrors = '';
      worker.stderr!.on('data', (chunk: Buffer) => (workerErrors += chunk.toString()));
      const log = async (id: string) =>
        (await call(api, 'GET', `/api/v1/webhooks/${id}/deliveries`, { token: adminA })).body.data as any[];
      await until(
        async () =>
          (await log(good.id))[0]?.status === 'delivered' && (await log(bad.id))[0]?.status === 'dead',
        25_000,
        'delivery and dead letter',
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}; worker output: ${workerErrors.slice(-2000)}`);
      });

      expect(flaky.requests.map((r) => r.status)).toEqual([500, 500, 200]);
      const [entry] = await log(good.id);
      expect(entry).toMatchObject({
        event_type: 'task.created',
        status: 'delivered',
        attempts: 3,
        last_response_code: 200,
        last_error: null,
        next_attempt_at: null,
      });
      expect(entry.last_duration_ms).toBeGreaterThanOrEqual(0);
      expect(entry.delivered_at).not.toBeNull();

      // Every attempt is the same delivery (one idempotency id), signed over "<t>.<body>".
      const ids = new Set(flaky.requests.map((r) => r.headers['x-oversing-delivery']));
      expect([...ids]).toEqual([entry.id]);
      for (const request of flaky.requests) {
        expect(request.headers['x-oversing-event']).toBe('task.created');
        const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(request.headers['x-oversing-signature']));
        expect(match).not.toBeNull();
        const expected = createHmac('sha256', good.secret)
          .update(`${match![1]}.${request.body}`)
          .digest('hex');
        expect(match![2]).toBe(expected);
        expect(Math.abs(Number(match![1]) - Date.now() / 1000)).toBeLessThan(60);
        expect(
          createHmac('sha256', 'wrong-secret').update(`${match![1]}.${request.body}`).digest('hex'),
        ).not.toBe(match![2]);
      }
      const body = JSON.parse(flaky.requests[2].body);
      expect(body).toMatchObject({ type: 'task.created', tenant_id: tenantA.id, data: { id: taskId } });

      const [dead] = await log(bad.id);
      expect(dead).toMatchObject({ status: 'dead', attempts: 4, last_response_code: 503 });
      expect(dead.last_error).toContain('503');
      expect(broken.requests.length).toBe(4);

      // Nothing is sent again once delivered or dead.
      await new Promise((r) => setTimeout(r, 800));
      expect(flaky.requests.length).toBe(3);
      expect(broken.requests.length).toBe(4);
      const filtered = await call(api, 'GET', `/api/v1/webhooks/${good.id}/deliveries?filter[status]=dead`, {
        token: adminA,
      });
      expect(filtered.body.data).toEqual([]);
    } finally {
      worker?.kill('SIGTERM');
      flaky.close();
      broken.close();
    }
  });
});

describe('SSRF: webhooks reach only the public internet', () => {
  it('refuses a metadata or loopback address when the subscription is saved', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.5/hook',
      'http://[::ffff:10.0.0.5]/hook',
      'http://0xa9fea9fe/hook',
    ]) {
      const res = await call(api, 'POST', '/api/v1/webhooks', {
        token: adminA,
        body: { url, event_types: ['task.created'] },
      });
      expect(res.status, url).toBe(422);
      expect(res.body.error.details).toEqual([
        { field: 'url', message: 'must not point to a loopback, private or otherwise non-public address' },
      ]);
    }
  });

  it('a worker without an allowlist refuses a name that resolves to loopback, at delivery, and never connects', async () => {
    expect(existsSync(WORKER_MAIN), 'build first: node tools/build.mjs').toBe(true);
    const receiver = new Receiver([200]);
    await receiver.start();
    let worker: ChildProcess | undefined;
    try {
      // `localhost` passes the save-time check of this API (its allowlist names loopback, as in
      // development); what stops the request is the worker's check of the resolved address
      const url = receiver.url.replace('127.0.0.1', 'localhost');
      const hook = (
        await call(api, 'POST', '/api/v1/webhooks', {
          token: adminA,
          body: { url, event_types: ['task.created'] },
        })
      ).body.data as { id: string };
      await createTask('Resolve me');
      worker = spawn(process.execPath, [WORKER_MAIN], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          DATABASE_URL: inject('databaseUrl'),
          REDIS_URL: inject('redisUrl'),
          METRICS_PORT: '0',
          BULLMQ_PREFIX: `webhooks-ssrf-${randomUUID().slice(0, 8)}`,
          WORKER_QUEUES: 'webhooks',
          WEBHOOK_DELIVERY_INTERVAL_MS: '100',
          WEBHOOK_DELIVERY_MAX_ATTEMPTS: '1',
          OUTBOUND_ALLOWLIST: '',
        },
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      const log = async () =>
        (await call(api, 'GET', `/api/v1/webhooks/${hook.id}/deliveries`, { token: adminA })).body
          .data as any[];
      await until(async () => (await log())[0]?.status === 'dead', 25_000, 'the refused delivery');
      const [entry] = await log();
      expect(entry.last_error).toMatch(
        /^localhost resolves to (127\.0\.0\.1|::1), which is not a public address$/,
      );
      expect(entry.last_response_code).toBeNull();
      expect(receiver.requests).toEqual([]);
    } finally {
      worker?.kill('SIGTERM');
      receiver.close();
    }
  });
});
