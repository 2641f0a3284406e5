import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client } from 'pg';
import { SYSTEM_QUEUES } from '@oversing/platform';
import { freePort } from '@oversing/testing';
/* eslint-disable @nx/enforce-module-boundaries -- integration tests boot the real API (test support only) */
import { OAuthClientRepository } from '../../api/src/oauth/oauth-client.repository';
import { CertificationRequester } from '../../api/src/workflows/certification-requester';
import {
  CERTIFICATION_REQUESTS_QUEUE,
  CERTIFICATION_SWEEP_INTERVAL_MS,
  CertificationRequestsJob,
} from '../../api/src/workflows/certification-requests.processor';
import { clientToken } from '../../api/test/support/api-harness';
/* eslint-enable @nx/enforce-module-boundaries */
import {
  call,
  callCert,
  certificationClientToken,
  newClient,
  newPolicy,
  newTenant,
  RunningApi,
  RunningCertification,
  startApi,
  startCertification,
  TestTenant,
} from './support/certification-harness';

const SCOPES = ['tasks:read', 'tasks:write', 'programs:write', 'workflows:read', 'workflows:write'];
const LLM = {
  input: { prompt: 'Summarise the delivery risks' },
  output: 'Two risks: the vendor contract and the staffing plan.',
  provider: 'openai',
  model: 'gpt-4o',
};

let api: RunningApi;
let cert: RunningCertification;
let tenantA: TestTenant;
let tenantB: TestTenant;
let tokenA: string;
let db: Client;
// An internal (service-account) client of its own: other specs rotate the shared `oversing-internal` secret.
const SERVICE_CLIENT = { id: `oversing-internal-${randomUUID().slice(0, 8)}`, secret: `svc-${randomUUID()}` };

async function apiToken(tenant: TestTenant): Promise<string> {
  return clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
}

async function newTask(token: string): Promise<{ id: string; version: number }> {
  const program = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'P' } });
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token,
    body: { program_id: program.body.data.id, title: 'Summarise risks' },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  return task.body.data;
}

