import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@oversing/testing';
/* eslint-disable @nx/enforce-module-boundaries -- integration tests boot the real API (test support only) */
import { OAuthClientRepository } from '../../api/src/oauth/oauth-client.repository';
import { CertificationFeedConsumer } from '../../api/src/certifications/certification-feed.consumer';
import {
  CERTIFICATION_FEED_QUEUE,
  CertificationFeedJob,
} from '../../api/src/certifications/certification-feed.processor';
import { DEMO_REVIEW_PROGRAM, DEMO_REVIEWS, seedDemo } from '../../api/src/cli/seed-demo';
import { TenantProvisioningService } from '../../api/src/tenancy/tenant-provisioning.service';
import { TenantRepository } from '../../api/src/tenancy/tenant.repository';
import { clientToken } from '../../api/test/support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from '../../api/test/support/oauth-flows';
/* eslint-enable @nx/enforce-module-boundaries */
import {
  call,
  callCert,
  certificationUserToken,
  newClient,
  newPolicy,
  newTenant,
  newUser,
  RunningApi,
  RunningCertification,
  startApi,
  startCertification,
  TestTenant,
  TestUser,
} from './support/certification-harness';
import { DEMO_POLICY } from '../src/policy/demo-policy';

const SCOPES = ['tasks:read', 'tasks:write', 'programs:write', 'workflows:read', 'workflows:write'];
// soft rule failing (no citation) with review_above 0.1: every output goes to human review
const LLM = {
  input: { prompt: 'Summarise the delivery risks' },
  output: 'Two risks: the vendor contract and the staffing plan.',
  provider: 'openai',
  model: 'gpt-4o',
};
const SERVICE_CLIENT = { id: `oversing-internal-${randomUUID().slice(0, 8)}`, secret: `svc-${randomUUID()}` };

let api: RunningApi;
let cert: RunningCertification;
let certPort: number;
let tenant: TestTenant;
let other: TestTenant;
let token: string;
let officer: TestUser;
let officerToken: string;
let adminToken: string;
let workflowId: string;
let db: Client;

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function getTask(id: string, as = token): Promise<any> {
  const response = await call(api, 'GET', `/api/v1/tasks/${id}`, { token: as });
  expect(response.status).toBe(200);
  return response.body.data;
}

async function history(id: string): Promise<any[]> {
  const response = await call(api, 'GET', `/api/v1/tasks/${id}/history`, { token });
  expect(response.status).toBe(200);
  return response.body.data;
}

