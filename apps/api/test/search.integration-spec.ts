import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { OAuthClientRepository } from '../src/oauth/oauth-client.repository';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

let api: RunningApi;
let tenantA: TestTenant;
let tenantB: TestTenant;
let adminToken: string;
let launch: { id: string };
let budgetTask: { id: string };
let hiddenProgram: { id: string };
let hiddenTask: { id: string };
let visibleProgram: { id: string };

const ADMIN_SCOPES = [
  'tasks:read',
  'tasks:write',
  'programs:read',
  'programs:write',
  'users:read',
  'financial:read',
  'financial:write',
];

async function userToken(user: TestUser, scope: string): Promise<string> {
  return (await exchangeCode(await signInWithPkce(api, user, `openid ${scope}`))).access_token;
}

async function post(token: string, path: string, body: Record<string, unknown>): Promise<any> {
  const response = await call(api, 'POST', path, { token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

async function search(token: string, query: string): Promise<any> {
  return call(api, 'GET', `/api/v1/search?${query}`, { token });
}

beforeAll(async () => {
  api = await startApi();
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  [tenantA, tenantB] = await Promise.all([newTenant(api), newTenant(api)]);
  adminToken = await clientToken(api, await newClient(api, tenantA, ADMIN_SCOPES), ADMIN_SCOPES);

  visibleProgram = await post(adminToken, '/api/v1/programs', { name: 'Website relaunch' });
  hiddenProgram = await post(adminToken, '/api/v1/programs', { name: 'Secret merger' });
  launch = await post(adminToken, '/api/v1/tasks', {
    program_id: visibleProgram.id,
    title: 'Launch the new website',
    description: 'Go live with the relaunched pages',
  });
  budgetTask = await post(adminToken, '/api/v1/tasks', {
    program_id: visibleProgram.id,
    title: 'Budget review',
  });
  hiddenTask = await post(adminToken, '/api/v1/tasks', {
    program_id: hiddenProgram.id,
    title: 'Launch the merger announcement',
  });
  const contract = await post(adminToken, '/api/v1/financial/contracts', {
    program_id: visibleProgram.id,
    client_name: 'Globex Corporation',
    currency: 'EUR',
    hourly_rate_minor: 10000,
  });
  const expense = await post(adminToken, '/api/v1/financial/expenses', {
    program_id: visibleProgram.id,
    expense_date: '2026-11-10',
    amount_minor: 5000,
    currency: 'EUR',
    description: 'Hosting',
    billable: true,
  });
  const approver = await clientToken(api, await newClient(api, tenantA, ADMIN_SCOPES), ADMIN_SCOPES);
  const decision = await call(api, 'POST', `/api/v1/financial/expenses/${expense.id}/decision`, {
    token: approver,
    body: { status: 'approved' },
  });
  expect(decision.status, JSON.stringify(decision.body)).toBe(200);
  await post(adminToken, '/api/v1/financial/invoices', {
    contract_id: contract.id,
    period_from: '2026-11-01',
    period_to: '2026-11-30',
    tax_rate_bp: 2000,
  });

  // the same words in another tenant
  const tokenB = await clientToken(api, await newClient(api, tenantB, ADMIN_SCOPES), ADMIN_SCOPES);
  const programB = await post(tokenB, '/api/v1/programs', { name: 'Website relaunch' });
  await post(tokenB, '/api/v1/tasks', { program_id: programB.id, title: 'Launch the new website (B)' });
});
afterAll(async () => api?.close());

describe('GET /api/v1/search', () => {
  it('finds a task by a misspelt word ("lanch" finds "Launch"), ranked first, with where to read it', async () => {
    const response = await search(adminToken, 'q=lanch');
    expect(response.status).toBe(200);
    const tasks = response.body.data.filter((h: any) => h.type === 'task');
    expect(tasks.map((h: any) => h.id)).toContain(launch.id);
    expect(tasks.map((h: any) => h.id)).not.toContain(budgetTask.id);
    const hit = tasks.find((h: any) => h.id === launch.id);
    expect(hit).toMatchObject({
      title: 'Launch the new website',
      subtitle: 'Website relaunch · todo',
      href: `/api/v1/tasks/${launch.id}`,
    });
    expect(hit.rank).toBeGreaterThan(0.35);
    expect(response.body.meta).toEqual({ query: 'lanch', types: ['task', 'program', 'user', 'invoice'] });
  });

  it('matches words in descriptions by full text, and ranks across kinds', async () => {
    const words = await search(adminToken, 'q=pages%20live');
    expect(words.body.data.map((h: any) => h.id)).toEqual([launch.id]);

    const mixed = await search(adminToken, 'q=website');
    const types = mixed.body.data.map((h: any) => h.type);
    expect(types).toContain('task');
    expect(types).toContain('program');
    const ranks = mixed.body.data.map((h: any) => h.rank);
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => b - a));
  });

  it('finds programs, people and invoices (by client), and filters by kind', async () => {
    const programs = await search(adminToken, 'q=mergr&types=program');
    expect(programs.body.data.map((h: any) => [h.type, h.id])).toEqual([['program', hiddenProgram.id]]);

    const invoices = await search(adminToken, 'q=globex&types=invoice');
    expect(invoices.body.data).toHaveLength(1);
    expect(invoices.body.data[0].title).toBe('Draft · Globex Corporation');
    expect(invoices.body.data[0].href).toMatch(/^\/api\/v1\/financial\/invoices\//);

    const person = await newUser(api, tenantA, ['viewer']);
    const people = await search(adminToken, `q=${encodeURIComponent(person.email.slice(0, 10))}&types=user`);
    expect(people.body.data.map((h: any) => h.id)).toContain(person.id);
  });

  it("never returns another tenant's records", async () => {
    const response = await search(adminToken, 'q=launch&limit=50');
    expect(response.body.data.some((h: any) => h.title.includes('(B)'))).toBe(false);
  });

  it('shows a member only what they could open: their programs, no invoices without financial:read', async () => {
    const member = await newUser(api, tenantA, []);
    const grant = await call(api, 'POST', `/api/v1/users/${member.id}/roles`, {
      token: await userToken(await newUser(api, tenantA, ['admin']), 'users:write'),
      body: { role: 'member', context_type: 'program', context_id: visibleProgram.id },
    });
    expect(grant.status, JSON.stringify(grant.body)).toBeLessThan(300);
    const token = await userToken(member, 'tasks:read programs:read users:read financial:read');

    const launches = await search(token, 'q=launch&limit=50');
    expect(launches.status).toBe(200);
    const ids = launches.body.data.map((h: any) => h.id);
    expect(ids).toContain(launch.id);
    expect(ids).not.toContain(hiddenTask.id); // a program they were not given
    expect(ids).not.toContain(hiddenProgram.id);
    expect((await search(token, 'q=globex')).body.data).toEqual([]); // no financial:read on the tenant
    // a grant on a program is not a grant to read everyone in the tenant
    expect((await search(token, 'q=user&types=user')).body.data).toEqual([]);
  });

  it('lets a token see only the kinds its scopes name', async () => {
    const tasksOnly = await clientToken(api, await newClient(api, tenantA, ['tasks:read']), ['tasks:read']);
    const response = await search(tasksOnly, 'q=website&limit=50');
    expect(response.body.data.length).toBeGreaterThan(0);
    expect(new Set(response.body.data.map((h: any) => h.type))).toEqual(new Set(['task']));
  });

  it('refuses a missing, overlong or malformed query with the error envelope', async () => {
    for (const [query, field] of [
      ['', 'q'],
      ['q=%20%20', 'q'],
      [`q=${'a'.repeat(201)}`, 'q'],
      ['q=a&types=task,secrets', 'types'],
      ['q=a&limit=0', 'limit'],
      ['q=a&limit=51', 'limit'],
    ]) {
      const response = await search(adminToken, query);
      expect(response.status, query).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.map((d: any) => d.field)).toContain(field);
    }
    expect((await call(api, 'GET', '/api/v1/search?q=launch')).status).toBe(401);
  });

  it('treats search syntax and quotes as text', async () => {
    for (const q of ["'", '"launch', 'launch & | ! (', 'or -website', '%_\\']) {
      const response = await search(adminToken, `q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
    }
  });
});
