import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
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

const USER_SCOPES = 'openid work-logs:read work-logs:write tasks:read';
const CLIENT_SCOPES = ['programs:write', 'tasks:write', 'work-logs:read', 'work-logs:write'];

let api: RunningApi;
let tenantA: TestTenant;
let tenantB: TestTenant;
let member: TestUser;
let other: TestUser;
let manager: TestUser;
let memberToken: string;
let otherToken: string;
let managerToken: string;
let managerBToken: string;
let clientA: string;
let taskId: string;

async function userToken(user: TestUser): Promise<string> {
  return (await exchangeCode(await signInWithPkce(api, user, USER_SCOPES))).access_token;
}

const log = (token: string, body: Record<string, unknown>) =>
  call(api, 'POST', '/api/v1/work-logs', {
    token,
    body: { task_id: taskId, duration_minutes: 60, currency: 'EUR', rate_minor: 6000, ...body },
  });

beforeAll(async () => {
  api = await startApi();
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  [tenantA, tenantB] = await Promise.all([newTenant(api), newTenant(api)]);
  [member, other, manager] = await Promise.all([
    newUser(api, tenantA, ['member']),
    newUser(api, tenantA, ['member']),
    newUser(api, tenantA, ['project_manager']),
  ]);
  const managerB = await newUser(api, tenantB, ['project_manager']);
  [memberToken, otherToken, managerToken, managerBToken] = await Promise.all(
    [member, other, manager, managerB].map(userToken),
  );
  clientA = await clientToken(api, await newClient(api, tenantA, CLIENT_SCOPES), CLIENT_SCOPES);
  const program = await call(api, 'POST', '/api/v1/programs', { token: clientA, body: { name: 'Time' } });
  const task = await call(api, 'POST', '/api/v1/tasks', {
    token: clientA,
    body: { program_id: program.body.data.id, title: 'Build' },
  });
  expect(task.status).toBe(201);
  taskId = task.body.data.id;
});
afterAll(async () => api?.close());