/** A task with an output that entered review, and its pending certification once the API knows it. */
async function taskInReview(title: string): Promise<{ id: string; certification: any }> {
  const program = await call(api, 'POST', '/api/v1/programs', { token, body: { name: `P ${title}` } });
  const created = await call(api, 'POST', '/api/v1/tasks', {
    token,
    body: { program_id: program.body.data.id, title },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.data.id as string;
  await call(api, 'PATCH', `/api/v1/tasks/${id}`, { token, body: { llm_output: LLM } });
  const moved = await call(api, 'POST', `/api/v1/workflows/${workflowId}/execute`, {
    token,
    body: { task_id: id, to_state: 'review' },
  });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  const certification = await until(async () => {
    const task = await getTask(id);
    return task.certification ?? undefined;
  }, 'the pending certification on the task');
  return { id, certification };
}

function decide(id: string, action: 'approve' | 'reject' | 'revoke', reason: string) {
  return callCert(cert, 'POST', `/api/v1/certifications/${id}/${action}`, {
    token: officerToken,
    body: { reason },
  });
}

async function cursor(): Promise<number> {
  const { rows } = await db.query(
    `SELECT position FROM certification_feed_cursors WHERE name = 'certification-status'`,
  );
  return rows.length ? Number(rows[0].position) : -1;
}

beforeAll(async () => {
  certPort = await freePort();
  api = await startApi({
    CERTIFICATION_URL: `http://127.0.0.1:${certPort}`,
    CERTIFICATION_CLIENT_ID: SERVICE_CLIENT.id,
    CERTIFICATION_CLIENT_SECRET: SERVICE_CLIENT.secret,
    CERTIFICATION_REQUEST_SWEEP_SECONDS: '5',
    CERTIFICATION_FEED_INTERVAL_MS: '500',
  });
  await api.app.get(OAuthClientRepository).upsertInternalClient(SERVICE_CLIENT.id, SERVICE_CLIENT.secret);
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  cert = await startCertification(api, { PORT: String(certPort) });
  [tenant, other] = [await newTenant(api), await newTenant(api)];
  token = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
  officer = await newUser(api, tenant, ['compliance_officer']);
  officerToken = await certificationUserToken(api, officer);
  adminToken = (
    await exchangeCode(await signInWithPkce(api, await newUser(api, tenant, ['admin']), 'openid tasks:read'))
  ).access_token;
  await newPolicy(cert, tenant, {
    key: 'review',
    name: 'Human review',
    rules: { max_length: 2000, required_citations: { min: 1 } },
    thresholds: { review_above: 0.1 },
  });
  const workflow = await call(api, 'POST', '/api/v1/workflows', {
    token,
    body: {
      name: `Certified delivery ${Date.now()}`,
      initial_state: 'draft',
      states: [
        { key: 'draft', name: 'Draft', category: 'todo' },
        {
          key: 'review',
          name: 'Review',
          category: 'in_progress',
          request_certification: { policy_key: 'review' },
          on_certification: { approved: 'done', rejected: 'draft' },
        },
        {
          key: 'done',
          name: 'Done',
          category: 'done',
          requires_certification: true,
          on_certification: { revoked: 'draft' },
        },
      ],
      transitions: [
        { from: 'draft', to: 'review' },
        { from: 'review', to: 'done' },
        { from: 'review', to: 'draft' },
        { from: 'done', to: 'draft' },
      ],
    },
  });
  expect(workflow.status, JSON.stringify(workflow.body)).toBe(201);
  expect(workflow.body.data.states[1].on_certification).toEqual({ approved: 'done', rejected: 'draft' });
  workflowId = workflow.body.data.id;
  db = new Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await cert?.close();
  await api?.close();
});

describe('certification decisions flow back into Oversing', () => {
  it('refuses an unknown on_certification target state', async () => {
    const bad = await call(api, 'POST', '/api/v1/workflows', {
      token,
      body: {
        name: `Bad ${Date.now()}`,
        initial_state: 'a',
        states: [{ key: 'a', name: 'A', category: 'todo', on_certification: { approved: 'nowhere' } }],
        transitions: [],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].field).toBe('states.0.on_certification.approved');
  });

  it('an approval made directly on the certification service certifies the task, moves it, and is recorded, webhooked and published', async () => {
    const hook = await call(api, 'POST', '/api/v1/webhooks', {
      token: adminToken,
      body: { url: 'http://127.0.0.1:9/hooks', event_types: ['certification.*'] },
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    const { id, certification } = await taskInReview('Approve me');
    expect(certification).toEqual({
      id: expect.any(String),
      number: expect.stringMatching(/^RC-\d{4}-\d{6}$/),
      status: 'pending_review',
      risk_score: expect.any(Number),
    });
    // the guard reads the API's copy: pending is not valid
    const early = await call(api, 'POST', `/api/v1/workflows/${workflowId}/execute`, {
      token,
      body: { task_id: id, to_state: 'done' },
    });
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body)).toContain('pending_review');

    const approved = await decide(certification.id, 'approve', 'Sources checked by hand');
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const task = await until(async () => {
      const t = await getTask(id);
      // the task row and its placement are read by two queries: wait until both show the move
      return t.certification.status === 'approved' && t.workflow.state === 'done' && t.status === 'done'
        ? t
        : undefined;
    }, 'the approval on the task');
    expect(task.status).toBe('done');
    // the task list carries it too
    const list = await call(api, 'GET', `/api/v1/tasks?filter[q]=${encodeURIComponent('Approve me')}`, {
      token,
    });
    expect(list.body.data.find((t: any) => t.id === id).certification.status).toBe('approved');

    const entries = await history(id);
    const decision = entries.find((e) => e.action === 'certification_approved');
    expect(decision.actor).toEqual({ type: 'user', id: officer.id });
    expect(decision.after_state ?? decision.after).toMatchObject({
      certification_id: certification.id,
      status: 'approved',
      reason: 'Sources checked by hand',
    });
    const move = entries.find((e) => e.action === 'workflow_transitioned' && e.metadata?.certification_id);
    expect(move.metadata.transition).toBe('certification approved');
    expect(move.actor).toEqual({ type: 'user', id: officer.id });

    const { rows: deliveries } = await db.query(
      `SELECT event_type FROM webhook_deliveries WHERE subscription_id = $1`,
      [hook.body.data.id],
    );
    expect(deliveries.map((d) => d.event_type)).toContain('certification.approved');
    const { rows: events } = await db.query(
      `SELECT type, channels FROM domain_events WHERE entity_id = $1 AND type LIKE 'certification.%' ORDER BY sequence`,
      [id],
    );
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['certification.pending_review', 'certification.approved']),
    );
    expect(events.find((e) => e.type === 'certification.approved').channels).toContain(`task.${id}`);
    // another tenant sees nothing of it
    const otherToken = await clientToken(api, await newClient(api, other, SCOPES), SCOPES);
    expect((await call(api, 'GET', `/api/v1/tasks/${id}`, { token: otherToken })).status).toBe(404);
  });

  it('a rejection sends the task back; a revocation of a certified task sends it back and flags it', async () => {
    const rejected = await taskInReview('Reject me');
    expect((await decide(rejected.certification.id, 'reject', 'Unsupported claim')).status).toBe(200);
    await until(async () => {
      const t = await getTask(rejected.id);
      return t.certification.status === 'rejected' && t.workflow.state === 'draft' ? t : undefined;
    }, 'the rejection on the task');

    const revoked = await taskInReview('Revoke me');
    expect((await decide(revoked.certification.id, 'approve', 'fine')).status).toBe(200);
    await until(
      async () => ((await getTask(revoked.id)).workflow.state === 'done' ? true : undefined),
      'done',
    );
    expect((await decide(revoked.certification.id, 'revoke', 'Leaked personal data')).status).toBe(200);
    const task = await until(async () => {
      const t = await getTask(revoked.id);
      return t.certification.status === 'revoked' && t.workflow.state === 'draft' ? t : undefined;
    }, 'the revocation on the task');
    expect(task.status).toBe('todo');
    expect((await history(revoked.id)).map((e) => e.action)).toContain('certification_revoked');
    // and it may not enter the gated state again
    await call(api, 'POST', `/api/v1/workflows/${workflowId}/execute`, {
      token,
      body: { task_id: revoked.id, to_state: 'review' },
    });
    const again = await call(api, 'POST', `/api/v1/workflows/${workflowId}/execute`, {
      token,
      body: { task_id: revoked.id, to_state: 'done' },
    });
    expect(again.status).toBe(422);
  });

  it('loses nothing while the certification service is down, and applies every decision once', async () => {
    const a = await taskInReview('While down A');
    const b = await taskInReview('While down B');
    const consumer = api.app.get(CertificationFeedConsumer);
    // decisions made on :3100 while the API is not listening (the feed's scheduler is paused)
    const queue = api.app.get<Queue>(getQueueToken(CERTIFICATION_FEED_QUEUE));
    await queue.pause();
    await consumer.pull();
    const before = await cursor();
    expect((await decide(a.certification.id, 'approve', 'ok')).status).toBe(200);
    expect((await decide(b.certification.id, 'reject', 'no')).status).toBe(200);
    // then the certification service goes down
    await cert.close();
    await expect(consumer.pull()).rejects.toThrow();
    expect(await cursor()).toBe(before);
    expect((await getTask(a.id)).certification.status).toBe('pending_review');

    // it comes back on the same address: the feed resumes from the cursor
    cert = await startCertification(api, { PORT: String(certPort) });
    await queue.resume();
    await until(async () => {
      const [ta, tb] = [await getTask(a.id), await getTask(b.id)];
      return ta.certification.status === 'approved' && tb.certification.status === 'rejected'
        ? true
        : undefined;
    }, 'both decisions after the outage');
    expect(await cursor()).toBeGreaterThan(before);
    // replays change nothing: one history entry per decision
    await db.query(
      `UPDATE certification_feed_cursors SET position = $1 WHERE name = 'certification-status'`,
      [before],
    );
    await consumer.pull();
    const actions = (await history(a.id)).map((e) => e.action);
    expect(actions.filter((x) => x === 'certification_approved')).toHaveLength(1);
    expect(actions.filter((x) => x === 'certification_pending_review')).toHaveLength(1);
  });

  it('runs the pull as a repeatable job of the certification-feed queue, one at a time', async () => {
    const queue = api.app.get<Queue>(getQueueToken(CERTIFICATION_FEED_QUEUE));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, Number(s.every)])).toEqual([[CertificationFeedJob.Pull, 500]]);
    expect(await queue.getGlobalConcurrency()).toBe(1);
  });

  it('serves the feed to the internal service account only', async () => {
    const reader = await certificationUserToken(api, officer);
    const refused = await callCert(cert, 'GET', '/api/v1/certification-events?after=-1', { token: reader });
    expect(refused.status).toBe(403);
    const bad = await callCert(cert, 'GET', '/api/v1/certification-events?after=x', { token: reader });
    expect([403, 422]).toContain(bad.status);
  });
});