async function workflowRequesting(token: string, policyKey: string): Promise<string> {
  const response = await call(api, 'POST', '/api/v1/workflows', {
    token,
    body: {
      name: `Certified ${policyKey} ${Date.now()}`,
      initial_state: 'draft',
      states: [
        { key: 'draft', name: 'Draft', category: 'todo' },
        {
          key: 'review',
          name: 'Review',
          category: 'in_progress',
          request_certification: { policy_key: policyKey },
        },
      ],
      transitions: [{ from: 'draft', to: 'review' }],
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  expect(response.body.data.states[1].request_certification).toEqual({ policy_key: policyKey });
  return response.body.data.id;
}

async function enter(token: string, workflowId: string, taskId: string, to: string) {
  return call(api, 'POST', `/api/v1/workflows/${workflowId}/execute`, {
    token,
    body: { task_id: taskId, to_state: to },
  });
}

async function certificationsOf(taskId: string, tenant: TestTenant): Promise<any[]> {
  const reader = await certificationClientToken(api, tenant, ['certifications:read']);
  const list = await callCert(cert, 'GET', `/api/v1/certifications?task_id=${taskId}`, { token: reader });
  expect(list.status).toBe(200);
  return list.body.data;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function requestRow(taskId: string): Promise<any | undefined> {
  const { rows } = await db.query('SELECT * FROM certification_requests WHERE task_id = $1', [taskId]);
  return rows[0];
}

beforeAll(async () => {
  const certPort = await freePort();
  // the API calls the certification service as an internal service account (tenant "*", role service)
  api = await startApi({
    CERTIFICATION_URL: `http://127.0.0.1:${certPort}`,
    CERTIFICATION_CLIENT_ID: SERVICE_CLIENT.id,
    CERTIFICATION_CLIENT_SECRET: SERVICE_CLIENT.secret,
    CERTIFICATION_REQUEST_SWEEP_SECONDS: '5',
  });
  await api.app.get(OAuthClientRepository).upsertInternalClient(SERVICE_CLIENT.id, SERVICE_CLIENT.secret);
  cert = await startCertification(api, { PORT: String(certPort) });
  [tenantA, tenantB] = [await newTenant(api), await newTenant(api)];
  tokenA = await apiToken(tenantA);
  await newPolicy(cert, tenantA, {
    key: 'auto',
    name: 'Automatic',
    rules: { max_length: 2000, allowed_providers: ['openai'] },
    thresholds: { review_above: 0.5 },
  });
  db = new Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await cert?.close();
  await api?.close();
});

describe('automatic certification on entering a workflow state', () => {
  it('validates llm_output on PATCH /tasks/:id and returns it', async () => {
    const task = await newTask(tokenA);
    const bad = await call(api, 'PATCH', `/api/v1/tasks/${task.id}`, {
      token: tokenA,
      body: { llm_output: { input: 'x', provider: 7 } },
    });
    expect(bad.status).toBe(422);
    const fields = bad.body.error.details.map((d: { field: string }) => d.field).join(',');
    expect(fields).toMatch(/llm_output\.output/);
    expect(fields).toMatch(/llm_output\.provider/);
    const ok = await call(api, 'PATCH', `/api/v1/tasks/${task.id}`, {
      token: tokenA,
      body: { llm_output: LLM },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.llm_output).toEqual(LLM);
    // another tenant cannot set it
    const other = await call(api, 'PATCH', `/api/v1/tasks/${task.id}`, {
      token: await apiToken(tenantB),
      body: { llm_output: null },
    });
    expect(other.status).toBe(404);
  });

  it('certifies the task output through the service account and records it in the task history', async () => {
    const workflowId = await workflowRequesting(tokenA, 'auto');
    const task = await newTask(tokenA);
    await call(api, 'PATCH', `/api/v1/tasks/${task.id}`, { token: tokenA, body: { llm_output: LLM } });
    const moved = await enter(tokenA, workflowId, task.id, 'review');
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    const certification = await until(
      async () => (await certificationsOf(task.id, tenantA))[0],
      'certification',
    );
    expect(certification).toMatchObject({
      task_id: task.id,
      status: 'certified',
      provider: 'openai',
      model: 'gpt-4o',
    });
    expect(certification.created_by).toBe(`client:${SERVICE_CLIENT.id}`);
    // exactly the task's output was certified (same canonical hash as certifying it directly)
    const direct = await callCert(cert, 'POST', '/api/v1/certifications', {
      token: await certificationClientToken(api, tenantA, ['certifications:write']),
      body: { ...LLM, policy_key: 'auto' },
    });
    expect(certification.output_hash).toBe(direct.body.data.output_hash);
    expect(certification.input_hash).toBe(direct.body.data.input_hash);

    const row = await until(async () => {
      const r = await requestRow(task.id);
      return r?.status === 'delivered' ? r : undefined;
    }, 'delivered request');
    expect(row.certification_id).toBe(certification.id);

    const history = await call(api, 'GET', `/api/v1/tasks/${task.id}/history`, { token: tokenA });
    const entry = history.body.data.find((e: any) => e.action === 'certification_requested');
    expect(entry.after_state ?? entry.after).toMatchObject({
      certification_id: certification.id,
      status: 'certified',
    });
    const { rows: events } = await db.query(
      `SELECT payload FROM domain_events WHERE entity_id = $1 AND type = 'certification.requested'`,
      [task.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({ task_id: task.id, certification_id: certification.id });

    // the other tenant does not see it
    expect(await certificationsOf(task.id, tenantB)).toEqual([]);
  });

  it('never fails the transition: an unknown policy leaves the request pending, and the retry delivers it', async () => {
    const workflowId = await workflowRequesting(tokenA, 'later');
    const task = await newTask(tokenA);
    await call(api, 'PATCH', `/api/v1/tasks/${task.id}`, { token: tokenA, body: { llm_output: LLM } });
    const moved = await enter(tokenA, workflowId, task.id, 'review');
    expect(moved.status).toBe(200);
    const failed = await until(async () => {
      const r = await requestRow(task.id);
      return r?.last_error ? r : undefined;
    }, 'failed attempt');
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toMatch(/404/);
    expect(await certificationsOf(task.id, tenantA)).toEqual([]);

    await newPolicy(cert, tenantA, {
      key: 'later',
      name: 'Later',
      rules: { max_length: 2000 },
      thresholds: {},
    });
    await db.query(`UPDATE certification_requests SET next_attempt_at = now() WHERE id = $1`, [failed.id]);
    await api.app.get(CertificationRequester).sweep();
    const row = await requestRow(task.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
    const certifications = await certificationsOf(task.id, tenantA);
    expect(certifications.map((c) => c.id)).toEqual([row.certification_id]);
  });

  it('records that nothing was requested when the task has no llm_output', async () => {
    const workflowId = await workflowRequesting(tokenA, 'auto');
    const task = await newTask(tokenA);
    expect((await enter(tokenA, workflowId, task.id, 'review')).status).toBe(200);
    expect(await requestRow(task.id)).toBeUndefined();
    const history = await call(api, 'GET', `/api/v1/tasks/${task.id}/history`, { token: tokenA });
    expect(history.body.data.map((e: any) => e.action)).toContain('certification_not_requested');
  });
});

describe('certification-requests queue (the retry sweep of the API)', () => {
  it('is a system queue owned by the API, under its BULLMQ_PREFIX', () => {
    expect(SYSTEM_QUEUES.find((q) => q.name === CERTIFICATION_REQUESTS_QUEUE)?.owner).toBe('api');
    const queue = api.app.get<Queue>(getQueueToken(CERTIFICATION_REQUESTS_QUEUE));
    expect(queue.opts.prefix).toBe(api.config.BULLMQ_PREFIX);
    expect(api.config.BULLMQ_PREFIX).toMatch(/^api-/);
  });

  it('registers the sweep as a repeatable job every few seconds, one at a time across replicas, and runs it', async () => {
    const queue = api.app.get<Queue>(getQueueToken(CERTIFICATION_REQUESTS_QUEUE));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, Number(s.every)])).toEqual([
      [CertificationRequestsJob.Sweep, CERTIFICATION_SWEEP_INTERVAL_MS],
    ]);
    expect(CERTIFICATION_SWEEP_INTERVAL_MS).toBe(5_000);
    expect(await queue.getGlobalConcurrency()).toBe(1);

    const swept = await until(async () => {
      const done: Job[] = await queue.getJobs(['completed'], 0, 100);
      return done.find((j) => j.name === CertificationRequestsJob.Sweep);
    }, 'a completed sweep job');
    expect(swept.returnvalue).toEqual({ due: expect.any(Number) });
    expect(swept.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: 2_000 } });
  });
});
