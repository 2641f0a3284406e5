import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInTenant, UnitOfWork } from '@oversing/platform';
import type { CertificationStatus } from '../src/certifications/certification-projection.entity';
import { CertificationProjectionRepository } from '../src/certifications/certification-projection.repository';
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
  TestUser,
} from './support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

const ALL = ['tasks:read', 'tasks:write', 'programs:write', 'workflows:write', 'audit:read'];
const USER_SCOPES = 'openid tasks:read tasks:write programs:read workflows:read workflows:write';

let api: RunningApi;
let tenantA: TestTenant;
let tenantB: TestTenant;
let tokenA: string;
let tokenB: string;
let defaultA: any;

async function tokenFor(tenant: TestTenant, scopes = ALL): Promise<string> {
  return clientToken(api, await newClient(api, tenant, scopes), scopes);
}

async function userToken(user: TestUser): Promise<string> {
  return (await exchangeCode(await signInWithPkce(api, user, USER_SCOPES))).access_token;
}

async function newTask(token: string, body: Record<string, unknown> = {}): Promise<any> {
  const program = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'P' } });
  expect(program.status).toBe(201);
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token,
    body: { program_id: program.body.data.id, title: 'Task', ...body },
  });
  expect(task.status, JSON.stringify(task.body)).toBe(201);
  return task.body.data;
}

