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

const SCOPES = [
  'tasks:read',
  'tasks:write',
  'programs:read',
  'programs:write',
  'work-logs:read',
  'work-logs:write',
];

let api: RunningApi;
let tenant: TestTenant;
let token: string;
let web: { id: string };
let other: { id: string };
let memberA: TestUser;
let memberB: TestUser;

async function userToken(user: TestUser, scope: string): Promise<string> {
  return (await exchangeCode(await signInWithPkce(api, user, `openid ${scope}`))).access_token;
}

async function post(path: string, body: Record<string, unknown>, as = token): Promise<any> {
  const response = await call(api, 'POST', path, { token: as, body });
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  return response.body.data;
}

async function get(path: string, as = token): Promise<any> {
  return call(api, 'GET', path, { token: as });
}

beforeAll(async () => {
  api = await startApi();
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  tenant = await newTenant(api);
  token = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
  web = await post('/api/v1/programs', { name: 'Web' });
  other = await post('/api/v1/programs', { name: 'Other' });
  const blocker = await post('/api/v1/tasks', {
    program_id: web.id,
    title: 'Blocker',
    status: 'in_progress',
  });
  const blocked = await post('/api/v1/tasks', { program_id: web.id, title: 'Blocked' });
  await post(`/api/v1/tasks/${blocked.id}/dependencies`, { blocker_id: blocker.id });
  await post('/api/v1/tasks', { program_id: web.id, title: 'Late', due_date: '2020-01-01' });
  await post('/api/v1/tasks', {
    program_id: web.id,
    title: 'Finished',
    status: 'done',
    due_date: '2020-01-01',
  });
  await post('/api/v1/tasks', { program_id: other.id, title: 'Elsewhere' });

  [memberA, memberB] = await Promise.all([
    newUser(api, tenant, ['member']),
    newUser(api, tenant, ['member']),
  ]);
  for (const [member, minutes, billable] of [
    [memberA, 90, true],
    [memberA, 30, false],
    [memberB, 60, true],
  ] as const)
    await post(
      '/api/v1/work-logs',
      {
        task_id: blocker.id,
        work_date: new Date().toISOString().slice(0, 10),
        duration_minutes: minutes,
        billable,
        currency: 'EUR',
        rate_minor: 5000,
      },
      await userToken(member, 'work-logs:write'),
    );
});
afterAll(async () => api?.close());

describe('GET /api/v1/reports/program-overview', () => {
  it('counts tasks by status, overdue and blocked ones, and draws the burn-up', async () => {
    const response = await get(`/api/v1/reports/program-overview?program=${web.id}&weeks=4`);
    expect(response.status).toBe(200);
    const report = response.body.data;
    expect(report.status_counts).toEqual({ todo: 2, in_progress: 1, blocked: 0, done: 1, cancelled: 0 });
    expect(report.total).toBe(4);
    expect(report.overdue).toBe(1); // "Late"; "Finished" is past due but done
    expect(report.blocked_by_dependencies).toBe(1);
    expect(report.burn_up).toHaveLength(4);
    expect(report.burn_up.at(-1)).toMatchObject({ created_total: 4, done_total: 1 });
    const all = (await get('/api/v1/reports/program-overview')).body.data;
    expect(all.total).toBe(5);
  });

  it('counts only the programs a program-scoped member may read', async () => {
    const viewer = await newUser(api, tenant, []);
    const admin = await newUser(api, tenant, ['admin']);
    const grant = await call(api, 'POST', `/api/v1/users/${viewer.id}/roles`, {
      token: await userToken(admin, 'users:write'),
      body: { role: 'viewer', context_type: 'program', context_id: other.id },
    });
    expect(grant.status, JSON.stringify(grant.body)).toBeLessThan(300);
    const report = (await get('/api/v1/reports/program-overview', await userToken(viewer, 'tasks:read'))).body
      .data;
    expect(report.total).toBe(1);
    expect(report.status_counts.todo).toBe(1);
    // and nothing at all without tasks:read
    const noTasks = await clientToken(api, await newClient(api, tenant, ['programs:read']), [
      'programs:read',
    ]);
    expect((await get('/api/v1/reports/program-overview', noTasks)).status).toBe(403);
  });

  it('refuses bad parameters with the error envelope', async () => {
    for (const query of ['program=nope', 'weeks=0', 'weeks=53', 'weeks=x']) {
      const response = await get(`/api/v1/reports/program-overview?${query}`);
      expect(response.status, query).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    }
  });
});

describe('GET /api/v1/reports/time', () => {
  it('shows a member only their own time, billable and not, per program and week', async () => {
    const report = (await get('/api/v1/reports/time', await userToken(memberA, 'work-logs:read'))).body.data;
    expect(report.covers).toBe('own');
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({
      user_id: memberA.id,
      program_name: 'Web',
      billable_minutes: 90,
      non_billable_minutes: 30,
    });
    expect(report.totals).toEqual({ billable_minutes: 90, non_billable_minutes: 30 });
  });

  it('shows an approver everyone, and refuses a token without work-logs:read', async () => {
    const manager = await newUser(api, tenant, ['project_manager']);
    const report = (await get('/api/v1/reports/time', await userToken(manager, 'work-logs:read'))).body.data;
    expect(report.covers).toBe('everyone');
    expect(report.rows.map((r: any) => r.user_id).sort()).toEqual([memberA.id, memberB.id].sort());
    expect(report.totals).toEqual({ billable_minutes: 150, non_billable_minutes: 30 });

    const tasksOnly = await userToken(manager, 'tasks:read');
    expect((await get('/api/v1/reports/time', tasksOnly)).status).toBe(403);
    for (const query of ['from=yesterday', 'from=2026-02-01&to=2026-01-01', 'from=2020-01-01&to=2026-01-01'])
      expect((await get(`/api/v1/reports/time?${query}`)).status, query).toBe(422);
  });
});
