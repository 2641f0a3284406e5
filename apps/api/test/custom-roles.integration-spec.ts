import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newTenant, newUser, RunningApi, startApi, TestTenant, TestUser } from './support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';
import { OAuthClientRepository } from '../src/oauth/oauth-client.repository';

/** Custom roles of a tenant: created by those who may manage roles, never beyond what they hold. */

let api: RunningApi;
let tenantA: TestTenant;
let adminA: string;
let adminB: string;
let memberA: string;

const SCOPES = 'openid users:read users:write tasks:read tasks:write programs:read programs:write';
const tokenOf = async (user: TestUser): Promise<string> =>
  (await exchangeCode(await signInWithPkce(api, user, SCOPES))).access_token!;

beforeAll(async () => {
  api = await startApi();
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  tenantA = await newTenant(api);
  const tenantB = await newTenant(api);
  const [a, b, m] = await Promise.all([
    newUser(api, tenantA, ['admin']),
    newUser(api, tenantB, ['admin']),
    newUser(api, tenantA, ['member']),
  ]);
  [adminA, adminB, memberA] = await Promise.all([tokenOf(a), tokenOf(b), tokenOf(m)]);
});
afterAll(async () => api?.close());

describe('custom roles', () => {
  it('lets an admin create a role that works like the templates, in a program', async () => {
    const permissions = await call(api, 'GET', '/api/v1/permissions', { token: adminA });
    expect(permissions.body.data).toContain('tasks:read');
    const created = await call(api, 'POST', '/api/v1/roles', {
      token: adminA,
      body: { key: 'reader', name: 'Reader', permissions: ['tasks:read', 'programs:read'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({ key: 'reader', inherits: null, system: false });
    const listed = await call(api, 'GET', '/api/v1/roles', { token: adminA });
    expect(listed.body.data.find((r: { key: string }) => r.key === 'reader')).toMatchObject({
      permissions: ['programs:read', 'tasks:read'],
      system: false,
    });
    expect(listed.body.data.find((r: { key: string }) => r.key === 'admin').system).toBe(true);
    // another tenant has no such role
    const other = await call(api, 'GET', '/api/v1/roles', { token: adminB });
    expect(other.body.data.map((r: { key: string }) => r.key)).not.toContain('reader');

    const [inside, outside] = await Promise.all([
      call(api, 'POST', '/api/v1/programs', { token: adminA, body: { name: 'Inside' } }),
      call(api, 'POST', '/api/v1/programs', { token: adminA, body: { name: 'Outside' } }),
    ]);
    const taskIn = await call(api, 'POST', '/api/v1/tasks', {
      token: adminA,
      body: { program_id: inside.body.data.id, title: 'Visible' },
    });
    const taskOut = await call(api, 'POST', '/api/v1/tasks', {
      token: adminA,
      body: { program_id: outside.body.data.id, title: 'Hidden' },
    });
    const reader = await newUser(api, tenantA, []);
    const given = await call(api, 'POST', `/api/v1/users/${reader.id}/roles`, {
      token: adminA,
      body: { role: 'reader', context_type: 'program', context_id: inside.body.data.id },
    });
    expect(given.status, JSON.stringify(given.body)).toBe(204);
    const readerToken = await tokenOf(reader);
    expect(
      (await call(api, 'GET', `/api/v1/tasks/${taskIn.body.data.id}`, { token: readerToken })).status,
    ).toBe(200);
    expect(
      (await call(api, 'GET', `/api/v1/tasks/${taskOut.body.data.id}`, { token: readerToken })).status,
    ).toBeGreaterThanOrEqual(403);
    const write = await call(api, 'PATCH', `/api/v1/tasks/${taskIn.body.data.id}`, {
      token: readerToken,
      body: { title: 'Changed' },
    });
    expect(write.status).toBe(403);
  });

  it('refuses bad input per field, duplicates and unknown parents', async () => {
    const bad = await call(api, 'POST', '/api/v1/roles', {
      token: adminA,
      body: { key: 'Bad Key', name: '', permissions: ['tasks:read', 'root:everything'] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'key',
      'name',
      'permissions',
    ]);
    const duplicate = await call(api, 'POST', '/api/v1/roles', {
      token: adminA,
      body: { key: 'member', name: 'Again', permissions: [] },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.details[0]).toEqual({ field: 'key', message: 'is already taken' });
    const orphan = await call(api, 'POST', '/api/v1/roles', {
      token: adminA,
      body: { key: 'orphan', name: 'Orphan', inherits: 'nobody', permissions: [] },
    });
    expect(orphan.status).toBe(422);
    expect(orphan.body.error.details[0].field).toBe('inherits');
  });

  it('lets nobody grant more than they hold, nor create roles without roles:manage', async () => {
    const denied = await call(api, 'POST', '/api/v1/roles', {
      token: memberA,
      body: { key: 'sneaky', name: 'Sneaky', permissions: ['tasks:read'] },
    });
    expect(denied.status).toBe(403);

    // a role manager who is no admin
    const created = await call(api, 'POST', '/api/v1/roles', {
      token: adminA,
      body: { key: 'role_manager', name: 'Role manager', permissions: ['roles:manage', 'users:read'] },
    });
    expect(created.status).toBe(201);
    const manager = await newUser(api, tenantA, ['role_manager']);
    const managerToken = await tokenOf(manager);
    const escalate = await call(api, 'POST', '/api/v1/roles', {
      token: managerToken,
      body: { key: 'eraser', name: 'Eraser', permissions: ['users:read', 'users:erase'] },
    });
    expect(escalate.status).toBe(403);
    expect(escalate.body.error.details).toEqual([
      { field: 'permissions', message: 'you do not hold users:erase' },
    ]);
    const inherit = await call(api, 'POST', '/api/v1/roles', {
      token: managerToken,
      body: { key: 'almost_admin', name: 'Almost admin', inherits: 'admin', permissions: [] },
    });
    expect(inherit.status).toBe(403);
    const within = await call(api, 'POST', '/api/v1/roles', {
      token: managerToken,
      body: { key: 'user_reader', name: 'User reader', permissions: ['users:read'] },
    });
    expect(within.status, JSON.stringify(within.body)).toBe(201);
  });
});