async function createWorkflow(token: string, body: object): Promise<any> {
  const response = await call(api, 'POST', '/api/v1/workflows', { token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

async function move(token: string, taskId: string, to: string, ifMatch?: number) {
  return call(api, 'POST', `/api/v1/tasks/${taskId}/workflow`, {
    token,
    body: { to_state: to },
    headers: ifMatch ? { 'if-match': `"${ifMatch}"` } : {},
  });
}

const simple = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  initial_state: 'open',
  states: [
    { key: 'open', name: 'Open', category: 'todo' },
    { key: 'doing', name: 'Doing', category: 'in_progress' },
    { key: 'closed', name: 'Closed', category: 'done' },
  ],
  transitions: [
    { from: 'open', to: 'doing' },
    { from: 'doing', to: 'closed' },
  ],
  ...extra,
});

beforeAll(async () => {
  // Nothing listens on port 1: the certification guard must fail closed, whatever runs on this machine.
  api = await startApi({ CERTIFICATION_URL: 'http://127.0.0.1:1' });
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  [tenantA, tenantB] = await Promise.all([newTenant(api), newTenant(api)]);
  [tokenA, tokenB] = await Promise.all([tokenFor(tenantA), tokenFor(tenantB)]);
  defaultA = await createWorkflow(tokenA, DEFAULT_WORKFLOW);
});
afterAll(async () => api?.close());

describe('workflow definitions', () => {
  it('creates, lists, reads and describes states; one default and unique names per tenant', async () => {
    expect(defaultA.is_default).toBe(true);
    expect(defaultA.states.map((s: any) => s.key)).toEqual(['todo', 'in_progress', 'review', 'done']);
    const approve = defaultA.transitions.find((t: any) => t.from === 'review' && t.to === 'done');
    expect(approve.votes).toEqual({
      quorum: 2,
      approvals_required: 2,
      approver_role: 'project_manager',
      approver_user_ids: [],
    });
    const list = await call(api, 'GET', '/api/v1/workflows', { token: tokenA });
    expect(list.status).toBe(200);
    expect(list.body.data.map((w: any) => w.id)).toContain(defaultA.id);
    const got = await call(api, 'GET', `/api/v1/workflows/${defaultA.id}`, { token: tokenA });
    expect(got.body.data.name).toBe('Default');
    const states = await call(api, 'GET', `/api/v1/workflows/${defaultA.id}/states`, { token: tokenA });
    expect(states.body.data.find((s: any) => s.key === 'review').transitions_to.sort()).toEqual([
      'done',
      'in_progress',
    ]);
    expect(states.body.data.find((s: any) => s.key === 'todo').initial).toBe(true);

    const again = await call(api, 'POST', '/api/v1/workflows', { token: tokenA, body: DEFAULT_WORKFLOW });
    expect(again.status).toBe(409);
    const secondDefault = await call(api, 'POST', '/api/v1/workflows', {
      token: tokenA,
      body: simple('Another default', { is_default: true }),
    });
    expect(secondDefault.status).toBe(409);
    expect(secondDefault.body.error.details[0].field).toBe('is_default');
  });

  it('refuses malformed and inconsistent definitions with field details', async () => {
    const cases: [unknown, string][] = [
      [{}, 'name'],
      [{ ...simple('x'), states: [] }, 'states'],
      [{ ...simple('x'), states: [{ key: 'Bad Key', name: 'n', category: 'todo' }] }, 'states.0.key'],
      [{ ...simple('x'), states: [{ key: 'a', name: 'n', category: 'nope' }] }, 'states.0.category'],
      [{ ...simple('x'), initial_state: 'missing' }, 'initial_state'],
      [{ ...simple('x'), transitions: [{ from: 'open', to: 'nowhere' }] }, 'transitions.0.to'],
      [{ ...simple('x'), transitions: [{ from: 'open', to: 'open' }] }, 'transitions.0.to'],
      [{ ...simple('x'), transitions: [{ from: 'open', to: 'doing', quorum: -1 }] }, 'transitions.0.quorum'],
      [
        { ...simple('x'), transitions: [{ from: 'open', to: 'doing', quorum: 2 }] },
        'transitions.0.approver_role',
      ],
      [
        { ...simple('x'), transitions: [{ from: 'open', to: 'doing', required_roles: ['ghost'] }] },
        'transitions.0.required_roles',
      ],
      [
        {
          ...simple('x'),
          transitions: [
            {
              from: 'open',
              to: 'doing',
              approvals_required: 2,
              approver_user_ids: ['00000000-0000-4000-8000-000000000001'],
            },
          ],
        },
        'transitions.0.approvals_required',
      ],
      [
        { ...simple('x'), transitions: [{ from: 'open', to: 'doing', required_fields: ['title'] }] },
        'transitions.0.required_fields',
      ],
      [{ ...simple('x'), is_default: 'yes' }, 'is_default'],
      [{ ...simple('x'), name: 'x'.repeat(201) }, 'name'],
      [{ ...simple('x'), extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const response = await call(api, 'POST', '/api/v1/workflows', { token: tokenA, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(
        response.body.error.details.map((d: any) => d.field),
        `${field} in ${JSON.stringify(response.body.error.details)}`,
      ).toContain(field);
    }
    const broken = await call(api, 'POST', '/api/v1/workflows', { token: tokenA, body: '{"name":' });
    expect(broken.status).toBe(400);
  });

  it('refuses malformed transition and vote requests with field details', async () => {
    const task = await newTask(tokenA);
    const bad: [string, string, unknown, string][] = [
      ['POST', `/api/v1/tasks/${task.id}/workflow`, {}, 'to_state'],
      [
        'POST',
        `/api/v1/tasks/${task.id}/workflow`,
        { to_state: 'in_progress', workflow_id: 'x' },
        'workflow_id',
      ],
      ['POST', `/api/v1/workflows/${defaultA.id}/execute`, { to_state: 'done' }, 'task_id'],
      [
        'POST',
        `/api/v1/workflows/${defaultA.id}/execute`,
        { task_id: task.id, to_state: 'x', version: 0 },
        'version',
      ],
      ['POST', `/api/v1/workflows/${defaultA.id}/vote`, { task_id: task.id, to_state: 'done' }, 'decision'],
      [
        'POST',
        `/api/v1/workflows/${defaultA.id}/vote`,
        { task_id: task.id, to_state: 'done', decision: 'maybe' },
        'decision',
      ],
      [
        'POST',
        `/api/v1/workflows/${defaultA.id}/vote`,
        { task_id: task.id, to_state: 'done', decision: 'approve', comment: 'x'.repeat(2001) },
        'comment',
      ],
      ['POST', `/api/v1/tasks/${task.id}/workflow`, { to_state: 'nowhere' }, 'to_state'],
    ];
    for (const [method, path, body, field] of bad) {
      const response = await call(api, method, path, { token: tokenA, body });
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(422);
      expect(response.body.error.details.map((d: any) => d.field)).toContain(field);
    }
    const badEtag = await call(api, 'POST', `/api/v1/tasks/${task.id}/workflow`, {
      token: tokenA,
      body: { to_state: 'in_progress' },
      headers: { 'if-match': 'nonsense' },
    });
    expect(badEtag.status).toBe(400);
    const noTransition = await move(tokenA, task.id, 'done');
    expect(noTransition.status).toBe(422);
    expect(noTransition.body.error.details[0].message).toContain('in_progress');
  });
});

describe('transitions', () => {
  it('moves a task along the default workflow, bumping its version and recording audit and events', async () => {
    const task = await newTask(tokenA);
    const started = await move(tokenA, task.id, 'in_progress', task.version);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.data.workflow).toMatchObject({
      workflow_id: defaultA.id,
      state: 'in_progress',
      previous_state: 'todo',
    });
    expect(started.body.data.task.status).toBe('in_progress');
    expect(started.body.data.task.version).toBe(task.version + 1);
    expect(started.headers.get('etag')).toBe(`"${task.version + 1}"`);
    // review keeps the status category (in_progress) but is still a new version
    const review = await move(tokenA, task.id, 'review', task.version + 1);
    expect(review.status).toBe(200);
    expect(review.body.data.task.status).toBe('in_progress');
    expect(review.body.data.task.version).toBe(task.version + 2);

    const history = await call(api, 'GET', `/api/v1/tasks/${task.id}/history`, { token: tokenA });
    const transitions = history.body.data.filter((e: any) => e.action === 'workflow_transitioned');
    expect(transitions.map((e: any) => [e.before.state, e.after.state])).toEqual([
      ['todo', 'in_progress'],
      ['in_progress', 'review'],
    ]);
    const sync = await call(api, 'GET', '/api/v1/sync?after=0&limit=1000', { token: tokenA });
    const events = sync.body.data.filter(
      (e: any) => e.type === 'workflow.transitioned' && e.entity_id === task.id,
    );
    expect(events).toHaveLength(2);
    expect(events[0].channels).toEqual(
      expect.arrayContaining([`task.${task.id}`, `program.${task.program_id}`]),
    );
  });

  it('gives exactly one success and one 409 for two concurrent transitions of the same task', async () => {
    for (let round = 0; round < 5; round++) {
      const task = await newTask(tokenA);
      const results = await Promise.all([
        move(tokenA, task.id, 'in_progress', task.version),
        move(tokenA, task.id, 'in_progress', task.version),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body.error.code).toBe('CONFLICT');
      // without If-Match, the loser finds the task already moved: still a 409, never a lost update
      const racing = await Promise.all([
        call(api, 'POST', `/api/v1/workflows/${defaultA.id}/execute`, {
          token: tokenA,
          body: { task_id: task.id, to_state: 'review' },
        }),
        call(api, 'POST', `/api/v1/workflows/${defaultA.id}/execute`, {
          token: tokenA,
          body: { task_id: task.id, to_state: 'review' },
        }),
      ]);
      expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
      const current = await call(api, 'GET', `/api/v1/tasks/${task.id}`, { token: tokenA });
      expect(current.body.data.version).toBe(task.version + 2);
    }
  });

  it('enforces required fields, required roles and open blockers unless the workflow allows them', async () => {
    const pm = await newUser(api, tenantA, ['project_manager']);
    const member = await newUser(api, tenantA, ['member']);
    const guarded = await createWorkflow(
      tokenA,
      simple('Guarded', {
        transitions: [
          { from: 'open', to: 'doing', required_fields: ['assignee_id', 'due_date'] },
          { from: 'doing', to: 'closed', required_roles: ['project_manager'] },
        ],
      }),
    );
    const task = await newTask(tokenA);
    const attach = (to: string) =>
      call(api, 'POST', `/api/v1/workflows/${guarded.id}/execute`, {
        token: tokenA,
        body: { task_id: task.id, to_state: to },
      });
    const missing = await attach('doing');
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.map((d: any) => d.field).sort()).toEqual(['assignee_id', 'due_date']);
    await call(api, 'PATCH', `/api/v1/tasks/${task.id}`, {
      token: tokenA,
      body: { assignee_id: member.id, due_date: '2026-12-31' },
    });
    expect((await attach('doing')).status).toBe(200);

    const blocker = await newTask(tokenA);
    await call(api, 'POST', `/api/v1/tasks/${task.id}/dependencies`, {
      token: tokenA,
      body: { blocker_id: blocker.id },
    });
    const memberToken = await userToken(member);
    const denied = await move(memberToken, task.id, 'closed');
    expect(denied.status).toBe(403);
    const pmToken = await userToken(pm);
    const blocked = await move(pmToken, task.id, 'closed');
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.details[0]).toMatchObject({ field: 'status', blocker_id: blocker.id });

    const lenient = await createWorkflow(tokenA, simple('Lenient', { allow_open_blockers: true }));
    const other = await newTask(tokenA);
    await call(api, 'POST', `/api/v1/tasks/${other.id}/dependencies`, {
      token: tokenA,
      body: { blocker_id: blocker.id },
    });
    const run = (to: string) =>
      call(api, 'POST', `/api/v1/workflows/${lenient.id}/execute`, {
        token: tokenA,
        body: { task_id: other.id, to_state: to },
      });
    expect((await run('doing')).status).toBe(200);
    const done = await run('closed');
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data.task.status).toBe('done');
    // a task that follows one workflow cannot be driven through another
    const wrong = await call(api, 'POST', `/api/v1/workflows/${guarded.id}/execute`, {
      token: tokenA,
      body: { task_id: other.id, to_state: 'open' },
    });
    expect(wrong.status).toBe(422);
  });
});

describe('votes', () => {
  it('needs a quorum of two project-manager approvals for review → done, counting eligible votes only', async () => {
    const [pm1, pm2, admin, member] = await Promise.all([
      newUser(api, tenantA, ['project_manager']),
      newUser(api, tenantA, ['project_manager']),
      newUser(api, tenantA, ['admin']),
      newUser(api, tenantA, ['member']),
    ]);
    const [pm1Token, pm2Token, adminToken, memberToken] = [
      await userToken(pm1),
      await userToken(pm2),
      await userToken(admin),
      await userToken(member),
    ];
    const task = await newTask(tokenA);
    expect((await move(tokenA, task.id, 'in_progress')).status).toBe(200);
    expect((await move(tokenA, task.id, 'review')).status).toBe(200);
    const vote = (token: string, decision: string, to = 'done', extra: Record<string, unknown> = {}) =>
      call(api, 'POST', `/api/v1/workflows/${defaultA.id}/vote`, {
        token,
        body: { task_id: task.id, to_state: to, decision, comment: 'looked at it', ...extra },
      });

    const early = await move(tokenA, task.id, 'done');
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body.error.details)).toContain('quorum not reached: 0 of 2');

    expect((await vote(memberToken, 'approve')).status).toBe(403);
    expect((await vote(tokenA, 'approve')).status).toBe(403); // clients cannot vote
    expect((await vote(pm1Token, 'approve', 'in_progress')).status).toBe(422); // takes no votes

    const first = await vote(pm1Token, 'reject');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data).toMatchObject({ votes_cast: 1, approvals: 0, rejections: 1, satisfied: false });
    // voting again does not silently replace the earlier vote and its comment: it must say so
    const again = await vote(pm1Token, 'approve', 'done', { comment: 'fixed now' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'You already voted against “Approve” in this round with the comment “looked at it”. ' +
        'To change your vote, send it again with replace: true.',
    );
    expect(again.body.error.details[0]).toMatchObject({
      field: 'replace',
      previous: { decision: 'reject', comment: 'looked at it' },
    });
    expect((await vote(pm1Token, 'approve', 'done', { replace: 'yes' })).status).toBe(422);
    const changed = await vote(pm1Token, 'approve', 'done', { comment: 'fixed now', replace: true });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.data).toMatchObject({ votes_cast: 1, approvals: 1, satisfied: false });
    expect(changed.body.data.votes).toEqual([
      expect.objectContaining({ voter_id: pm1.id, decision: 'approve', comment: 'fixed now' }),
    ]);
    expect((await move(tokenA, task.id, 'done')).status).toBe(422);

    // admin inherits project_manager, so counts as an eligible approver
    const second = await vote(adminToken, 'reject');
    expect(second.body.data).toMatchObject({ votes_cast: 2, approvals: 1, satisfied: false });
    const short = await move(tokenA, task.id, 'done');
    expect(JSON.stringify(short.body.error.details)).toContain('threshold not reached: 1 of 2');

    const third = await vote(pm2Token, 'approve');
    expect(third.body.data).toMatchObject({ votes_cast: 3, approvals: 2, satisfied: true });
    const done = await move(tokenA, task.id, 'done');
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data.task.status).toBe('done');

    const history = await call(api, 'GET', `/api/v1/tasks/${task.id}/history`, { token: tokenA });
    const votes = history.body.data.filter((e: any) => e.action === 'vote_cast');
    expect(votes).toHaveLength(4);
    // the replaced vote's comment stays in the task's history
    expect(votes[1].before).toEqual({ decision: 'reject', comment: 'looked at it' });
    expect(votes[1].after).toEqual({ decision: 'approve', comment: 'fixed now' });
    const sync = await call(api, 'GET', '/api/v1/sync?after=0&limit=1000', { token: tokenA });
    expect(sync.body.data.filter((e: any) => e.type === 'vote.cast' && e.entity_id === task.id)).toHaveLength(
      4,
    );
  });

  it('starts a new round of votes each time the task re-enters a state', async () => {
    const [pm1, pm2] = await Promise.all([
      newUser(api, tenantA, ['project_manager']),
      newUser(api, tenantA, ['project_manager']),
    ]);
    const tokens = [await userToken(pm1), await userToken(pm2)];
    const task = await newTask(tokenA);
    await move(tokenA, task.id, 'in_progress');
    await move(tokenA, task.id, 'review');
    for (const token of tokens)
      await call(api, 'POST', `/api/v1/workflows/${defaultA.id}/vote`, {
        token,
        body: { task_id: task.id, to_state: 'done', decision: 'approve' },
      });
    expect((await move(tokenA, task.id, 'in_progress')).status).toBe(200);
    expect((await move(tokenA, task.id, 'review')).status).toBe(200);
    const stale = await move(tokenA, task.id, 'done');
    expect(stale.status).toBe(422);
    expect(JSON.stringify(stale.body.error.details)).toContain('0 of 2');
  });
});

