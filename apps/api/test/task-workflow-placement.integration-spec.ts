import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthClientRepository } from '../src/oauth/oauth-client.repository';
import { DEFAULT_WORKFLOW } from '../src/workflows/default-workflow';
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

/**
 * Task responses carry the task's workflow placement ({id, instance_id, state, state_name, round}), the
 * task list filters by workflow and state, and GET /tasks/{id}/workflow shows the way out with vote
 * tallies: what the PWA's workflow board is built on.
 */
const SCOPES = ['tasks:read', 'tasks:write', 'programs:write', 'workflows:read', 'workflows:write'];
const USER_SCOPES = 'openid tasks:read tasks:write programs:read workflows:read workflows:write';

let api: RunningApi;
let tenantA: TestTenant;
let tenantB: TestTenant;
let tokenA: string;
let tokenB: string;
let defaultA: any;
let otherA: any;
let programA: string;

async function tokenFor(tenant: TestTenant): Promise<string> {
  return clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
}

async function newTask(token: string, program: string, body: Record<string, unknown> = {}): Promise<any> {
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token,
    body: { program_id: program, title: 'Board task', ...body },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  return task.body.data;
}

async function newProgram(token: string): Promise<string> {
  const program = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'Board' } });
  expect(program.status).toBe(201);
  return program.body.data.id;
}

const move = (token: string, taskId: string, to: string, version?: number, workflowId?: string) =>
  call(api, 'POST', `/api/v1/tasks/${taskId}/workflow`, {
    token,
    body: { to_state: to, ...(workflowId ? { workflow_id: workflowId } : {}) },
    headers: version !== undefined ? { 'if-match': `"${version}"` } : {},
  });

const listIds = async (token: string, query: string): Promise<string[]> => {
  const response = await call(api, 'GET', `/api/v1/tasks?limit=200&${query}`, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data.map((t: any) => t.id);
};

beforeAll(async () => {
  api = await startApi();
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  [tenantA, tenantB] = await Promise.all([newTenant(api), newTenant(api)]);
  [tokenA, tokenB] = await Promise.all([tokenFor(tenantA), tokenFor(tenantB)]);
  const created = await call(api, 'POST', '/api/v1/workflows', { token: tokenA, body: DEFAULT_WORKFLOW });
  expect(created.status).toBe(201);
  defaultA = created.body.data;
  const other = await call(api, 'POST', '/api/v1/workflows', {
    token: tokenA,
    body: {
      name: 'Other',
      initial_state: 'open',
      states: [
        { key: 'open', name: 'Open', category: 'todo' },
        { key: 'shut', name: 'Shut', category: 'done' },
      ],
      transitions: [{ from: 'open', to: 'shut' }],
    },
  });
  expect(other.status).toBe(201);
  otherA = other.body.data;
  programA = await newProgram(tokenA);
});
afterAll(async () => api?.close());

describe('the workflow field of task responses', () => {
  it('is null when the task follows no workflow and the tenant has no default one', async () => {
    const task = await newTask(tokenB, await newProgram(tokenB));
    expect(task.workflow).toBeNull();
    const got = await call(api, 'GET', `/api/v1/tasks/${task.id}`, { token: tokenB });
    expect(got.body.data.workflow).toBeNull();
  });

  it('shows where a new task stands in the default workflow, then follows its transitions', async () => {
    const task = await newTask(tokenA, programA);
    expect(task.workflow).toEqual({
      id: defaultA.id,
      instance_id: null,
      state: 'todo',
      state_name: 'To do',
      round: 1,
    });
    const started = await move(tokenA, task.id, 'in_progress', task.version);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.data.task.workflow).toMatchObject({
      id: defaultA.id,
      state: 'in_progress',
      state_name: 'In progress',
      round: 2,
    });
    expect(started.body.data.task.workflow.instance_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(started.headers.get('etag')).toBe(`"${started.body.data.task.version}"`);

    const review = await move(tokenA, task.id, 'review', started.body.data.task.version);
    expect(review.status).toBe(200);
    // "review" has the category in_progress like "in_progress": the state, not the status, tells them apart
    const got = await call(api, 'GET', `/api/v1/tasks/${task.id}`, { token: tokenA });
    expect(got.body.data.status).toBe('in_progress');
    expect(got.body.data.workflow).toMatchObject({ state: 'review', state_name: 'In review', round: 3 });
    const patched = await call(api, 'PATCH', `/api/v1/tasks/${task.id}`, {
      token: tokenA,
      body: { title: 'Renamed' },
      headers: { 'if-match': got.headers.get('etag')! },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.workflow.state).toBe('review');
  });

  it('refuses a transition made on a stale version with 409 and leaves the state alone', async () => {
    const task = await newTask(tokenA, programA);
    expect((await move(tokenA, task.id, 'in_progress', task.version)).status).toBe(200);
    const stale = await move(tokenA, task.id, 'todo', task.version);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    const got = await call(api, 'GET', `/api/v1/tasks/${task.id}`, { token: tokenA });
    expect(got.body.data.workflow.state).toBe('in_progress');
  });

  it('lists tasks with their workflow, filtered by workflow and by state', async () => {
    const program = await newProgram(tokenA);
    const todo = await newTask(tokenA, program);
    const doing = await newTask(tokenA, program);
    expect((await move(tokenA, doing.id, 'in_progress', doing.version)).status).toBe(200);
    // a done task without an instance counts as "done" in the default workflow
    const done = await newTask(tokenA, program, { status: 'done' });
    const other = await newTask(tokenA, program);
    expect((await move(tokenA, other.id, 'shut', other.version, otherA.id)).status).toBe(200);

    const all = await call(api, 'GET', `/api/v1/tasks?filter[program]=${program}`, { token: tokenA });
    const byId = new Map(all.body.data.map((t: any) => [t.id, t.workflow]));
    expect(byId.get(todo.id)).toMatchObject({ id: defaultA.id, state: 'todo', instance_id: null });
    expect(byId.get(doing.id)).toMatchObject({ id: defaultA.id, state: 'in_progress' });
    expect(byId.get(done.id)).toMatchObject({ id: defaultA.id, state: 'done' });
    expect(byId.get(other.id)).toMatchObject({ id: otherA.id, state: 'shut' });

    const scoped = `filter[program]=${program}`;
    expect(await listIds(tokenA, `${scoped}&filter[workflow_state]=todo`)).toEqual([todo.id]);
    expect(await listIds(tokenA, `${scoped}&filter[workflow_state]=in_progress`)).toEqual([doing.id]);
    expect((await listIds(tokenA, `${scoped}&filter[workflow_state]=todo,done`)).sort()).toEqual(
      [todo.id, done.id].sort(),
    );
    expect((await listIds(tokenA, `${scoped}&filter[workflow]=${defaultA.id}`)).sort()).toEqual(
      [todo.id, doing.id, done.id].sort(),
    );
    expect(await listIds(tokenA, `${scoped}&filter[workflow]=${otherA.id}`)).toEqual([other.id]);
    expect(
      await listIds(tokenA, `${scoped}&filter[workflow]=${otherA.id}&filter[workflow_state]=todo`),
    ).toEqual([]);
    const sparse = await call(api, 'GET', `/api/v1/tasks?${scoped}&fields=title,workflow`, { token: tokenA });
    expect(Object.keys(sparse.body.data[0]).sort()).toEqual(['id', 'title', 'workflow']);
  });

  it('refuses malformed workflow filters with field details', async () => {
    const bad = await call(api, 'GET', '/api/v1/tasks?filter[workflow]=nope', { token: tokenA });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].field).toBe('filter[workflow]');
    const empty = await call(api, 'GET', '/api/v1/tasks?filter[workflow_state]=,', { token: tokenA });
    expect(empty.status).toBe(422);
    expect(empty.body.error.details[0].field).toBe('filter[workflow_state]');
  });

  it('never shows or matches another tenant’s workflow', async () => {
    const task = await newTask(tokenA, programA);
    expect(await listIds(tokenB, `filter[workflow]=${defaultA.id}`)).toEqual([]);
    expect(await listIds(tokenB, 'filter[workflow_state]=todo')).not.toContain(task.id);
    const view = await call(api, 'GET', `/api/v1/tasks/${task.id}/workflow`, { token: tokenB });
    expect(view.status).toBe(404);
    expect((await move(tokenB, task.id, 'in_progress', task.version)).status).toBe(404);
  });
});

