/*
 * Issue 13: realtime over-shared. Every domain event of a tenant went to the workspace presence channel
 * every member joins (an invoice with its amounts to a member without financial:read), and /sync returned
 * them all. Real API, real realtime server, real laravel-echo + pusher-js clients.
 */
import { randomUUID } from 'node:crypto';
import Echo from 'laravel-echo';
import Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
/* eslint-disable @nx/enforce-module-boundaries */
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
} from '../../api/test/support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from '../../api/test/support/oauth-flows';
import { OAuthClientRepository } from '../../api/src/oauth/oauth-client.repository';
/* eslint-enable @nx/enforce-module-boundaries */
import { newRealtimeApp, RunningRealtime, startRealtime, TestApp } from './support/realtime-harness';

const USER_SCOPES =
  'openid tasks:read tasks:write programs:read financial:read work-logs:read work-logs:write certifications:read users:read';
const WRITER_SCOPES = ['programs:write', 'tasks:write', 'financial:read', 'financial:write'];

let realtime: RunningRealtime;
let api: RunningApi;
let app: TestApp;
let tenant: TestTenant;
let other: TestTenant;
let member: TestUser;
let colleague: TestUser;
let memberToken: string;
let colleagueToken: string;
let managerToken: string;
let writer: string;
const echos: Echo<'pusher'>[] = [];

function echoFor(token: string): Echo<'pusher'> {
  const echo = new Echo<'pusher'>({
    broadcaster: 'pusher',
    key: app.key,
    cluster: 'local',
    wsHost: '127.0.0.1',
    wsPort: realtime.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    authEndpoint: `${api.url}/api/v1/broadcasting/auth`,
    auth: { headers: { Authorization: `Bearer ${token}` } },
    Pusher,
  });
  echos.push(echo);
  return echo;
}

