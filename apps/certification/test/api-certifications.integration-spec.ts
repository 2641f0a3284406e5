import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@oversing/testing';
import { verifyBundle } from '@oversing/verifier';
/* eslint-disable @nx/enforce-module-boundaries -- integration tests boot the real API (test support only) */
import { OAuthClientRepository } from '../../api/src/oauth/oauth-client.repository';
import { CertificationFeedConsumer } from '../../api/src/certifications/certification-feed.consumer';
import { clientToken } from '../../api/test/support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from '../../api/test/support/oauth-flows';
/* eslint-enable @nx/enforce-module-boundaries */
import {
  call,
  callCert,
  CERTIFICATION_AUDIENCE,
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

// one API token, API audience only: everything through :3000
const INTEGRATOR_SCOPES = [
  'tasks:read',
  'tasks:write',
  'programs:write',
  'certifications:read',
  'certifications:write',
];
const USER_SCOPES =
  'openid tasks:read tasks:write programs:write certifications:read certifications:write audit:read';
const CLEAN = {
  input: { prompt: 'Q3 revenue?' },
  output: 'Revenue grew 4% [1].',
  provider: 'openai',
  model: 'gpt-4o',
};
const UNCITED = { ...CLEAN, output: 'Revenue grew a lot.' };
const SERVICE_CLIENT = { id: `oversing-internal-${randomUUID().slice(0, 8)}`, secret: `svc-${randomUUID()}` };

let api: RunningApi;
let cert: RunningCertification;
let certPort: number;
let tenant: TestTenant;
let other: TestTenant;
let integrator: { clientId: string; token: string };
let officerA: TestUser;
let officerB: TestUser;
let tokenA: string;
let tokenB: string;

async function userToken(user: TestUser): Promise<string> {
  return (await exchangeCode(await signInWithPkce(api, user, USER_SCOPES))).access_token;
}

async function taskWith(
  output: typeof CLEAN,
  token = integrator.token,
): Promise<{ id: string; programId: string }> {
  const program = await call(api, 'POST', '/api/v1/programs', { token, body: { name: `P ${randomUUID()}` } });
  expect(program.status, JSON.stringify(program.body)).toBe(201);
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token,
    body: { program_id: program.body.data.id, title: `Report ${randomUUID().slice(0, 6)}` },
  });
  await call(api, 'PATCH', `/api/v1/tasks/${task.body.data.id}`, { token, body: { llm_output: output } });
  return { id: task.body.data.id, programId: program.body.data.id };
}

function request(taskId: string, token = integrator.token) {
  return call(api, 'POST', '/api/v1/certifications', {
    token,
    body: { task_id: taskId, policy_key: 'cited' },
  });
}

beforeAll(async () => {
  certPort = await freePort();
  api = await startApi({
    CERTIFICATION_URL: `http://127.0.0.1:${certPort}`,
    CERTIFICATION_CLIENT_ID: SERVICE_CLIENT.id,
    CERTIFICATION_CLIENT_SECRET: SERVICE_CLIENT.secret,
  });
  await api.app.get(OAuthClientRepository).upsertInternalClient(SERVICE_CLIENT.id, SERVICE_CLIENT.secret);
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  cert = await startCertification(api, { PORT: String(certPort) });
  [tenant, other] = [await newTenant(api), await newTenant(api)];
  const created = await newClient(api, tenant, INTEGRATOR_SCOPES);
  integrator = { clientId: created.clientId, token: await clientToken(api, created, INTEGRATOR_SCOPES) };
  [officerA, officerB] = [
    await newUser(api, tenant, ['compliance_officer', 'member']),
    await newUser(api, tenant, ['compliance_officer']),
  ];
  [tokenA, tokenB] = [await userToken(officerA), await userToken(officerB)];
  await newPolicy(cert, tenant, {
    key: 'cited',
    name: 'Cited',
    rules: { max_length: 2000, required_citations: { min: 1 } },
    thresholds: { review_above: 0.1 },
  });
});

afterAll(async () => {
  await cert?.close();
  await api?.close();
});

