import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const SCOPES =
  'openid offline_access users:read users:write tasks:read tasks:write work-logs:write audit:read';
const CLIENT_SCOPES = ['programs:write', 'tasks:write', 'users:write'];

let api: RunningApi;
let tenantA: TestTenant;
let tenantB: TestTenant;
let admin: TestUser;
let subject: TestUser;
let other: TestUser;
let adminToken: string;
let subjectToken: string;
let otherToken: string;
let adminBToken: string;
let client: string;
let createdTaskId: string;
let assignedTaskId: string;

const tokenOf = async (user: TestUser): Promise<string> =>
  (await exchangeCode(await signInWithPkce(api, user, SCOPES))).access_token;

const workLog = (token: string, taskId: string, description: string) =>
  call(api, 'POST', '/api/v1/work-logs', {
    token,
    body: {
      task_id: taskId,
      work_date: '2026-03-16',
      duration_minutes: 30,
      currency: 'EUR',
      rate_minor: 5000,
      description,
    },
  });

beforeAll(async () => {
  api = await startApi();
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  [tenantA, tenantB] = await Promise.all([newTenant(api), newTenant(api)]);
  [admin, subject, other] = await Promise.all([
    newUser(api, tenantA, ['admin']),
    newUser(api, tenantA, ['member']),
    newUser(api, tenantA, ['member']),
  ]);
  const adminB = await newUser(api, tenantB, ['admin']);
  [adminToken, subjectToken, otherToken, adminBToken] = await Promise.all(
    [admin, subject, other, adminB].map(tokenOf),
  );
  client = await clientToken(api, await newClient(api, tenantA, CLIENT_SCOPES), CLIENT_SCOPES);
  const program = await call(api, 'POST', '/api/v1/programs', { token: client, body: { name: 'Privacy' } });
  const created = await call(api, 'POST', '/api/v1/tasks', {
    token: subjectToken,
    body: { program_id: program.body.data.id, title: 'Made by the subject' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  createdTaskId = created.body.data.id;
  const assigned = await call(api, 'POST', '/api/v1/tasks', {
    token: client,
    body: { program_id: program.body.data.id, title: 'For the subject', assignee_id: subject.id },
  });
  assignedTaskId = assigned.body.data.id;
  expect((await workLog(subjectToken, createdTaskId, 'subject log')).status).toBe(201);
  expect((await workLog(otherToken, createdTaskId, 'other log')).status).toBe(201);
  await call(api, 'POST', '/api/v1/tasks', {
    token: otherToken,
    body: { program_id: program.body.data.id, title: 'Made by someone else' },
  });
});
afterAll(async () => api?.close());

describe('GET /api/v1/users/:id/export', () => {
  it('gives a user everything about themselves and nothing about anyone else', async () => {
    const response = await call(api, 'GET', `/api/v1/users/${subject.id}/export`, { token: subjectToken });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const doc = response.body.data;
    expect(doc.format).toBe('oversing.user-export/v1');
    expect(doc.profile).toMatchObject({ id: subject.id, email: subject.email, status: 'active' });
    expect(doc.profile.password_hash).toBeUndefined();
    expect(doc.role_assignments.map((r: any) => r.role)).toEqual(['member']);
    expect(doc.tasks_created.map((t: any) => t.task_id)).toEqual([createdTaskId]);
    expect(doc.tasks_created[0].as_created.title).toBe('Made by the subject');
    expect(doc.tasks_assigned.map((t: any) => t.id)).toEqual([assignedTaskId]);
    expect(doc.work_logs.map((l: any) => l.description)).toEqual(['subject log']);
    expect(doc.time_cards).toHaveLength(1);
    expect(doc.time_cards[0]).toMatchObject({ iso_week: '2026-W12', status: 'draft' });
    expect(doc.votes).toEqual([]);
    expect(doc.audit_entries.length).toBeGreaterThanOrEqual(2);
    expect(doc.audit_entries.map((e: any) => e.entity_id)).toContain(createdTaskId);
    const text = JSON.stringify(doc);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(other.id);
    expect(text).not.toContain('other log');
    expect(text).not.toContain('Made by someone else');
  });

  it('needs users:write for someone else, and never crosses tenants', async () => {
    const denied = await call(api, 'GET', `/api/v1/users/${subject.id}/export`, { token: otherToken });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const byAdmin = await call(api, 'GET', `/api/v1/users/${subject.id}/export`, { token: adminToken });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.data.profile.id).toBe(subject.id);
    const byClient = await call(api, 'GET', `/api/v1/users/${subject.id}/export`, { token: client });
    expect(byClient.status).toBe(200);
    const crossTenant = await call(api, 'GET', `/api/v1/users/${subject.id}/export`, { token: adminBToken });
    expect(crossTenant.status).toBe(404);
    expect((await call(api, 'GET', '/api/v1/users/not-a-uuid/export', { token: adminToken })).status).toBe(
      404,
    );
    const audit = await call(api, 'GET', `/api/v1/audit?filter[entity_id]=${subject.id}`, {
      token: adminToken,
    });
    expect(audit.body.data.map((e: any) => e.action)).toContain('data_exported');
  });
});

describe('POST /api/v1/users/:id/erase', () => {
  it('is refused to non-admins, clients, other tenants and for yourself', async () => {
    const member = await call(api, 'POST', `/api/v1/users/${other.id}/erase`, { token: subjectToken });
    expect(member.status).toBe(403);
    const byClient = await call(api, 'POST', `/api/v1/users/${other.id}/erase`, { token: client });
    expect(byClient.status).toBe(403);
    const crossTenant = await call(api, 'POST', `/api/v1/users/${subject.id}/erase`, { token: adminBToken });
    expect(crossTenant.status).toBe(404);
    expect(crossTenant.body.error.code).toBe('NOT_FOUND');
    const self = await call(api, 'POST', `/api/v1/users/${admin.id}/erase`, { token: adminToken });
    expect(self.status).toBe(422);
    expect((await call(api, 'POST', '/api/v1/users/nope/erase', { token: adminToken })).status).toBe(404);
    const still = await call(api, 'GET', `/api/v1/users/${subject.id}`, { token: adminToken });
    expect(still.body.data).toMatchObject({ email: subject.email, status: 'active' });
  });

  it('pseudonymizes the user, ends their sessions and keeps history resolvable', async () => {
    expect((await call(api, 'GET', '/api/v1/users/me', { token: subjectToken })).status).toBe(200);
    const erased = await call(api, 'POST', `/api/v1/users/${subject.id}/erase`, { token: adminToken });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const pseudonym = `Erased user ${subject.id.slice(0, 8)}`;
    expect(erased.body.data).toMatchObject({
      id: subject.id,
      name: pseudonym,
      email: `erased+${subject.id}@invalid`,
      status: 'erased',
      totp_enabled: false,
    });
    expect(erased.body.data.revoked_grants).toBeGreaterThanOrEqual(1);

    // Their live access token is revoked and they can no longer sign in.
    expect((await call(api, 'GET', '/api/v1/users/me', { token: subjectToken })).status).toBe(401);
    await expect(signInWithPkce(api, subject, SCOPES)).rejects.toThrow();

    // Lists show the pseudonym; the original email is gone everywhere the API shows users.
    const list = await call(api, 'GET', '/api/v1/users?limit=100', { token: adminToken });
    const row = list.body.data.find((u: any) => u.id === subject.id);
    expect(row).toMatchObject({ name: pseudonym, status: 'erased' });
    expect(JSON.stringify(list.body)).not.toContain(subject.email);

    // Task history still resolves to the same (now pseudonymous) actor id.
    const history = await call(api, 'GET', `/api/v1/tasks/${createdTaskId}/history`, { token: adminToken });
    expect(history.status).toBe(200);
    expect(history.body.data[0]).toMatchObject({
      action: 'created',
      actor: { type: 'user', id: subject.id },
    });
    const task = await call(api, 'GET', `/api/v1/tasks/${assignedTaskId}`, { token: adminToken });
    expect(task.body.data.assignee_id).toBe(subject.id);

    // The audit trail records the erasure without the erased values.
    const audit = await call(api, 'GET', `/api/v1/audit?filter[entity_id]=${subject.id}`, {
      token: adminToken,
    });
    const entry = audit.body.data.find((e: any) => e.action === 'erased');
    expect(entry).toMatchObject({ entity_type: 'user', actor: { type: 'user', id: admin.id } });
    expect(JSON.stringify(entry)).not.toContain(subject.email);
    expect(JSON.stringify(entry)).not.toContain(`User ${subject.email}`);

    const again = await call(api, 'POST', `/api/v1/users/${subject.id}/erase`, { token: adminToken });
    expect(again.status).toBe(409);
    const exported = await call(api, 'GET', `/api/v1/users/${subject.id}/export`, { token: adminToken });
    expect(exported.body.data.profile.name).toBe(pseudonym);
    expect(exported.body.data.role_assignments).toEqual([]);
    // Others are untouched.
    expect((await call(api, 'GET', '/api/v1/users/me', { token: otherToken })).status).toBe(200);
  });
});