async function until(condition: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const authorize = (token: string, channel: string): Promise<{ status: number; body: any }> =>
  call(api, 'POST', '/api/v1/broadcasting/auth', {
    token,
    body: { socket_id: '1.2', channel_name: channel },
  });

async function ok(response: Promise<{ status: number; body: any }>): Promise<any> {
  const result = await response;
  expect(result.status, JSON.stringify(result.body)).toBeLessThan(300);
  return result.body.data;
}

const post = (token: string, path: string, body?: unknown) => call(api, 'POST', path, { token, body });

/** Issues an invoice for one approved expense: `invoice.issued` carries the invoice with its totals. */
async function issueInvoice(): Promise<string> {
  const program = await ok(post(writer, '/api/v1/programs', { name: `Billing ${randomUUID().slice(0, 4)}` }));
  const contract = await ok(
    post(writer, '/api/v1/financial/contracts', {
      program_id: program.id,
      client_name: 'ACME',
      currency: 'EUR',
      hourly_rate_minor: 10000,
    }),
  );
  const expense = await ok(
    post(writer, '/api/v1/financial/expenses', {
      program_id: program.id,
      expense_date: '2026-05-04',
      amount_minor: 4200,
      currency: 'EUR',
      description: 'Room',
    }),
  );
  await ok(post(writer, `/api/v1/financial/expenses/${expense.id}/decision`, { status: 'approved' }));
  const draft = await ok(
    post(writer, '/api/v1/financial/invoices', {
      contract_id: contract.id,
      period_from: '2026-05-01',
      period_to: '2026-05-31',
      tax_rate_bp: 1000,
    }),
  );
  await ok(post(writer, `/api/v1/financial/invoices/${draft.id}/issue`));
  return draft.id;
}

beforeAll(async () => {
  app = await newRealtimeApp();
  realtime = await startRealtime(`rt-perm-${randomUUID().slice(0, 8)}:`);
  api = await startApi({
    REALTIME_URL: realtime.url,
    REALTIME_APP_ID: app.id,
    REALTIME_APP_KEY: app.key,
    REALTIME_APP_SECRET: app.secret,
  });
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  [tenant, other] = await Promise.all([newTenant(api), newTenant(api)]);
  member = await newUser(api, tenant, ['member']);
  colleague = await newUser(api, tenant, ['member']);
  const manager = await newUser(api, tenant, ['project_manager']);
  memberToken = (await exchangeCode(await signInWithPkce(api, member, USER_SCOPES))).access_token;
  colleagueToken = (await exchangeCode(await signInWithPkce(api, colleague, USER_SCOPES))).access_token;
  managerToken = (await exchangeCode(await signInWithPkce(api, manager, USER_SCOPES))).access_token;
  writer = await clientToken(api, await newClient(api, tenant, WRITER_SCOPES), WRITER_SCOPES);
}, 120_000);

afterAll(async () => {
  for (const echo of echos) echo.disconnect();
  await api?.close();
  await realtime?.close();
});

describe('channel authorization by permission and tenant', () => {
  it('signs a topic channel only for principals of the tenant holding its read permission', async () => {
    expect((await authorize(memberToken, `private-tenant.${tenant.id}.tasks`)).status).toBe(200);
    expect((await authorize(memberToken, `private-tenant.${tenant.id}.financial`)).status).toBe(403);
    expect((await authorize(managerToken, `private-tenant.${tenant.id}.financial`)).status).toBe(200);
    expect((await authorize(managerToken, `private-tenant.${other.id}.tasks`)).status).toBe(403);
    expect((await authorize(managerToken, `private-tenant.${tenant.id}.payroll`)).status).toBe(403);
  });

  it('refuses private-certification.{id} for a certification that is not of the caller tenant', async () => {
    // certifications:read in its own tenant is not enough for an id the tenant does not own
    const response = await authorize(memberToken, `private-certification.${randomUUID()}`);
    expect(response.status).toBe(403);
  });
});

describe('a member without financial:read receives no invoice event by any path', () => {
  it('neither on a socket (workspace, topic channels) nor through GET /api/v1/sync', async () => {
    const memberEvents: string[] = [];
    const managerEvents: string[] = [];
    const refusals: unknown[] = [];
    const memberEcho = echoFor(memberToken);
    const managerEcho = echoFor(managerToken);
    const record = (into: string[]) => (event: string) => into.push(event.replace(/^\./, ''));
    let subscribed = 0;
    memberEcho.join(`workspace.${tenant.id}`).listenToAll(record(memberEvents));
    memberEcho
      .private(`tenant.${tenant.id}.tasks`)
      .subscribed(() => subscribed++)
      .listenToAll(record(memberEvents));
    memberEcho
      .private(`tenant.${tenant.id}.financial`)
      .error((error: unknown) => refusals.push(error))
      .listenToAll(record(memberEvents));
    managerEcho
      .private(`tenant.${tenant.id}.financial`)
      .subscribed(() => subscribed++)
      .listenToAll(record(managerEvents));
    await until(() => subscribed === 2 && refusals.length === 1, 'subscriptions');
    expect(refusals[0]).toMatchObject({ status: 403 });

    const invoiceId = await issueInvoice();
    await until(() => managerEvents.includes('invoice.issued'), 'invoice.issued for the manager');
    // A later event the member may read arrives after the invoice's: by then a leak would have arrived.
    const program = await ok(post(writer, '/api/v1/programs', { name: 'After the invoice' }));
    await ok(post(writer, '/api/v1/tasks', { program_id: program.id, title: 'After the invoice' }));
    await until(() => memberEvents.includes('task.created'), 'task.created for the member');
    expect(memberEvents.filter((e) => e.startsWith('invoice.'))).toEqual([]);

    const memberSync = await call(api, 'GET', '/api/v1/sync?after=0&limit=1000', { token: memberToken });
    expect(memberSync.status).toBe(200);
    expect(memberSync.body.data.map((e: { type: string }) => e.type)).not.toContain('invoice.issued');
    expect(memberSync.body.data.map((e: { type: string }) => e.type)).toContain('task.created');
    const managerSync = await call(api, 'GET', '/api/v1/sync?after=0&limit=1000', { token: managerToken });
    const issued = managerSync.body.data.filter((e: { type: string }) => e.type === 'invoice.issued');
    expect(issued.map((e: { entity_id: string }) => e.entity_id)).toEqual([invoiceId]);
    // the member's cursor still moves past what it may not read
    expect(memberSync.body.meta.last_sequence).toBe(managerSync.body.meta.last_sequence);
  });
});

/** Records every event name a channel delivers, and counts the subscriptions that succeeded. */
function listen(echo: Echo<'pusher'>, channel: string, into: string[], on: { subscribed: number }): void {
  echo
    .private(channel)
    .subscribed(() => on.subscribed++)
    .listenToAll((event: string) => into.push(event.replace(/^\./, '')));
}

describe('work logs and time cards reach their owner and the managers, nobody else', () => {
  it('a member sees neither a colleague’s work logs nor time cards, by socket or by GET /api/v1/sync', async () => {
    // work-logs:read lets a member read their own time only: the topic of everyone's is for managers
    expect((await authorize(memberToken, `private-tenant.${tenant.id}.work-logs`)).status).toBe(403);
    expect((await authorize(managerToken, `private-tenant.${tenant.id}.work-logs`)).status).toBe(200);

    const memberEvents: string[] = [];
    const colleagueEvents: string[] = [];
    const managerEvents: string[] = [];
    const on = { subscribed: 0 };
    listen(echoFor(memberToken), `user.${member.id}`, memberEvents, on);
    const colleagueEcho = echoFor(colleagueToken);
    listen(colleagueEcho, `user.${colleague.id}`, colleagueEvents, on);
    listen(colleagueEcho, `tenant.${tenant.id}.tasks`, colleagueEvents, on);
    listen(echoFor(managerToken), `tenant.${tenant.id}.work-logs`, managerEvents, on);
    await until(() => on.subscribed === 4, 'subscriptions');

    const program = await ok(post(writer, '/api/v1/programs', { name: `Time ${randomUUID().slice(0, 4)}` }));
    const task = await ok(post(writer, '/api/v1/tasks', { program_id: program.id, title: 'Timed' }));
    const logged = await ok(
      post(memberToken, '/api/v1/work-logs', {
        task_id: task.id,
        work_date: '2026-06-01',
        duration_minutes: 90,
        currency: 'EUR',
        rate_minor: 5000,
      }),
    );
    await ok(
      call(api, 'PATCH', `/api/v1/work-logs/${logged.id}`, {
        token: memberToken,
        body: { duration_minutes: 95 },
      }),
    );
    await ok(post(memberToken, `/api/v1/time-cards/${logged.time_card_id}/submit`));
    await ok(post(managerToken, `/api/v1/time-cards/${logged.time_card_id}/reject`, { reason: 'Split it' }));

    const expected = ['work_log.created', 'work_log.updated', 'timecard.submitted', 'timecard.rejected'];
    await until(() => expected.every((e) => managerEvents.includes(e)), 'the time events for the manager');
    await until(() => expected.every((e) => memberEvents.includes(e)), 'the time events for their owner');
    // the colleague's own later log arrives after the member's events: by then a leak would have arrived
    await ok(
      post(colleagueToken, '/api/v1/work-logs', {
        task_id: task.id,
        work_date: '2026-06-02',
        duration_minutes: 30,
        currency: 'EUR',
      }),
    );
    await until(() => colleagueEvents.includes('work_log.created'), 'the colleague’s own work_log.created');
    expect(colleagueEvents.filter((e) => e.startsWith('work_log.') || e.startsWith('timecard.'))).toEqual([
      'work_log.created',
    ]);
    expect(memberEvents.filter((e) => e.startsWith('work_log.')).length).toBe(2);

    const sync = async (token: string) =>
      (await call(api, 'GET', '/api/v1/sync?after=0&limit=1000', { token })).body.data as Array<{
        type: string;
        entity_id: string;
      }>;
    const aboutTheMember = (events: Array<{ type: string; entity_id: string }>) =>
      events.filter((e) => e.entity_id === logged.id || e.entity_id === logged.time_card_id);
    expect(aboutTheMember(await sync(colleagueToken))).toEqual([]);
    expect(aboutTheMember(await sync(memberToken)).map((e) => e.type)).toEqual(expected);
    expect(aboutTheMember(await sync(managerToken)).map((e) => e.type)).toEqual(expected);
  });
});

describe('every change of an invoice is live for financial readers only', () => {
  it('a draft, its issue and a payment reach the manager and never the member', async () => {
    const memberEvents: string[] = [];
    const managerEvents: string[] = [];
    const on = { subscribed: 0 };
    const memberEcho = echoFor(memberToken);
    listen(memberEcho, `tenant.${tenant.id}.tasks`, memberEvents, on);
    listen(memberEcho, `user.${member.id}`, memberEvents, on);
    listen(echoFor(managerToken), `tenant.${tenant.id}.financial`, managerEvents, on);
    await until(() => on.subscribed === 3, 'subscriptions');

    const invoiceId = await issueInvoice();
    await ok(
      post(writer, `/api/v1/financial/invoices/${invoiceId}/payments`, {
        amount_minor: 100,
        paid_on: '2026-06-03',
      }),
    );
    const expected = ['invoice.created', 'invoice.issued', 'invoice.payment_recorded'];
    await until(() => expected.every((e) => managerEvents.includes(e)), 'the invoice events for the manager');
    const program = await ok(post(writer, '/api/v1/programs', { name: 'After the payment' }));
    await ok(post(writer, '/api/v1/tasks', { program_id: program.id, title: 'After the payment' }));
    await until(() => memberEvents.includes('task.created'), 'task.created for the member');
    expect(memberEvents.filter((e) => e.startsWith('invoice.'))).toEqual([]);
    const memberSync = await call(api, 'GET', '/api/v1/sync?after=0&limit=1000', { token: memberToken });
    expect(memberSync.body.data.filter((e: { entity_id: string }) => e.entity_id === invoiceId)).toEqual([]);
  });
});