describe('GET /api/v1/tasks/{id}/workflow', () => {
  it('lists the transitions out of the state, with the vote tally where votes are needed', async () => {
    const task = await newTask(tokenA, programA);
    const fresh = await call(api, 'GET', `/api/v1/tasks/${task.id}/workflow`, { token: tokenA });
    expect(fresh.status).toBe(200);
    expect(fresh.body.data).toMatchObject({ workflow_id: defaultA.id, instance_id: null, state: 'todo' });
    expect(fresh.body.data.transitions).toEqual([
      { to: 'in_progress', name: 'Start', required_roles: [], required_fields: [], votes: null },
    ]);

    let version = task.version;
    for (const to of ['in_progress', 'review']) {
      const moved = await move(tokenA, task.id, to, version);
      expect(moved.status).toBe(200);
      version = moved.body.data.task.version;
    }
    const pm = await newUser(api, tenantA, ['project_manager']);
    const pmToken = (await exchangeCode(await signInWithPkce(api, pm, USER_SCOPES))).access_token;
    const voted = await call(api, 'POST', `/api/v1/workflows/${defaultA.id}/vote`, {
      token: pmToken,
      body: { task_id: task.id, to_state: 'done', decision: 'approve', comment: 'fine by me' },
    });
    expect(voted.status, JSON.stringify(voted.body)).toBe(200);

    const view = await call(api, 'GET', `/api/v1/tasks/${task.id}/workflow`, { token: tokenA });
    expect(view.body.data.state).toBe('review');
    expect(view.body.data.transitions.map((t: any) => t.to)).toEqual(['in_progress', 'done']);
    const approve = view.body.data.transitions.find((t: any) => t.to === 'done');
    expect(approve.votes).toMatchObject({
      quorum: 2,
      approvals_required: 2,
      votes_cast: 1,
      approvals: 1,
      rejections: 0,
      satisfied: false,
    });
    expect(approve.votes.votes).toEqual([
      expect.objectContaining({ voter_id: pm.id, decision: 'approve', comment: 'fine by me' }),
    ]);
    const notYet = await move(tokenA, task.id, 'done', version);
    expect(notYet.status).toBe(422);
    expect(JSON.stringify(notYet.body.error.details)).toContain('1 of 2 required approvals');
  });

  it('answers 404 for an unknown or malformed task id', async () => {
    const unknown = await call(api, 'GET', `/api/v1/tasks/00000000-0000-4000-8000-000000000000/workflow`, {
      token: tokenA,
    });
    expect(unknown.status).toBe(404);
    const malformed = await call(api, 'GET', `/api/v1/tasks/nope/workflow`, { token: tokenA });
    expect(malformed.status).toBe(404);
  });
});
