import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@oversing/testing';
/* eslint-disable @nx/enforce-module-boundaries -- integration tests boot the real API (test support only) */
import { OAuthClientRepository } from '../../api/src/oauth/oauth-client.repository';
import {
  CertificationRequester,
  certificationRequestKey,
} from '../../api/src/workflows/certification-requester';
import { clientToken } from '../../api/test/support/api-harness';
/* eslint-enable @nx/enforce-module-boundaries */
import { LOG_APPEND_LOCK } from '../src/infrastructure/audit-database';
import {
  call,
  newClient,
  newPolicy,
  newTenant,
  RunningApi,
  RunningCertification,
  startApi,
  startCertification,
  TestTenant,
} from './support/certification-harness';
import { FaultyProxy } from './support/faulty-proxy';

/**
 * The API's calls into the certification service carry Idempotency-Keys: every attempt of one automatic
 * certification request (the `certification-requests` retries) the same key, and the on-behalf module
 * (`POST /api/v1/certifications` on the API) a key derived from its caller's. The API reaches the real
 * service through a proxy that can lose an answer; the attack is the retry of an attempt that timed out
 * while the service was still certifying: without a key it is a second certification.
 */

const SCOPES = [
  'tasks:read',
  'tasks:write',
  'programs:write',
  'workflows:read',
  'workflows:write',
  'certifications:read',
  'certifications:write',
];
const LLM = {
  input: { prompt: 'Summarise the delivery risks' },
  output: 'Two risks: the vendor contract and the staffing plan.',
  provider: 'openai',
  model: 'gpt-4o',
};
const SERVICE_CLIENT = { id: `oversing-internal-${randomUUID().slice(0, 8)}`, secret: `svc-${randomUUID()}` };
const CERTIFY = (r: { method: string; path: string }) =>
  r.method === 'POST' && r.path === '/api/v1/certifications';

let api: RunningApi;
let cert: RunningCertification;
let proxy: FaultyProxy;
let tenant: TestTenant;
let token: string;
let db: Client;
let audit: Client;

beforeAll(async () => {
  const certPort = await freePort();
  proxy = await FaultyProxy.start(certPort);
  api = await startApi({
    CERTIFICATION_URL: proxy.url,
    CERTIFICATION_CLIENT_ID: SERVICE_CLIENT.id,
    CERTIFICATION_CLIENT_SECRET: SERVICE_CLIENT.secret,
    // no sweep on a timer: the test runs each retry itself
    CERTIFICATION_REQUEST_SWEEP_SECONDS: '0',
  });
  await api.app.get(OAuthClientRepository).upsertInternalClient(SERVICE_CLIENT.id, SERVICE_CLIENT.secret);
  cert = await startCertification(api, { PORT: String(certPort) });
  tenant = await newTenant(api);
  token = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
  await newPolicy(cert, tenant, {
    key: 'keyed',
    name: 'Keyed',
    rules: { max_length: 2000, allowed_providers: ['openai'] },
    thresholds: { review_above: 0.5 },
  });
  db = new Client({ connectionString: inject('databaseUrl') });
  await db.connect();
  audit = new Client({ connectionString: inject('auditDatabaseUrl') });
  await audit.connect();
});

afterAll(async () => {
  await audit?.end();
  await db?.end();
  await cert?.close();
  await api?.close();
  await proxy?.close();
});

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const end = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Holds the log's append lock: the service's next certification waits inside its batch transaction. */
async function holdLogAppendLock(): Promise<{ release(): Promise<void> }> {
  const holder = new Client({ connectionString: inject('auditDatabaseUrl') });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT pg_advisory_xact_lock($1)', [LOG_APPEND_LOCK]);
  return {
    release: async () => {
      await holder.query('ROLLBACK');
      await holder.end();
    },
  };
}

async function batchWaiting(): Promise<true | undefined> {
  const { rows } = await audit.query(
    `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
        AND classid = 0 AND objid = $1 AND objsubid = 1`,
    [LOG_APPEND_LOCK],
  );
  return rows.length > 0 ? true : undefined;
}

async function certificationsOfTask(taskId: string): Promise<string[]> {
  const { rows } = await audit.query<{ id: string }>(
    'SELECT id FROM certifications WHERE tenant_id = $1 AND task_id = $2',
    [tenant.id, taskId],
  );
  return rows.map((r) => r.id);
}

