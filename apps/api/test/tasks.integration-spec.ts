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
} from './support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

const ALL = [
  'tasks:read',
  'tasks:write',
  'programs:read',
  'programs:write',
  'audit:read',
  'users:read',
  'users:write',
];

let api: RunningApi;
let tenantA: TestTenant;
let tenantB: TestTenant;
let tokenA: string;
let tokenB: string;

async function tokenFor(tenant: TestTenant, scopes = ALL): Promise<string> {
  return clientToken(api, await newClient(api, tenant, scopes), scopes);
}

async function program(token: string, body: Record<string, unknown> = {}): Promise<any> {
  const response = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'Program', ...body } });
  expect(response.status).toBe(201);
  return response.body.data;
}

async function task(token: string, programId: string, body: Record<string, unknown> = {}): Promise<any> {
  const response = await call(api, 'POST', '/api/v1/tasks', {
    token,
    body: { program_id: programId, title: 'Task', ...body },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

beforeAll(async () => {
  api = await startApi();
  [tenantA, tenantB] = await Promise.all([newTenant(api), newTenant(api)]);
  [tokenA, tokenB] = await Promise.all([tokenFor(tenantA), tokenFor(tenantB)]);
});
afterAll(async () => api?.close());

describe('programs', () => {
  it('creates a hierarchy, refuses moving a program under its own descendant, and deletes only empty ones', async () => {
    const root = await program(tokenA, { name: 'Root' });
    const child = await program(tokenA, { name: 'Child', parent_id: root.id });
    const moved = await call(api, 'PATCH', `/api/v1/programs/${root.id}`, {
      token: tokenA,
      body: { parent_id: child.id },
    });
    expect(moved.status).toBe(422);
    expect(JSON.stringify(moved.body.error.details)).toContain('cycle');

    const stale = await call(api, 'PATCH', `/api/v1/programs/${child.id}`, {
      token: tokenA,
      body: { name: 'Renamed' },
      headers: { 'if-match': '"99"' },
    });
    expect(stale.status).toBe(412);

    expect((await call(api, 'DELETE', `/api/v1/programs/${root.id}`, { token: tokenA })).status).toBe(409);
    expect((await call(api, 'DELETE', `/api/v1/programs/${child.id}`, { token: tokenA })).status).toBe(204);
    expect((await call(api, 'DELETE', `/api/v1/programs/${root.id}`, { token: tokenA })).status).toBe(204);
  });

  it("hides another tenant's programs", async () => {
    const mine = await program(tokenA);
    for (const [method, path, body] of [
      ['GET', `/api/v1/programs/${mine.id}`, undefined],
      ['PATCH', `/api/v1/programs/${mine.id}`, { name: 'x' }],
      ['DELETE', `/api/v1/programs/${mine.id}`, undefined],
      ['GET', `/api/v1/programs/${mine.id}/members`, undefined],
    ] as const) {
      const response = await call(api, method, path, { token: tokenB, body });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const list = await call(api, 'GET', '/api/v1/programs?limit=100', { token: tokenB });
    expect(list.body.data.map((p: any) => p.id)).not.toContain(mine.id);
    const parentElsewhere = await call(api, 'POST', '/api/v1/programs', {
      token: tokenB,
      body: { name: 'x', parent_id: mine.id },
    });
    expect(parentElsewhere.status).toBe(422);
  });

  it('grants program-level roles that cover the program, its sub-programs and their tasks only', async () => {
    await api.app
      .get((await import('../src/oauth/oauth-client.repository')).OAuthClientRepository)
      .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
    const root = await program(tokenA, { name: 'Granted' });
    const sub = await program(tokenA, { name: 'Sub', parent_id: root.id });
    const other = await program(tokenA, { name: 'Other' });
    const subTask = await task(tokenA, sub.id);
    const otherTask = await task(tokenA, other.id);
    const user = await newUser(api, tenantA, []);
    const added = await call(api, 'POST', `/api/v1/programs/${root.id}/members`, {
      token: tokenA,
      body: { user_id: user.id, role: 'member' },
    });
    expect(added.status).toBe(201);
    expect(added.body.data).toEqual([expect.objectContaining({ user_id: user.id, role: 'member' })]);

    const tokens = await exchangeCode(
      await signInWithPkce(api, user, 'openid tasks:read tasks:write programs:read'),
    );
    const token = tokens.access_token;
    expect((await call(api, 'GET', `/api/v1/tasks/${subTask.id}`, { token })).status).toBe(200);
    expect((await call(api, 'GET', `/api/v1/programs/${sub.id}`, { token })).status).toBe(200);
    const edit = await call(api, 'PATCH', `/api/v1/tasks/${subTask.id}`, {
      token,
      body: { title: 'Mine now' },
    });
    expect(edit.status).toBe(200);
    expect((await call(api, 'GET', `/api/v1/tasks/${otherTask.id}`, { token })).status).toBe(403);
    expect((await call(api, 'GET', `/api/v1/programs/${other.id}`, { token })).status).toBe(403);
    // a dependency on a task of a program they were not given is listed, never named
    const secret = await call(api, 'PATCH', `/api/v1/tasks/${otherTask.id}`, {
      token: tokenA,
      body: { title: 'Secret acquisition' },
    });
    expect(secret.status).toBe(200);
    expect(
      (
        await call(api, 'POST', `/api/v1/tasks/${subTask.id}/dependencies`, {
          token: tokenA,
          body: { blocker_id: otherTask.id },
        })
      ).status,
    ).toBe(200);
    const deps = await call(api, 'GET', `/api/v1/tasks/${subTask.id}/dependencies`, { token });
    expect(deps.body.data.blocked_by).toEqual([
      { task_id: otherTask.id, type: 'finish_to_start', title: null, status: null },
    ]);
    const cycle = await call(api, 'POST', `/api/v1/tasks/${otherTask.id}/dependencies`, {
      token: tokenA,
      body: { blocker_id: subTask.id },
    });
    expect(cycle.body.error.message).toContain('“Secret acquisition” blocks “Mine now”');
    expect(JSON.stringify(deps.body)).not.toContain('Secret');

    const removed = await call(api, 'DELETE', `/api/v1/programs/${root.id}/members`, {
      token: tokenA,
      body: { user_id: user.id, role: 'member' },
    });
    expect(removed.status).toBe(204);
    expect((await call(api, 'GET', `/api/v1/tasks/${subTask.id}`, { token })).status).toBe(403);
  });
});

describe('tasks', () => {
  it('creates, reads with an ETag, updates with If-Match and deletes', async () => {
    const p = await program(tokenA);
    const created = await task(tokenA, p.id, { title: 'Write spec', priority: 2, due_date: '2026-12-01' });
    expect(created).toMatchObject({
      title: 'Write spec',
      status: 'todo',
      priority: 2,
      due_date: '2026-12-01',
    });
    const got = await call(api, 'GET', `/api/v1/tasks/${created.id}`, { token: tokenA });
    expect(got.headers.get('etag')).toBe('"1"');
    const updated = await call(api, 'PATCH', `/api/v1/tasks/${created.id}`, {
      token: tokenA,
      body: { status: 'done' },
      headers: { 'if-match': '"1"' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data.completed_at).not.toBeNull();
    expect(updated.headers.get('etag')).toBe('"2"');
    const stale = await call(api, 'PATCH', `/api/v1/tasks/${created.id}`, {
      token: tokenA,
      body: { title: 'lost update' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect((await call(api, 'DELETE', `/api/v1/tasks/${created.id}`, { token: tokenA })).status).toBe(204);
    expect((await call(api, 'GET', `/api/v1/tasks/${created.id}`, { token: tokenA })).status).toBe(404);
  });

  it('filters, sorts, paginates with a cursor and returns sparse fieldsets', async () => {
    const p = await program(tokenA);
    const assignee = await newUser(api, tenantA);
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await task(tokenA, p.id, {
          title: i === 3 ? 'Quarterly zebra report' : `Item ${i}`,
          priority: (i % 5) + 1,
          status: i % 2 ? 'in_progress' : 'todo',
          due_date: `2026-03-0${i + 1}`,
          assignee_id: i < 2 ? assignee.id : null,
        }),
      );
    }
    const base = `/api/v1/tasks?filter[program]=${p.id}`;
    const seen: string[] = [];
    let next: string | null = `${base}&sort=due_date&limit=3`;
    while (next) {
      const page: any = await call(api, 'GET', next, { token: tokenA });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((t: any) => t.due_date));
      next = page.body.links.next;
    }
    expect(seen).toEqual(made.map((t) => t.due_date));

    const inProgress = await call(api, 'GET', `${base}&filter[status]=in_progress`, { token: tokenA });
    expect(inProgress.body.data.map((t: any) => t.id).sort()).toEqual(
      made
        .filter((_, i) => i % 2)
        .map((t) => t.id)
        .sort(),
    );
    const assigned = await call(api, 'GET', `${base}&filter[assignee]=${assignee.id}`, { token: tokenA });
    expect(assigned.body.data).toHaveLength(2);
    const unassigned = await call(api, 'GET', `${base}&filter[assignee]=none`, { token: tokenA });
    expect(unassigned.body.data).toHaveLength(5);
    const due = await call(api, 'GET', `${base}&filter[due_from]=2026-03-02&filter[due_to]=2026-03-04`, {
      token: tokenA,
    });
    expect(due.body.data).toHaveLength(3);
    const text = await call(api, 'GET', `${base}&filter[q]=zebra`, { token: tokenA });
    expect(text.body.data.map((t: any) => t.id)).toEqual([made[3].id]);
    const byPriority = await call(api, 'GET', `${base}&sort=-priority,title&fields=title,priority`, {
      token: tokenA,
    });
    expect(byPriority.body.data[0]).toEqual({
      id: expect.any(String),
      title: expect.any(String),
      priority: 5,
    });
    const priorities = byPriority.body.data.map((t: any) => t.priority);
    expect(priorities).toEqual([...priorities].sort((a: number, b: number) => b - a));
  });

  it('of two concurrent edits of the same version, one wins and the other gets 412', async () => {
    const t = await task(tokenA, (await program(tokenA)).id);
    const results = await Promise.all(
      ['first', 'second'].map((title) =>
        call(api, 'PATCH', `/api/v1/tasks/${t.id}`, {
          token: tokenA,
          body: { title },
          headers: { 'if-match': '"1"' },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const history = await call(api, 'GET', `/api/v1/tasks/${t.id}/history`, { token: tokenA });
    expect(history.body.data.map((h: any) => h.action)).toEqual(['created', 'updated']);
  });

  it('bulk updates all or nothing', async () => {
    const p = await program(tokenA);
    const [a, b] = [await task(tokenA, p.id), await task(tokenA, p.id)];
    const ok = await call(api, 'PATCH', '/api/v1/tasks', {
      token: tokenA,
      body: { ids: [a.id, b.id], changes: { priority: 1, status: 'in_progress' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.map((t: any) => [t.priority, t.status])).toEqual([
      [1, 'in_progress'],
      [1, 'in_progress'],
    ]);
    const foreign = await task(tokenB, (await program(tokenB)).id);
    const mixed = await call(api, 'PATCH', '/api/v1/tasks', {
      token: tokenA,
      body: { ids: [a.id, foreign.id], changes: { priority: 5 } },
    });
    expect(mixed.status).toBe(422);
    expect((await call(api, 'GET', `/api/v1/tasks/${a.id}`, { token: tokenA })).body.data.priority).toBe(1);
    expect(
      (await call(api, 'GET', `/api/v1/tasks/${foreign.id}`, { token: tokenB })).body.data.priority,
    ).toBe(3);
  });

  it('refuses a dependency cycle naming it, and blocks completion while a blocker is open', async () => {
    const p = await program(tokenA);
    const [t1, t2, t3] = [
      await task(tokenA, p.id, { title: 'Design' }),
      await task(tokenA, p.id, { title: 'Build' }),
      await task(tokenA, p.id, { title: 'Ship' }),
    ];
    const dep = (blocked: string, blocker: string) =>
      call(api, 'POST', `/api/v1/tasks/${blocked}/dependencies`, {
        token: tokenA,
        body: { blocker_id: blocker },
      });
    expect((await dep(t2.id, t1.id)).status).toBe(200);
    expect((await dep(t3.id, t2.id)).status).toBe(200);
    const cycle = await dep(t1.id, t3.id);
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.details[0].cycle).toEqual([t1.id, t2.id, t3.id, t1.id]);
    // in words, with the tasks' names (the ids stay in the details)
    expect(cycle.body.error.message).toBe(
      'Adding this dependency would create a cycle: “Design” blocks “Build”, which blocks “Ship”, which would block “Design”.',
    );
    expect(cycle.body.error.details[0].message).toBe(`cycle: ${t1.id} -> ${t2.id} -> ${t3.id} -> ${t1.id}`);
    expect((await dep(t1.id, t1.id)).status).toBe(422);

    const blocked = await call(api, 'PATCH', `/api/v1/tasks/${t2.id}`, {
      token: tokenA,
      body: { status: 'done' },
    });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.details[0].blocker_id).toBe(t1.id);
    expect(
      (await call(api, 'PATCH', `/api/v1/tasks/${t1.id}`, { token: tokenA, body: { status: 'done' } }))
        .status,
    ).toBe(200);
    expect(
      (await call(api, 'PATCH', `/api/v1/tasks/${t2.id}`, { token: tokenA, body: { status: 'done' } }))
        .status,
    ).toBe(200);
    const deps = await call(api, 'GET', `/api/v1/tasks/${t2.id}/dependencies`, { token: tokenA });
    expect(deps.body.data).toEqual({
      blocked_by: [{ task_id: t1.id, type: 'finish_to_start', title: 'Design', status: 'done' }],
      blocks: [{ task_id: t3.id, type: 'finish_to_start', title: 'Ship', status: 'todo' }],
    });
    expect(
      (await call(api, 'DELETE', `/api/v1/tasks/${t3.id}/dependencies/${t2.id}`, { token: tokenA })).status,
    ).toBe(204);
    expect((await dep(t1.id, t3.id)).status).toBe(200);
    const foreign = await task(tokenB, (await program(tokenB)).id);
    expect((await dep(t1.id, foreign.id)).status).toBe(422);
  });

  it('assigns, records history with before/after from the audit trail, and emits domain events in order', async () => {
    const p = await program(tokenA);
    const user = await newUser(api, tenantA);
    const before = await call(api, 'GET', '/api/v1/sync', { token: tokenA });
    const lastSeen = before.body.meta.last_sequence as number;
    const t = await task(tokenA, p.id, { title: 'Original' });
    await call(api, 'PATCH', `/api/v1/tasks/${t.id}`, { token: tokenA, body: { title: 'Renamed' } });
    const assigned = await call(api, 'POST', `/api/v1/tasks/${t.id}/assign`, {
      token: tokenA,
      body: { assignee_id: user.id },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.data.assignee_id).toBe(user.id);
    const outsider = await newUser(api, tenantB);
    const badAssignee = await call(api, 'POST', `/api/v1/tasks/${t.id}/assign`, {
      token: tokenA,
      body: { assignee_id: outsider.id },
    });
    expect(badAssignee.status).toBe(422);

    const history = await call(api, 'GET', `/api/v1/tasks/${t.id}/history`, { token: tokenA });
    expect(history.status).toBe(200);
    expect(history.body.data.map((h: any) => h.action)).toEqual(['created', 'updated', 'assigned']);
    expect(history.body.data[0].before).toBeNull();
    expect(history.body.data[1].changes).toEqual([{ field: 'title', before: 'Original', after: 'Renamed' }]);
    expect(history.body.data[2].changes).toEqual([{ field: 'assignee_id', before: null, after: user.id }]);
    expect(history.body.data[2].actor.type).toBe('client');

    const sync = await call(api, 'GET', `/api/v1/sync?after=${lastSeen}`, { token: tokenA });
    const mine = sync.body.data.filter((e: any) => e.entity_id === t.id);
    expect(mine.map((e: any) => e.type)).toEqual(['task.created', 'task.updated', 'task.assigned']);
    const sequences = sync.body.data.map((e: any) => e.sequence);
    expect(sequences).toEqual(sequences.map((_: number, i: number) => lastSeen + 1 + i));
    expect(mine[2].channels).toContain(`user.${user.id}`);
    const otherTenant = await call(api, 'GET', `/api/v1/sync?after=0`, { token: tokenB });
    expect(otherTenant.body.data.some((e: any) => e.entity_id === t.id)).toBe(false);

    const audit = await call(api, 'GET', `/api/v1/audit?filter[entity_type]=task&filter[entity_id]=${t.id}`, {
      token: tokenA,
    });
    expect(audit.body.data.map((e: any) => e.action)).toEqual(['created', 'updated', 'assigned']);
    expect(audit.body.data[1]).toMatchObject({
      tenant_id: tenantA.id,
      before_state: expect.objectContaining({ title: 'Original' }),
      after_state: expect.objectContaining({ title: 'Renamed' }),
    });
    const auditB = await call(api, 'GET', `/api/v1/audit?filter[entity_id]=${t.id}`, { token: tokenB });
    expect(auditB.body.data).toEqual([]);
    const noScope = await tokenFor(tenantA, ['tasks:read']);
    expect((await call(api, 'GET', '/api/v1/audit', { token: noScope })).status).toBe(403);
  });

  it('keeps change and audit event together: a refused change writes no audit event', async () => {
    const p = await program(tokenA);
    const [blocker, blocked] = [await task(tokenA, p.id), await task(tokenA, p.id)];
    await call(api, 'POST', `/api/v1/tasks/${blocked.id}/dependencies`, {
      token: tokenA,
      body: { blocker_id: blocker.id },
    });
    await call(api, 'PATCH', `/api/v1/tasks/${blocked.id}`, { token: tokenA, body: { status: 'done' } });
    const history = await call(api, 'GET', `/api/v1/tasks/${blocked.id}/history`, { token: tokenA });
    expect(history.body.data.map((h: any) => h.action)).toEqual(['created', 'dependency_added']);
  });

  it("gives 404 for another tenant's task on every route", async () => {
    const t = await task(tokenA, (await program(tokenA)).id);
    const other = await task(tokenB, (await program(tokenB)).id);
    for (const [method, path, body] of [
      ['GET', `/api/v1/tasks/${t.id}`, undefined],
      ['PATCH', `/api/v1/tasks/${t.id}`, { title: 'x' }],
      ['DELETE', `/api/v1/tasks/${t.id}`, undefined],
      ['POST', `/api/v1/tasks/${t.id}/assign`, { assignee_id: null }],
      ['GET', `/api/v1/tasks/${t.id}/history`, undefined],
      ['GET', `/api/v1/tasks/${t.id}/dependencies`, undefined],
      ['POST', `/api/v1/tasks/${t.id}/dependencies`, { blocker_id: other.id }],
      ['DELETE', `/api/v1/tasks/${t.id}/dependencies/${other.id}`, undefined],
    ] as const) {
      const response = await call(api, method, path, { token: tokenB, body });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const list = await call(api, 'GET', '/api/v1/tasks?limit=200', { token: tokenB });
    expect(list.body.data.map((x: any) => x.id)).not.toContain(t.id);
    const cross = await call(api, 'POST', '/api/v1/tasks', {
      token: tokenB,
      body: { program_id: t.program_id, title: 'sneaky' },
    });
    expect(cross.status).toBe(422);
    expect((await call(api, 'GET', `/api/v1/tasks/${t.id}`, { token: tokenA })).body.data.title).toBe('Task');
  });

  it('answers malformed and boundary input on every write endpoint with a 4xx and field details', async () => {
    const p = await program(tokenA);
    const t = await task(tokenA, p.id);
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/programs', {}, 'name'],
      ['POST', '/api/v1/programs', { name: 'x'.repeat(201) }, 'name'],
      ['POST', '/api/v1/programs', { name: 'x', parent_id: 'nope' }, 'parent_id'],
      ['POST', '/api/v1/programs', { name: 'x', status: 'weird' }, 'status'],
      ['PATCH', `/api/v1/programs/${p.id}`, { name: '' }, 'name'],
      ['POST', `/api/v1/programs/${p.id}/members`, { user_id: 'x', role: 'member' }, 'user_id'],
      ['POST', `/api/v1/programs/${p.id}/members`, { user_id: t.id, role: 'Bad Role' }, 'role'],
      ['POST', '/api/v1/tasks', {}, 'program_id'],
      ['POST', '/api/v1/tasks', { program_id: p.id, title: '' }, 'title'],
      ['POST', '/api/v1/tasks', { program_id: p.id, title: 'x', priority: 0 }, 'priority'],
      ['POST', '/api/v1/tasks', { program_id: p.id, title: 'x', priority: 6 }, 'priority'],
      ['POST', '/api/v1/tasks', { program_id: p.id, title: 'x', priority: 2.5 }, 'priority'],
      ['POST', '/api/v1/tasks', { program_id: p.id, title: 'x', due_date: '2026-02-30' }, 'due_date'],
      ['POST', '/api/v1/tasks', { program_id: p.id, title: 'x', due_date: 'tomorrow' }, 'due_date'],
      ['POST', '/api/v1/tasks', { program_id: p.id, title: 'x', estimate_minutes: -1 }, 'estimate_minutes'],
      ['POST', '/api/v1/tasks', { program_id: p.id, title: 'x', extra: 1 }, 'extra'],
      ['POST', '/api/v1/tasks', { program_id: p.id, title: 'x', assignee_id: t.id }, 'assignee_id'],
      ['PATCH', `/api/v1/tasks/${t.id}`, { status: 'finished' }, 'status'],
      ['PATCH', `/api/v1/tasks/${t.id}`, { title: 42 }, 'title'],
      ['PATCH', '/api/v1/tasks', { ids: [], changes: { priority: 1 } }, 'ids'],
      ['PATCH', '/api/v1/tasks', { ids: ['nope'], changes: { priority: 1 } }, 'ids'],
      ['PATCH', '/api/v1/tasks', { ids: [t.id] }, 'changes'],
      ['PATCH', '/api/v1/tasks', { ids: [t.id], changes: {} }, 'changes'],
      ['POST', `/api/v1/tasks/${t.id}/assign`, {}, 'assignee_id'],
      ['POST', `/api/v1/tasks/${t.id}/dependencies`, { blocker_id: 12 }, 'blocker_id'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await call(api, method, path, { token: tokenA, body });
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(422);
      expect(
        response.body.error.details.some((d: any) => String(d.field).startsWith(field)),
        `${method} ${path} ${JSON.stringify(body)} -> ${JSON.stringify(response.body.error.details)}`,
      ).toBe(true);
    }
    const badJson = await call(api, 'POST', '/api/v1/tasks', { token: tokenA, body: '{"title":' });
    expect(badJson.status).toBe(400);
    const badIfMatch = await call(api, 'PATCH', `/api/v1/tasks/${t.id}`, {
      token: tokenA,
      body: { title: 'y' },
      headers: { 'if-match': 'garbage' },
    });
    expect(badIfMatch.status).toBe(400);
    for (const query of [
      'filter[status]=nope',
      'filter[assignee]=x',
      'filter[due_from]=2026-13-01',
      'filter[unknown]=1',
      'sort=secret',
      'limit=0',
      'limit=201',
      'fields=password',
      'cursor=%%%',
    ]) {
      const response = await call(api, 'GET', `/api/v1/tasks?${query}`, { token: tokenA });
      expect(response.status, query).toBe(422);
    }
    for (const query of ['after=-1', 'after=abc', 'limit=0', 'limit=1001']) {
      expect((await call(api, 'GET', `/api/v1/sync?${query}`, { token: tokenA })).status, query).toBe(422);
    }
    expect((await call(api, 'GET', '/api/v1/audit?filter[from]=yesterday', { token: tokenA })).status).toBe(
      422,
    );
    expect((await call(api, 'GET', '/api/v1/tasks/not-a-uuid', { token: tokenA })).status).toBe(404);
  });

  it('refuses writes without the scope and reads without a token', async () => {
    const readOnly = await tokenFor(tenantA, ['tasks:read', 'programs:read']);
    const p = await program(tokenA);
    expect(
      (await call(api, 'POST', '/api/v1/tasks', { token: readOnly, body: { program_id: p.id, title: 'x' } }))
        .status,
    ).toBe(403);
    expect((await call(api, 'GET', '/api/v1/tasks')).status).toBe(401);
  });
});

describe('demo seed', () => {
  it('adds one program with tasks and dependencies, idempotently', async () => {
    const { seedDemo, DEMO_PROGRAM } = await import('../src/cli/seed-demo');
    const first = await seedDemo(api.app, api.config);
    await seedDemo(api.app, api.config);
    const tenant = first.tenant as TestTenant;
    const token = await tokenFor(tenant);
    const programs = await call(api, 'GET', '/api/v1/programs?limit=100', { token });
    const seeded = programs.body.data.filter((p: any) => p.name === DEMO_PROGRAM);
    expect(seeded).toHaveLength(1);
    const tasks = await call(api, 'GET', `/api/v1/tasks?filter[program]=${seeded[0].id}&sort=title`, {
      token,
    });
    expect(tasks.body.data.map((t: any) => t.status).sort()).toEqual(['done', 'in_progress', 'todo', 'todo']);
    const launch = tasks.body.data.find((t: any) => t.title === 'Launch');
    const done = await call(api, 'PATCH', `/api/v1/tasks/${launch.id}`, { token, body: { status: 'done' } });
    expect(done.status).toBe(422);
  });
});