describe('the API certification module (/api/v1/certifications on :3000)', () => {
  it('lets an integrator with one API token request, list, read and download a verifiable bundle', async () => {
    const task = await taskWith(CLEAN);
    const requested = await request(task.id);
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const certification = requested.body.data;
    expect(certification).toMatchObject({ task_id: task.id, status: 'certified' });
    // the certification service recorded the integrator, not the API, as the requester
    expect(certification.created_by).toBe(`client:${integrator.clientId}`);

    await api.app.get(CertificationFeedConsumer).pull();
    const listed = await call(api, 'GET', `/api/v1/certifications?filter[task]=${task.id}`, {
      token: integrator.token,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        id: certification.id,
        number: certification.number,
        status: 'certified',
        task_id: task.id,
        program_id: task.programId,
        created_by: `client:${integrator.clientId}`,
      }),
    ]);
    const byProgram = await call(api, 'GET', `/api/v1/certifications?filter[program]=${task.programId}`, {
      token: integrator.token,
    });
    expect(byProgram.body.data.map((c: any) => c.id)).toEqual([certification.id]);

    const got = await call(api, 'GET', `/api/v1/certifications/${certification.id}`, {
      token: integrator.token,
    });
    expect(got.status).toBe(200);
    expect(got.body.data.policy_results.length).toBeGreaterThan(0);

    const bundle = await fetch(`${api.url}/api/v1/certifications/${certification.id}/bundle`, {
      headers: { authorization: `Bearer ${integrator.token}` },
    });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-disposition')).toContain(`${certification.number}.bundle.json`);
    const trust = (await callCert(cert, 'GET', '/api/v1/trust')).body;
    const result = await verifyBundle(await bundle.json(), trust);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);

    const verified = await call(api, 'POST', `/api/v1/certifications/${certification.id}/verify`, {
      token: integrator.token,
    });
    expect(verified.status).toBe(200);
    expect(verified.body.data.ok).toBe(true);
  });

  it('reviews on the caller’s behalf: the officer is the recorded actor, four-eyes applies, a reason is required', async () => {
    const task = await taskWith(UNCITED);
    // officer A requests it through the API
    const requested = await request(task.id, tokenA);
    expect(requested.status, JSON.stringify(requested.body)).toBe(201);
    const { id } = requested.body.data;
    expect(requested.body.data).toMatchObject({
      status: 'pending_review',
      created_by: `user:${officerA.id}`,
    });

    const noReason = await call(api, 'POST', `/api/v1/certifications/${id}/approve`, {
      token: tokenB,
      body: {},
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details[0].field).toBe('reason');
    // the requester may not approve their own request
    const own = await call(api, 'POST', `/api/v1/certifications/${id}/approve`, {
      token: tokenA,
      body: { reason: 'Looks fine to me' },
    });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/four-eyes/i);
    // a client may not review at all
    const byClient = await call(api, 'POST', `/api/v1/certifications/${id}/approve`, {
      token: integrator.token,
      body: { reason: 'automated' },
    });
    expect(byClient.status).toBe(403);

    const approved = await call(api, 'POST', `/api/v1/certifications/${id}/approve`, {
      token: tokenB,
      body: { reason: 'Checked the figures against the ledger' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.data.status).toBe('approved');

    const audit = await call(api, 'GET', `/api/v1/certifications/${id}/audit`, { token: tokenB });
    expect(audit.status).toBe(200);
    const decision = audit.body.data.find((e: any) => e.event === 'approved');
    expect(decision).toMatchObject({
      actor: { type: 'user', id: officerB.id },
      reason: 'Checked the figures against the ledger',
    });
    // and the task shows it once the feed is consumed (the module pulls right after the decision)
    await api.app.get(CertificationFeedConsumer).pull();
    const shown = await call(api, 'GET', `/api/v1/tasks/${task.id}`, { token: integrator.token });
    expect(shown.body.data.certification).toMatchObject({ id, status: 'approved' });

    const revoked = await call(api, 'POST', `/api/v1/certifications/${id}/revoke`, {
      token: tokenB,
      body: { reason: 'Figures restated' },
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.status).toBe('revoked');
  });

  it('filters the queue, validates filters, and keeps tenants apart', async () => {
    const pending = await request((await taskWith(UNCITED)).id);
    expect(pending.status).toBe(201);
    await api.app.get(CertificationFeedConsumer).pull();
    const queue = await call(
      api,
      'GET',
      '/api/v1/certifications?filter[status]=pending_review&filter[rule]=citations&filter[risk_min]=0.1&sort=created_at',
      { token: integrator.token },
    );
    expect(queue.status, JSON.stringify(queue.body)).toBe(200);
    expect(queue.body.data.map((c: any) => c.id)).toContain(pending.body.data.id);
    expect(queue.body.data.every((c: any) => c.status === 'pending_review')).toBe(true);
    const stamps = queue.body.data.map((c: any) => c.created_at);
    expect([...stamps].sort()).toEqual(stamps);
    const paged = await call(api, 'GET', '/api/v1/certifications?limit=1', { token: integrator.token });
    expect(paged.body.meta.has_more).toBe(true);
    const next = await call(api, 'GET', paged.body.links.next, { token: integrator.token });
    expect(next.body.data[0].id).not.toBe(paged.body.data[0].id);

    for (const bad of [
      'filter[status]=nope',
      'filter[risk_min]=2',
      'filter[task]=x',
      'filter[created_from]=yesterday',
    ]) {
      const response = await call(api, 'GET', `/api/v1/certifications?${bad}`, { token: integrator.token });
      expect(response.status, bad).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    }
    expect(
      (await call(api, 'GET', '/api/v1/certifications/not-a-uuid', { token: integrator.token })).status,
    ).toBe(404);

    const otherToken = await clientToken(
      api,
      await newClient(api, other, INTEGRATOR_SCOPES),
      INTEGRATOR_SCOPES,
    );
    const foreign = await call(api, 'GET', `/api/v1/certifications/${pending.body.data.id}`, {
      token: otherToken,
    });
    expect(foreign.status).toBe(404);
    const foreignList = await call(api, 'GET', '/api/v1/certifications', { token: otherToken });
    expect(foreignList.body.data).toEqual([]);
    const foreignRequest = await request((await taskWith(CLEAN)).id, otherToken);
    expect(foreignRequest.status).toBe(404);
  });

  it('refuses tokens without the scope or of the wrong audience, and says when the service is down', async () => {
    const tasksOnly = await clientToken(api, await newClient(api, tenant, ['tasks:read']), ['tasks:read']);
    expect((await call(api, 'GET', '/api/v1/certifications', { token: tasksOnly })).status).toBe(403);
    const certAudience = await clientToken(
      api,
      await newClient(api, tenant, ['certifications:read']),
      ['certifications:read'],
      CERTIFICATION_AUDIENCE,
    );
    expect((await call(api, 'GET', '/api/v1/certifications', { token: certAudience })).status).toBe(401);
    const task = await taskWith(CLEAN);
    await cert.close();
    try {
      const down = await request(task.id);
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      cert = await startCertification(api, { PORT: String(certPort) });
    }
  });
});