describe('the demo seed', () => {
  it('puts one certified, one pending review and one rejected certification on demo tasks through the real service, once', async () => {
    // the demo tenant and its governance policy first (as npm start seeds them), then the demo data
    const demo =
      (await api.app.get(TenantRepository).findBySlug('demo')) ??
      (await api.app.get(TenantProvisioningService).execute({ slug: 'demo', name: 'Demo Organisation' }));
    await newPolicy(cert, demo, DEMO_POLICY);
    await seedDemo(api.app, api.config);
    await seedDemo(api.app, api.config);
    const demoScopes = ['tasks:read', 'programs:read', 'certifications:read'];
    const demoToken = await clientToken(api, await newClient(api, demo, demoScopes), demoScopes);

    const programs = await call(api, 'GET', '/api/v1/programs?limit=100', { token: demoToken });
    const program = programs.body.data.filter((p: any) => p.name === DEMO_REVIEW_PROGRAM);
    expect(program).toHaveLength(1);
    const tasks = await call(api, 'GET', `/api/v1/tasks?limit=100&filter[program]=${program[0].id}`, {
      token: demoToken,
    });
    expect(tasks.body.data.map((t: any) => t.title).sort()).toEqual(DEMO_REVIEWS.map((r) => r.title).sort());
    const requests = await db.query(
      `SELECT count(*)::int AS n FROM certification_requests WHERE tenant_id = $1`,
      [demo.id],
    );
    expect(requests.rows[0].n).toBe(DEMO_REVIEWS.length);

    for (const review of DEMO_REVIEWS) {
      const id = tasks.body.data.find((t: any) => t.title === review.title).id as string;
      const task = await until(async () => {
        const got = await getTask(id, demoToken);
        return got.certification?.status === review.expect ? got : undefined;
      }, `${review.title}: ${review.expect}`);
      // the demo workflow: review requests certification; a rejection sends the task back
      expect(task.workflow.state).toBe(review.expect === 'rejected' ? 'in_progress' : 'review');
      const certification = await call(api, 'GET', `/api/v1/certifications/${task.certification.id}`, {
        token: demoToken,
      });
      if (review.expect === 'pending_review') {
        // the PII rule says where the personal data is, never what it is
        const pii = certification.body.data.policy_results.find((r: any) => r.name === 'pii');
        const text = review.llm_output.output;
        expect(pii.findings.map((f: any) => [f.kind, text.slice(f.start, f.end)])).toEqual([
          ['email', 'jana.novak@example.com'],
          ['phone', '+44 20 7946 0958'],
        ]);
        expect(JSON.stringify(certification.body.data.policy_results)).not.toContain('jana.novak');
      }
    }
  });
});