async function taskWithOutput(): Promise<string> {
  const program = await call(api, 'POST', '/api/v1/programs', { token, body: { name: `P ${randomUUID()}` } });
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token,
    body: { program_id: program.body.data.id, title: 'Summarise risks' },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  const patched = await call(api, 'PATCH', `/api/v1/tasks/${task.body.data.id}`, {
    token,
    body: { llm_output: LLM },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  return task.body.data.id as string;
}

describe('the certification-requests retries (API → certification service)', () => {
  it('send the same key on every attempt: an attempt retried while the first still runs certifies once', async () => {
    const workflow = await call(api, 'POST', '/api/v1/workflows', {
      token,
      body: {
        name: `Keyed ${randomUUID()}`,
        initial_state: 'draft',
        states: [
          { key: 'draft', name: 'Draft', category: 'todo' },
          {
            key: 'review',
            name: 'Review',
            category: 'in_progress',
            request_certification: { policy_key: 'keyed' },
          },
        ],
        transitions: [{ from: 'draft', to: 'review' }],
      },
    });
    expect(workflow.status, JSON.stringify(workflow.body)).toBe(201);
    const taskId = await taskWithOutput();
    const sent = proxy.requests.length;

    // attempt 1: the certification service is slow (its batch waits for the log) and the answer is lost
    const log = await holdLogAppendLock();
    proxy.loseAnswersTo = CERTIFY;
    try {
      const moved = await call(api, 'POST', `/api/v1/workflows/${workflow.body.data.id}/execute`, {
        token,
        body: { task_id: taskId, to_state: 'review' },
      });
      expect(moved.status).toBe(200);
      await until(batchWaiting, 'the first attempt to reach the batch');
      proxy.drop();
      proxy.loseAnswersTo = null;
      const failed = await until(async () => {
        const { rows } = await db.query('SELECT * FROM certification_requests WHERE task_id = $1', [taskId]);
        return rows[0]?.last_error ? rows[0] : undefined;
      }, 'the first attempt to fail');
      expect(failed).toMatchObject({ status: 'pending', attempts: 1 });

      // attempt 2, while the first is still certifying: it finds no certification yet and asks again
      await db.query(`UPDATE certification_requests SET next_attempt_at = now() WHERE id = $1`, [failed.id]);
      await api.app.get(CertificationRequester).sweep();
      const second = (await db.query('SELECT * FROM certification_requests WHERE id = $1', [failed.id]))
        .rows[0];
      expect(second).toMatchObject({ status: 'pending', attempts: 2 });
      expect(second.last_error).toMatch(/409/);
    } finally {
      await log.release();
    }

    // the first attempt's certification commits; attempt 3 delivers it
    await until(async () => ((await certificationsOfTask(taskId)).length ? true : undefined), 'the commit');
    const { rows } = await db.query('SELECT * FROM certification_requests WHERE task_id = $1', [taskId]);
    await db.query(`UPDATE certification_requests SET next_attempt_at = now() WHERE id = $1`, [rows[0].id]);
    await api.app.get(CertificationRequester).sweep();
    const delivered = (await db.query('SELECT * FROM certification_requests WHERE id = $1', [rows[0].id]))
      .rows[0];
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 3 });
    const certifications = await certificationsOfTask(taskId);
    expect(certifications).toEqual([delivered.certification_id]);

    // every certify call of this request carried one key, derived from the request
    const keys = proxy.requests.slice(sent).filter(CERTIFY);
    expect(keys.length).toBe(2);
    expect(new Set(keys.map((r) => r.idempotencyKey))).toEqual(
      new Set([certificationRequestKey(rows[0].id as string)]),
    );
  });
});

describe('the on-behalf module (POST /api/v1/certifications on the API)', () => {
  it("forwards a key derived from the caller's: the caller's retries certify once", async () => {
    const taskId = await taskWithOutput();
    const key = randomUUID();
    const request = () =>
      call(api, 'POST', '/api/v1/certifications', {
        token,
        body: { task_id: taskId, policy_key: 'keyed' },
        headers: { 'idempotency-key': key },
      });
    const sent = proxy.requests.length;

    const log = await holdLogAppendLock();
    proxy.loseAnswersTo = CERTIFY;
    try {
      const lost = request();
      await until(batchWaiting, 'the first call to reach the batch');
      proxy.drop();
      proxy.loseAnswersTo = null;
      // the API could not get the service's answer: 503, and it stored nothing for the key
      expect((await lost).status).toBe(503);
      // the caller retries while the service still certifies: 409 from the service, passed through
      const early = await request();
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('CONFLICT');
    } finally {
      await log.release();
    }
    await until(async () => ((await certificationsOfTask(taskId)).length ? true : undefined), 'the commit');

    const retried = await request();
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(await certificationsOfTask(taskId)).toEqual([retried.body.data.id]);
    const calls = proxy.requests.slice(sent).filter(CERTIFY);
    expect(calls.length).toBe(3);
    expect(new Set(calls.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(calls[0].idempotencyKey).toMatch(/^oversing-api:[0-9a-f]{64}$/);
    // the API stored its own answer: the next repeat is replayed by the API itself
    const replayed = await request();
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(retried.body);
  });

  it('sends no key for a caller that sent none (only the caller knows which requests are one)', async () => {
    const taskId = await taskWithOutput();
    const sent = proxy.requests.length;
    const response = await call(api, 'POST', '/api/v1/certifications', {
      token,
      body: { task_id: taskId, policy_key: 'keyed' },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(proxy.requests.slice(sent).filter(CERTIFY)).toEqual([
      expect.objectContaining({ idempotencyKey: null }),
    ]);
  });
});