describe('demo seed', () => {
  it('creates the default workflow of the demo tenant once', async () => {
    const { seedDemo } = await import('../src/cli/seed-demo');
    const first = await seedDemo(api.app, api.config);
    await seedDemo(api.app, api.config);
    const token = await tokenFor(first.tenant as TestTenant);
    const list = await call(api, 'GET', '/api/v1/workflows?limit=100', { token });
    const defaults = list.body.data.filter((w: any) => w.is_default);
    expect(defaults).toHaveLength(1);
    expect(defaults[0].states.map((s: any) => s.key)).toEqual(['todo', 'in_progress', 'review', 'done']);
    expect(defaults[0].transitions.find((t: any) => t.to === 'done').votes.approvals_required).toBe(2);
  });
});

describe('tenant isolation', () => {
  it("answers 404 for another tenant's workflows and tasks on every workflow endpoint", async () => {
    const taskA = await newTask(tokenA);
    const taskB = await newTask(tokenB);
    const workflowB = await createWorkflow(tokenB, simple('B flow'));
    for (const [method, path, body] of [
      ['GET', `/api/v1/workflows/${defaultA.id}`, undefined],
      ['GET', `/api/v1/workflows/${defaultA.id}/states`, undefined],
      ['POST', `/api/v1/workflows/${defaultA.id}/execute`, { task_id: taskB.id, to_state: 'in_progress' }],
      [
        'POST',
        `/api/v1/workflows/${defaultA.id}/vote`,
        { task_id: taskB.id, to_state: 'done', decision: 'approve' },
      ],
      ['POST', `/api/v1/tasks/${taskA.id}/workflow`, { to_state: 'in_progress' }],
      ['POST', `/api/v1/workflows/${workflowB.id}/execute`, { task_id: taskA.id, to_state: 'doing' }],
      ['POST', `/api/v1/tasks/${taskB.id}/workflow`, { to_state: 'doing', workflow_id: defaultA.id }],
    ] as const) {
      const response = await call(api, method, path, { token: tokenB, body });
      expect(response.status, `${method} ${path} ${JSON.stringify(response.body)}`).toBe(404);
    }
    const list = await call(api, 'GET', '/api/v1/workflows?limit=100', { token: tokenB });
    expect(list.body.data.map((w: any) => w.id)).toEqual([workflowB.id]);
    // tenant B has no default workflow: attaching needs an explicit workflow
    const noDefault = await call(api, 'POST', `/api/v1/tasks/${taskB.id}/workflow`, {
      token: tokenB,
      body: { to_state: 'doing' },
    });
    expect(noDefault.status).toBe(422);
    const unchanged = await call(api, 'GET', `/api/v1/tasks/${taskA.id}`, { token: tokenA });
    expect(unchanged.body.data.version).toBe(taskA.version);
  });
});