describe('work logs', () => {
  it('files logs into the ISO-week card of their owner; people see only their own, managers see all', async () => {
    const created = await log(memberToken, { work_date: '2026-03-16', duration_minutes: 120 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({ user_id: member.id, duration_minutes: 120, rate_minor: 6000 });
    expect(created.headers.get('etag')).toBe('"1"');
    const sunday = await log(memberToken, { work_date: '2026-03-22', duration_minutes: 30, billable: false });
    expect(sunday.body.data.time_card_id).toBe(created.body.data.time_card_id);
    const nextWeek = await log(memberToken, { work_date: '2026-03-23' });
    expect(nextWeek.body.data.time_card_id).not.toBe(created.body.data.time_card_id);

    const card = await call(api, 'GET', `/api/v1/time-cards/${created.body.data.time_card_id}`, {
      token: memberToken,
    });
    expect(card.body.data).toMatchObject({ iso_week: '2026-W12', week_start: '2026-03-16', status: 'draft' });
    expect(card.body.data.totals).toEqual({ log_count: 2, total_minutes: 150, billable_minutes: 120 });

    const id = created.body.data.id;
    expect((await call(api, 'GET', `/api/v1/work-logs/${id}`, { token: otherToken })).status).toBe(404);
    expect(
      (await call(api, 'PATCH', `/api/v1/work-logs/${id}`, { token: otherToken, body: {} })).status,
    ).toBe(404);
    const otherList = await call(api, 'GET', '/api/v1/work-logs', { token: otherToken });
    expect(otherList.body.data).toEqual([]);
    expect(
      (await call(api, 'GET', `/api/v1/work-logs?filter[user]=${member.id}`, { token: otherToken })).status,
    ).toBe(403);
    expect((await log(otherToken, { work_date: '2026-03-16', user_id: member.id })).status).toBe(403);

    const all = await call(api, 'GET', `/api/v1/work-logs?filter[user]=${member.id}&sort=work_date`, {
      token: managerToken,
    });
    expect(all.body.data.map((l: any) => l.work_date)).toEqual(['2026-03-16', '2026-03-22', '2026-03-23']);
    const billable = await call(
      api,
      'GET',
      `/api/v1/work-logs?filter[user]=${member.id}&filter[billable]=false`,
      {
        token: managerToken,
      },
    );
    expect(billable.body.data.map((l: any) => l.id)).toEqual([sunday.body.data.id]);

    const edited = await call(api, 'PATCH', `/api/v1/work-logs/${id}`, {
      token: memberToken,
      body: { duration_minutes: 90 },
      headers: { 'if-match': '"1"' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data.duration_minutes).toBe(90);
    const stale = await call(api, 'PATCH', `/api/v1/work-logs/${id}`, {
      token: memberToken,
      body: { duration_minutes: 10 },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(
      (await call(api, 'DELETE', `/api/v1/work-logs/${nextWeek.body.data.id}`, { token: memberToken }))
        .status,
    ).toBe(204);
  });

  it('refuses malformed and boundary input with field details', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ work_date: '2026-03-16', duration_minutes: 0 }, 'duration_minutes'],
      [{ work_date: '2026-03-16', duration_minutes: 1441 }, 'duration_minutes'],
      [{ work_date: '2026-03-16', duration_minutes: 1.5 }, 'duration_minutes'],
      [{ work_date: '2026-02-30' }, 'work_date'],
      [{ work_date: '16.03.2026' }, 'work_date'],
      [{ work_date: '2026-03-16', task_id: 'nope' }, 'task_id'],
      [{ work_date: '2026-03-16', task_id: '00000000-0000-4000-8000-000000000000' }, 'task_id'],
      [{ work_date: '2026-03-16', currency: 'XXX' }, 'currency'],
      [{ work_date: '2026-03-16', rate_minor: -1 }, 'rate_minor'],
      [{ work_date: '2026-03-16', rate_minor: 2 ** 60 }, 'rate_minor'],
      [{ work_date: '2026-03-16', billable: 'yes' }, 'billable'],
      [{ work_date: '2026-03-16', user_id: 42 }, 'user_id'],
      [{ work_date: '2026-03-16', extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const response = await log(memberToken, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
      expect(response.body.error.details.map((d: any) => d.field)).toContain(field);
    }
    const badJson = await call(api, 'POST', '/api/v1/work-logs', { token: memberToken, body: '{"task_id":' });
    expect(badJson.status).toBe(400);
    const badFilter = await call(api, 'GET', '/api/v1/work-logs?filter[from]=yesterday&filter[billable]=1', {
      token: memberToken,
    });
    expect(badFilter.status).toBe(422);
    expect(badFilter.body.error.details.map((d: any) => d.field).sort()).toEqual([
      'filter[billable]',
      'filter[from]',
    ]);
    const reject = await call(api, 'POST', `/api/v1/time-cards/${taskId}/reject`, {
      token: managerToken,
      body: { reason: '   ' },
    });
    expect(reject.status).toBe(422);
    expect(reject.body.error.details[0].field).toBe('reason');
    expect((await call(api, 'GET', '/api/v1/time-cards/not-a-uuid', { token: memberToken })).status).toBe(
      404,
    );
  });
});

describe('time cards', () => {
  it('submit, reject, resubmit, approve by another manager; approved time is locked; audited; event published', async () => {
    const first = await log(memberToken, { work_date: '2026-04-06', duration_minutes: 240 });
    const cardId = first.body.data.time_card_id;
    const path = (action: string) => `/api/v1/time-cards/${cardId}/${action}`;

    expect((await call(api, 'POST', path('approve'), { token: managerToken })).status).toBe(422); // draft
    expect((await call(api, 'POST', path('submit'), { token: managerToken })).status).toBe(403); // not owner
    expect((await call(api, 'POST', path('approve'), { token: otherToken })).status).toBe(403); // no permission
    const submitted = await call(api, 'POST', path('submit'), { token: memberToken });
    expect(submitted.status).toBe(200);
    expect(submitted.body.data.status).toBe('submitted');

    const locked = await call(api, 'PATCH', `/api/v1/work-logs/${first.body.data.id}`, {
      token: memberToken,
      body: { duration_minutes: 1 },
    });
    expect(locked.status).toBe(422);
    expect(locked.body.error.details[0].field).toBe('time_card_id');

    const rejected = await call(api, 'POST', path('reject'), {
      token: managerToken,
      body: { reason: 'Split by task please' },
    });
    expect(rejected.body.data).toMatchObject({
      status: 'rejected',
      rejection_reason: 'Split by task please',
    });
    const fixed = await call(api, 'PATCH', `/api/v1/work-logs/${first.body.data.id}`, {
      token: memberToken,
      body: { duration_minutes: 200 },
    });
    expect(fixed.status).toBe(200);
    expect((await call(api, 'POST', path('submit'), { token: memberToken })).status).toBe(200);
    const approved = await call(api, 'POST', path('approve'), { token: managerToken });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ status: 'approved', decided_by: manager.id });
    expect(approved.body.data.totals.total_minutes).toBe(200);
    expect((await call(api, 'POST', path('approve'), { token: managerToken })).status).toBe(422);

    // Approved time is locked: no edit, no delete, no new log in that week, no move into it.
    const attempts = [
      await call(api, 'PATCH', `/api/v1/work-logs/${first.body.data.id}`, {
        token: memberToken,
        body: { description: 'later' },
      }),
      await call(api, 'DELETE', `/api/v1/work-logs/${first.body.data.id}`, { token: memberToken }),
      await call(api, 'DELETE', `/api/v1/work-logs/${first.body.data.id}`, { token: managerToken }),
      await log(memberToken, { work_date: '2026-04-08' }),
    ];
    const elsewhere = await log(memberToken, { work_date: '2026-04-20' });
    attempts.push(
      await call(api, 'PATCH', `/api/v1/work-logs/${elsewhere.body.data.id}`, {
        token: memberToken,
        body: { work_date: '2026-04-07' },
      }),
    );
    for (const attempt of attempts) {
      expect(attempt.status, JSON.stringify(attempt.body)).toBe(422);
      expect(attempt.body.error.code).toBe('UNPROCESSABLE');
    }
    const still = await call(api, 'GET', `/api/v1/work-logs/${first.body.data.id}`, { token: memberToken });
    expect(still.body.data).toMatchObject({ duration_minutes: 200, description: '' });

    const db = api.app.get(DataSource);
    const audit = await db.query(
      `SELECT action FROM audit_outbox WHERE tenant_id = $1 AND entity_type = 'time_card' AND entity_id = $2
        ORDER BY position`,
      [tenantA.id, cardId],
    );
    expect(audit.map((a: any) => a.action)).toEqual(['submitted', 'rejected', 'submitted', 'approved']);
    const logAudit = await db.query(
      `SELECT action FROM audit_outbox WHERE tenant_id = $1 AND entity_id = $2 ORDER BY position`,
      [tenantA.id, first.body.data.id],
    );
    expect(logAudit.map((a: any) => a.action)).toEqual(['created', 'updated']);
    const events = await db.query(
      `SELECT type, channels, payload FROM domain_events WHERE tenant_id = $1 AND entity_id = $2
        ORDER BY sequence`,
      [tenantA.id, cardId],
    );
    // every decision is live for the owner and the managers (never on a task channel)
    expect(events.map((e: any) => e.type)).toEqual([
      'timecard.submitted',
      'timecard.rejected',
      'timecard.submitted',
      'timecard.approved',
    ]);
    for (const event of events) expect(event.channels).toEqual([`user.${member.id}`, `tenant.${tenantA.id}`]);
  });

  it('nobody approves their own card, and an empty card cannot be submitted', async () => {
    const own = await log(managerToken, { work_date: '2026-05-04' });
    const cardId = own.body.data.time_card_id;
    expect(
      (await call(api, 'POST', `/api/v1/time-cards/${cardId}/submit`, { token: managerToken })).status,
    ).toBe(200);
    const self = await call(api, 'POST', `/api/v1/time-cards/${cardId}/approve`, { token: managerToken });
    expect(self.status).toBe(403);
    expect((await call(api, 'POST', `/api/v1/time-cards/${cardId}/approve`, { token: clientA })).status).toBe(
      200,
    );

    const lone = await log(memberToken, { work_date: '2026-06-01' });
    await call(api, 'DELETE', `/api/v1/work-logs/${lone.body.data.id}`, { token: memberToken });
    const empty = await call(api, 'POST', `/api/v1/time-cards/${lone.body.data.time_card_id}/submit`, {
      token: memberToken,
    });
    expect(empty.status).toBe(422);
    expect(empty.body.error.details[0].field).toBe('work_logs');

    const mine = await call(api, 'GET', '/api/v1/time-cards?filter[status]=approved', { token: memberToken });
    expect(mine.body.data.every((c: any) => c.user_id === member.id)).toBe(true);
    expect(mine.body.data.length).toBe(1);
    const bad = await call(api, 'GET', '/api/v1/time-cards?filter[status]=done&filter[week]=W12', {
      token: managerToken,
    });
    expect(bad.status).toBe(422);
  });

  it('isolates tenants: another tenant’s manager sees and decides nothing', async () => {
    const entry = await log(memberToken, { work_date: '2026-07-06' });
    const cardId = entry.body.data.time_card_id;
    await call(api, 'POST', `/api/v1/time-cards/${cardId}/submit`, { token: memberToken });
    const attempts = [
      await call(api, 'GET', `/api/v1/work-logs/${entry.body.data.id}`, { token: managerBToken }),
      await call(api, 'PATCH', `/api/v1/work-logs/${entry.body.data.id}`, { token: managerBToken, body: {} }),
      await call(api, 'DELETE', `/api/v1/work-logs/${entry.body.data.id}`, { token: managerBToken }),
      await call(api, 'GET', `/api/v1/time-cards/${cardId}`, { token: managerBToken }),
      await call(api, 'POST', `/api/v1/time-cards/${cardId}/approve`, { token: managerBToken }),
      await call(api, 'POST', `/api/v1/time-cards/${cardId}/reject`, {
        token: managerBToken,
        body: { reason: 'x' },
      }),
    ];
    for (const attempt of attempts) expect(attempt.status).toBe(404);
    const foreignTask = await log(managerBToken, { work_date: '2026-07-06' });
    expect(foreignTask.status).toBe(422);
    expect(foreignTask.body.error.details[0].field).toBe('task_id');
    expect((await call(api, 'GET', '/api/v1/work-logs', { token: managerBToken })).body.data).toEqual([]);
    expect((await call(api, 'GET', '/api/v1/time-cards', { token: managerBToken })).body.data).toEqual([]);
    const card = await call(api, 'GET', `/api/v1/time-cards/${cardId}`, { token: managerToken });
    expect(card.body.data.status).toBe('submitted');
  });
});
