import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@oversing/testing';
import {
  call,
  clientToken,
  newClient,
  newTenant,
  RunningApi,
  startApi,
  TestClient,
  TestTenant,
} from './support/api-harness';

const SCOPES = ['tasks:read', 'tasks:write', 'programs:read', 'programs:write'];

let api: RunningApi;
let tenant: TestTenant;
let client: TestClient;
let token: string;
let programId: string;
let db: Client;

async function countTasks(title: string): Promise<number> {
  const { rows } = await db.query(
    'SELECT count(*)::int AS n FROM tasks WHERE tenant_id = $1 AND title = $2',
    [tenant.id, title],
  );
  return rows[0].n as number;
}

function createTask(title: string, key: string, extra: Record<string, unknown> = {}, target = api) {
  return call(target, 'POST', '/api/v1/tasks', {
    token,
    body: { program_id: programId, title, ...extra },
    headers: { 'idempotency-key': key },
  });
}

beforeAll(async () => {
  api = await startApi();
  tenant = await newTenant(api);
  client = await newClient(api, tenant, SCOPES);
  token = await clientToken(api, client, SCOPES);
  const program = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'Idempotency' } });
  programId = program.body.data.id;
  db = new Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await api?.close();
});

describe('Idempotency-Key on writes', () => {
  it('returns the stored response for a repeat with the same key and body, and writes once', async () => {
    const title = `Once ${randomUUID()}`;
    const key = randomUUID();
    const first = await createTask(title, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await createTask(title, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await countTasks(title)).toBe(1);
    // one audit event and one domain event for the one task
    const audit = await db.query(
      `SELECT count(*)::int AS n FROM audit_outbox WHERE tenant_id = $1 AND entity_id = $2`,
      [tenant.id, first.body.data.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const key = randomUUID();
    const title = `Original ${randomUUID()}`;
    expect((await createTask(title, key)).status).toBe(201);
    const other = `Different ${randomUUID()}`;
    const reused = await createTask(other, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('UNPROCESSABLE');
    expect(reused.body.error.details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect(await countTasks(other)).toBe(0);
    // and on another route
    const elsewhere = await call(api, 'POST', '/api/v1/programs', {
      token,
      body: { program_id: programId, title },
      headers: { 'idempotency-key': key },
    });
    expect(elsewhere.status).toBe(422);
  });

  it('answers 409 while a request with the same key is still running', async () => {
    const key = randomUUID();
    const title = `Running ${randomUUID()}`;
    // the first request is "running": it holds the key's transaction lock (the same lock the API takes)
    const lockKey = createHash('sha256')
      .update(`${tenant.id}\nclient:${client.clientId}\n${key}`)
      .digest()
      .readBigInt64BE(0);
    const holder = new Client({ connectionString: inject('databaseUrl') });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey.toString()]);
      const blocked = await createTask(title, key);
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.details[0].field).toBe('Idempotency-Key');
      expect(await countTasks(title)).toBe(0);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect((await createTask(title, key)).status).toBe(201);
  });

  it('gives concurrent repeats one write: the others get 409 or the stored response', async () => {
    const key = randomUUID();
    const title = `Concurrent ${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 8 }, () => createTask(title, key)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.data.id));
    expect(ids.size).toBe(1);
    expect(await countTasks(title)).toBe(1);
  });

  it('keeps keys per principal: the same key from another client is a different request', async () => {
    const key = randomUUID();
    const title = `Mine ${randomUUID()}`;
    expect((await createTask(title, key)).status).toBe(201);
    const otherToken = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
    const theirs = await call(api, 'POST', '/api/v1/tasks', {
      token: otherToken,
      body: { program_id: programId, title },
      headers: { 'idempotency-key': key },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(await countTasks(title)).toBe(2);
  });

  it('replays a PATCH with its ETag instead of applying it twice', async () => {
    const created = await createTask(`Patch ${randomUUID()}`, randomUUID());
    const id = created.body.data.id as string;
    const key = randomUUID();
    const patch = () =>
      call(api, 'PATCH', `/api/v1/tasks/${id}`, {
        token,
        body: { description: 'edited once' },
        headers: { 'idempotency-key': key, 'if-match': created.headers.get('etag')! },
      });
    const first = await patch();
    expect(first.status).toBe(200);
    const again = await patch();
    // without the key, the stale If-Match of the retry would give 412
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.body.data.version).toBe(first.body.data.version);
  });

  it('refuses malformed keys with 400 and writes nothing', async () => {
    for (const key of ['x'.repeat(256), 'with space', 'tab\there']) {
      const title = `Bad key ${randomUUID()}`;
      const response = await createTask(title, key);
      expect(response.status, key).toBe(400);
      expect(response.body.error.details[0].field).toBe('Idempotency-Key');
      expect(await countTasks(title)).toBe(0);
    }
  });

  it('does not store refused requests: a corrected retry with the same key does the work', async () => {
    const key = randomUUID();
    const refused = await call(api, 'POST', '/api/v1/tasks', {
      token,
      body: { program_id: randomUUID(), title: 'Nowhere' },
      headers: { 'idempotency-key': key },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const title = `Retried ${randomUUID()}`;
    const retried = await createTask(title, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await countTasks(title)).toBe(1);
  });
});

describe('a retry after the API was killed between commit and response', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  async function bootChild(port: number): Promise<ChildProcess> {
    const url = `http://127.0.0.1:${port}`;
    const started = spawn(process.execPath, [join(process.cwd(), 'dist/apps/api/src/main.js')], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: inject('redisUrl'),
        PUBLIC_API_URL: api.url, // the issuer of the tokens the tests hold
        CERTIFICATION_REQUEST_SWEEP_SECONDS: '0',
        BULLMQ_PREFIX: `idem-${randomUUID().slice(0, 8)}`,
      },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${url}/health/ready`)).ok) return started;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the API did not start');
  }

  it('returns the stored response and leaves one record', async () => {
    const port = await freePort();
    const target = { ...api, url: `http://127.0.0.1:${port}` };
    child = await bootChild(port);
    const key = randomUUID();
    const title = `Crash ${randomUUID()}`;
    const inFlight = createTask(title, key, {}, target).catch(() => undefined);
    // as soon as the write (and its stored response) has committed, the process dies: the client
    // sees a dropped connection (or, if the response beat the kill, the response; both must retry safely)
    const deadline = Date.now() + 20_000;
    let committed = false;
    while (!committed && Date.now() < deadline) {
      const { rows } = await db.query('SELECT 1 FROM idempotency_keys WHERE tenant_id = $1 AND key = $2', [
        tenant.id,
        key,
      ]);
      committed = rows.length === 1;
      if (!committed) await new Promise((r) => setTimeout(r, 5));
    }
    expect(committed).toBe(true);
    child.kill('SIGKILL');
    await inFlight;
    expect(await countTasks(title)).toBe(1);

    child = await bootChild(port);
    const retry = await createTask(title, key, {}, target);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const { rows } = await db.query('SELECT id FROM tasks WHERE tenant_id = $1 AND title = $2', [
      tenant.id,
      title,
    ]);
    expect(rows).toHaveLength(1);
    expect(retry.body.data.id).toBe(rows[0].id);
    child.kill('SIGKILL');
  }, 90_000); // boots the built API twice
});