describe('certification guard', () => {
  /** What the certification status feed would store for a certification of the task (the API's copy). */
  async function feedStatus(
    taskId: string,
    status: CertificationStatus,
    position: number,
    id = randomUUID(),
  ) {
    await runInTenant(tenantA.id, () =>
      api.app.get(UnitOfWork).run(() =>
        api.app.get(CertificationProjectionRepository).applyStatus({
          id,
          taskId,
          number: `RC-2026-${String(position).padStart(6, '0')}`,
          status,
          riskScore: 0.2,
          policyKey: 'default',
          provider: 'openai',
          model: 'gpt-4o',
          failedRules: [],
          createdBy: 'user:someone',
          certificationCreatedAt: new Date(Date.now() + position),
          expiresAt: null,
          statusReason: null,
          statusActorType: 'system',
          statusActorId: null,
          statusAt: new Date(),
          feedPosition: String(position),
        }),
      ),
    );
    return id;
  }

  it('lets a task enter a certification-gated state only with a valid latest certification, read without a network call', async () => {
    const gated = await createWorkflow(tokenA, {
      ...simple('Certified delivery'),
      states: [
        { key: 'open', name: 'Open', category: 'todo' },
        { key: 'doing', name: 'Doing', category: 'in_progress' },
        { key: 'closed', name: 'Closed', category: 'done', requires_certification: true },
      ],
    });
    const task = await newTask(tokenA);
    const run = (to: string) =>
      call(api, 'POST', `/api/v1/workflows/${gated.id}/execute`, {
        token: tokenA,
        body: { task_id: task.id, to_state: to },
      });
    expect((await run('doing')).status).toBe(200);
    const refused = await run('closed');
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('no valid certification');

    const pending = await feedStatus(task.id, 'pending_review', 1_000_001);
    const stillPending = await run('closed');
    expect(stillPending.status).toBe(422);
    expect(JSON.stringify(stillPending.body)).toContain('is pending_review');
    // an older event of the same certification (a replay) does not overwrite the newer status
    await feedStatus(task.id, 'approved', 1_000_003, pending);
    await feedStatus(task.id, 'rejected', 1_000_002, pending);
    const got = await call(api, 'GET', `/api/v1/tasks/${task.id}`, { token: tokenA });
    expect(got.body.data.certification).toEqual({
      id: pending,
      number: 'RC-2026-1000001',
      status: 'approved',
      risk_score: 0.2,
    });
    const allowed = await run('closed');
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect(allowed.body.data.task.status).toBe('done');
    const history = await call(api, 'GET', `/api/v1/tasks/${task.id}/history`, { token: tokenA });
    expect(history.body.data.at(-1).metadata.certification_id).toBe(pending);

    // a task whose latest certification was revoked is not certified
    const other = await newTask(tokenA);
    const runOther = (to: string) =>
      call(api, 'POST', `/api/v1/workflows/${gated.id}/execute`, {
        token: tokenA,
        body: { task_id: other.id, to_state: to },
      });
    expect((await runOther('doing')).status).toBe(200);
    await feedStatus(other.id, 'approved', 1_000_004);
    await feedStatus(other.id, 'revoked', 1_000_005);
    const revoked = await runOther('closed');
    expect(revoked.status).toBe(422);
    expect(JSON.stringify(revoked.body)).toContain('is revoked');
    // another tenant's token never sees the task or its certification
    expect((await call(api, 'GET', `/api/v1/tasks/${task.id}`, { token: tokenB })).status).toBe(404);
  });
});
