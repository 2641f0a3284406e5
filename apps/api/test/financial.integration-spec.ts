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

const SCOPES = [
  'programs:write',
  'tasks:write',
  'work-logs:read',
  'work-logs:write',
  'financial:read',
  'financial:write',
];

let api: RunningApi;
let tenantA: TestTenant;
let tokenA: string;
let tokenB: string;
let member: TestUser;
let memberToken: string;
let managerToken: string;
let programId: string;
let contract: any;
let budget: any;
let invoice: any;
const year = new Date().getUTCFullYear();

async function ok(response: Promise<{ status: number; body: any }>, status = 201): Promise<any> {
  const r = await response;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body.data;
}

const post = (token: string, path: string, body?: unknown) => call(api, 'POST', path, { token, body });

async function newProgram(token: string, name: string): Promise<{ programId: string; taskId: string }> {
  const program = await ok(post(token, '/api/v1/programs', { name }));
  const task = await ok(post(token, '/api/v1/tasks', { program_id: program.id, title: `${name} task` }));
  return { programId: program.id, taskId: task.id };
}

/** Logs the member's time (as the member), submits the week and approves it (as the integrator client). */
async function approvedTime(taskId: string, entries: Record<string, unknown>[]): Promise<void> {
  let cardId = '';
  for (const entry of entries)
    cardId = (
      await ok(
        post(memberToken, '/api/v1/work-logs', {
          task_id: taskId,
          currency: 'EUR',
          rate_minor: 6000,
          ...entry,
        }),
      )
    ).time_card_id;
  await ok(post(memberToken, `/api/v1/time-cards/${cardId}/submit`), 200);
  await ok(post(tokenA, `/api/v1/time-cards/${cardId}/approve`), 200);
}

async function approvedExpense(token: string, body: Record<string, unknown>): Promise<any> {
  const expense = await ok(post(token, '/api/v1/financial/expenses', body));
  if (token === managerToken) {
    const own = await post(managerToken, `/api/v1/financial/expenses/${expense.id}/decision`, {
      status: 'approved',
    });
    expect(own.status).toBe(403);
  }
  return ok(post(tokenA, `/api/v1/financial/expenses/${expense.id}/decision`, { status: 'approved' }), 200);
}

beforeAll(async () => {
  api = await startApi();
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  const tenantB = await newTenant(api);
  tenantA = await newTenant(api);
  [tokenA, tokenB] = await Promise.all(
    [tenantA, tenantB].map(async (t) => clientToken(api, await newClient(api, t, SCOPES), SCOPES)),
  );
  member = await newUser(api, tenantA, ['member']);
  memberToken = (
    await exchangeCode(
      await signInWithPkce(api, member, 'openid work-logs:read work-logs:write financial:read'),
    )
  ).access_token;
  const manager = await newUser(api, tenantA, ['project_manager']);
  managerToken = (
    await exchangeCode(await signInWithPkce(api, manager, 'openid financial:read financial:write'))
  ).access_token;
});
afterAll(async () => api?.close());

describe('financial', () => {
  it('drafts an invoice from approved billable time and converted expenses, with exact totals', async () => {
    const p = await newProgram(tokenA, 'Billing');
    programId = p.programId;
    const elsewhere = await newProgram(tokenA, 'Other');
    // Week 2026-W11: billable 90 + 45 + 1 minutes and a non-billable hour; another program's hour.
    await approvedTime(p.taskId, [
      { work_date: '2026-03-09', duration_minutes: 90 },
      { work_date: '2026-03-10', duration_minutes: 45 },
      { work_date: '2026-03-11', duration_minutes: 1 },
      { work_date: '2026-03-12', duration_minutes: 60, billable: false },
      { work_date: '2026-03-12', duration_minutes: 60, task_id: elsewhere.taskId },
    ]);
    // Submitted but never approved: not billable yet.
    const pending = await ok(
      post(memberToken, '/api/v1/work-logs', {
        task_id: p.taskId,
        work_date: '2026-03-17',
        duration_minutes: 600,
        currency: 'EUR',
      }),
    );
    await ok(post(memberToken, `/api/v1/time-cards/${pending.time_card_id}/submit`), 200);

    await ok(
      post(tokenA, '/api/v1/financial/exchange-rates', {
        base_currency: 'EUR',
        quote_currency: 'USD',
        rate_date: '2026-03-01',
        rate: '1.0845',
      }),
    );
    await ok(
      post(tokenA, '/api/v1/financial/exchange-rates', {
        base_currency: 'EUR',
        quote_currency: 'USD',
        rate_date: '2026-04-01',
        numerator: 11,
        denominator: 10,
      }),
    );
    // 100.00 USD on 2026-03-10 at 1 EUR = 1.0845 USD: 10000 × 10000 / 10845 = 9220.84 → 9221 cents.
    await approvedExpense(managerToken, {
      program_id: p.programId,
      expense_date: '2026-03-10',
      amount_minor: 10000,
      currency: 'USD',
      description: 'Workshop room',
    });
    await ok(
      post(tokenA, '/api/v1/financial/expenses', {
        program_id: p.programId,
        expense_date: '2026-03-11',
        amount_minor: 999,
        currency: 'EUR',
        description: 'Not approved',
      }),
    );

    contract = await ok(
      post(tokenA, '/api/v1/financial/contracts', {
        program_id: p.programId,
        client_name: 'ACME GmbH',
        currency: 'EUR',
        hourly_rate_minor: 12000,
        cap_minor: 1_000_000,
      }),
    );
    invoice = await ok(
      post(tokenA, '/api/v1/financial/invoices', {
        contract_id: contract.id,
        period_from: '2026-03-01',
        period_to: '2026-03-31',
        tax_rate_bp: 1900,
      }),
    );
    expect(invoice.status).toBe('draft');
    expect(invoice.number).toBeNull();
    expect(invoice.lines.map((l: any) => [l.kind, l.quantity_minutes, l.amount_minor])).toEqual([
      ['time', 90, 18000],
      ['time', 45, 9000],
      ['time', 1, 200],
      ['expense', null, 9221],
    ]);
    // subtotal 36421; tax 19% = 6919.99 → 6920; total 43341
    expect(invoice).toMatchObject({
      subtotal_minor: 36421,
      tax_minor: 6920,
      total_minor: 43341,
      currency: 'EUR',
    });

    // The same items are never billed twice.
    const again = await post(tokenA, '/api/v1/financial/invoices', {
      contract_id: contract.id,
      period_from: '2026-03-01',
      period_to: '2026-03-31',
      tax_rate_bp: 1900,
    });
    expect(again.status).toBe(422);

    const edited = await ok(
      call(api, 'PATCH', `/api/v1/financial/invoices/${invoice.id}`, {
        token: tokenA,
        body: { tax_rate_bp: 700 },
      }),
      200,
    );
    expect(edited).toMatchObject({ subtotal_minor: 36421, tax_minor: 2549, total_minor: 38970 });
  });

  it('reports planned vs actual from approved billable time and approved expenses', async () => {
    budget = await ok(
      post(tokenA, '/api/v1/financial/budgets', {
        program_id: programId,
        planned_minor: 100000,
        currency: 'EUR',
      }),
    );
    const report = await ok(
      call(api, 'GET', `/api/v1/financial/budgets/${budget.id}`, { token: tokenA }),
      200,
    );
    // cost: (90 + 45 + 1) min × 60.00/h = 9000 + 4500 + 100; expense 9221 → 22821
    expect(report.actual).toEqual({
      time_minor: 13600,
      time_minutes: 136,
      expenses_minor: 9221,
      total_minor: 22821,
    });
    expect(report.remaining_minor).toBe(100000 - 22821);
    const duplicate = await post(tokenA, '/api/v1/financial/budgets', {
      program_id: programId,
      planned_minor: 1,
      currency: 'EUR',
    });
    expect(duplicate.status).toBe(409);

    // A cost in a currency without a rate is reported, never guessed.
    const p = await newProgram(tokenA, 'Yen');
    const yen = await ok(
      post(tokenA, '/api/v1/financial/budgets', {
        program_id: p.programId,
        planned_minor: 1,
        currency: 'EUR',
      }),
    );
    await approvedExpense(managerToken, {
      program_id: p.programId,
      expense_date: '2026-03-10',
      amount_minor: 5000,
      currency: 'JPY',
      description: 'Taxi',
    });
    const missing = await call(api, 'GET', `/api/v1/financial/budgets/${yen.id}`, { token: tokenA });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain('JPY');
  });

  it('issues with a number, then refuses edits; partial payments up to the total; no overpayment', async () => {
    const issued = await ok(post(tokenA, `/api/v1/financial/invoices/${invoice.id}/issue`), 200);
    expect(issued.status).toBe('issued');
    expect(issued.number).toMatch(new RegExp(`^INV-${year}-\\d{4}$`));
    const db = api.app.get(DataSource);
    const events = await db.query(
      `SELECT type FROM domain_events WHERE tenant_id = $1 AND entity_id = $2 ORDER BY sequence`,
      [tenantA.id, invoice.id],
    );
    // every change is live for financial readers: the draft, its tax edit, its issue
    expect(events.map((e: any) => e.type)).toEqual(['invoice.created', 'invoice.updated', 'invoice.issued']);

    for (const attempt of [
      await call(api, 'PATCH', `/api/v1/financial/invoices/${invoice.id}`, {
        token: tokenA,
        body: { notes: 'x' },
      }),
      await call(api, 'DELETE', `/api/v1/financial/invoices/${invoice.id}`, { token: tokenA }),
      await post(tokenA, `/api/v1/financial/invoices/${invoice.id}/issue`),
    ]) {
      expect(attempt.status).toBe(422);
      expect(attempt.body.error.details[0].field).toBe('status');
    }
    const partial = await ok(
      post(tokenA, `/api/v1/financial/invoices/${invoice.id}/payments`, {
        amount_minor: 30000,
        paid_on: '2026-04-02',
      }),
      200,
    );
    expect(partial).toMatchObject({ status: 'issued', paid_minor: 30000 });
    const over = await post(tokenA, `/api/v1/financial/invoices/${invoice.id}/payments`, {
      amount_minor: 8971,
      paid_on: '2026-04-03',
    });
    expect(over.status).toBe(422);
    expect(over.body.error.details[0]).toEqual({ field: 'amount_minor', message: 'must be at most 8970' });
    expect((await post(tokenA, `/api/v1/financial/invoices/${invoice.id}/void`)).status).toBe(422); // has payments
    const paid = await ok(
      post(tokenA, `/api/v1/financial/invoices/${invoice.id}/payments`, {
        amount_minor: 8970,
        paid_on: '2026-04-03',
      }),
      200,
    );
    expect(paid).toMatchObject({ status: 'paid', paid_minor: 38970 });
    expect(paid.payments.map((x: any) => x.amount_minor)).toEqual([30000, 8970]);
    expect(
      (
        await post(tokenA, `/api/v1/financial/invoices/${invoice.id}/payments`, {
          amount_minor: 1,
          paid_on: '2026-04-04',
        })
      ).status,
    ).toBe(422);
    const audit = await db.query(
      `SELECT action FROM audit_outbox WHERE tenant_id = $1 AND entity_id = $2 ORDER BY position`,
      [tenantA.id, invoice.id],
    );
    expect(audit.map((a: any) => a.action)).toEqual([
      'created',
      'updated',
      'issued',
      'payment_recorded',
      'payment_recorded',
    ]);
  });

  it('numbers invoices gap-free under concurrent issue requests', async () => {
    const tenant = await newTenant(api);
    const token = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
    const p = await newProgram(token, 'Numbers');
    const c = await ok(
      post(token, '/api/v1/financial/contracts', {
        program_id: p.programId,
        client_name: 'Many',
        currency: 'JPY',
        hourly_rate_minor: 10000,
      }),
    );
    const drafts: string[] = [];
    for (let day = 1; day <= 12; day++) {
      const date = `2026-05-${String(day).padStart(2, '0')}`;
      const expense = await ok(
        post(token, '/api/v1/financial/expenses', {
          program_id: p.programId,
          expense_date: date,
          amount_minor: 1000 + day,
          currency: 'JPY',
          description: `Item ${day}`,
        }),
      );
      await ok(post(token, `/api/v1/financial/expenses/${expense.id}/decision`, { status: 'approved' }), 200);
      const draft = await ok(
        post(token, '/api/v1/financial/invoices', {
          contract_id: c.id,
          period_from: date,
          period_to: date,
          tax_rate_bp: 1000,
        }),
      );
      drafts.push(draft.id);
    }
    // Every draft issued twice at once: 12 succeed, 12 are refused, numbers are 1..12 without gaps.
    const responses = await Promise.all(
      [...drafts, ...drafts].map((id) => post(token, `/api/v1/financial/invoices/${id}/issue`)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(12);
    expect(statuses.filter((s) => s === 422)).toHaveLength(12);
    const numbers = responses
      .filter((r) => r.status === 200)
      .map((r) => r.body.data.number)
      .sort();
    expect(numbers).toEqual(
      Array.from({ length: 12 }, (_, i) => `INV-${year}-${String(i + 1).padStart(4, '0')}`),
    );
    const listed = await ok(
      call(api, 'GET', '/api/v1/financial/invoices?filter[status]=issued', { token }),
      200,
    );
    expect(listed).toHaveLength(12);
    // JPY has no minor digits: 1001 + 10% = 100.1 → 100 (half-even) → 1101
    const first = listed.find((i: any) => i.subtotal_minor === 1001);
    expect(first).toMatchObject({ tax_minor: 100, total_minor: 1101 });
  });

  it('refuses malformed and boundary input with field details', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'contracts',
        { program_id: programId, client_name: 'X', currency: 'ABC', hourly_rate_minor: 1 },
        'currency',
      ],
      [
        'contracts',
        { program_id: programId, client_name: 'X', currency: 'eur', hourly_rate_minor: 1 },
        'currency',
      ],
      [
        'contracts',
        { program_id: programId, client_name: 'X', currency: 'EUR', hourly_rate_minor: -1 },
        'hourly_rate_minor',
      ],
      [
        'contracts',
        { program_id: programId, client_name: 'X', currency: 'EUR', hourly_rate_minor: 1.5 },
        'hourly_rate_minor',
      ],
      [
        'contracts',
        { program_id: programId, client_name: 'X', currency: 'EUR', hourly_rate_minor: '100' },
        'hourly_rate_minor',
      ],
      [
        'contracts',
        { program_id: programId, client_name: '  ', currency: 'EUR', hourly_rate_minor: 1 },
        'client_name',
      ],
      [
        'contracts',
        { program_id: 'x', client_name: 'X', currency: 'EUR', hourly_rate_minor: 1 },
        'program_id',
      ],
      [
        'contracts',
        { program_id: programId, client_name: 'X', currency: 'EUR', hourly_rate_minor: 1, cap_minor: -5 },
        'cap_minor',
      ],
      [
        'exchange-rates',
        { base_currency: 'EUR', quote_currency: 'USD', rate_date: '2026-03-01', rate: '1e3' },
        'rate',
      ],
      [
        'exchange-rates',
        { base_currency: 'EUR', quote_currency: 'USD', rate_date: '2026-03-01', rate: '0.0' },
        'rate',
      ],
      [
        'exchange-rates',
        { base_currency: 'EUR', quote_currency: 'USD', rate_date: '2026-03-01', rate: 1.08 },
        'rate',
      ],
      ['exchange-rates', { base_currency: 'EUR', quote_currency: 'USD', rate_date: '2026-03-01' }, 'rate'],
      [
        'exchange-rates',
        {
          base_currency: 'EUR',
          quote_currency: 'USD',
          rate_date: '2026-03-01',
          rate: '1.1',
          numerator: 11,
          denominator: 10,
        },
        'rate',
      ],
      [
        'exchange-rates',
        {
          base_currency: 'EUR',
          quote_currency: 'USD',
          rate_date: '2026-03-01',
          numerator: 1,
          denominator: 0,
        },
        'denominator',
      ],
      [
        'exchange-rates',
        { base_currency: 'EUR', quote_currency: 'EUR', rate_date: '2026-03-01', rate: '1' },
        'quote_currency',
      ],
      [
        'exchange-rates',
        { base_currency: 'EUR', quote_currency: 'USD', rate_date: '2026-02-30', rate: '1' },
        'rate_date',
      ],
      ['budgets', { program_id: programId, planned_minor: -1, currency: 'EUR' }, 'planned_minor'],
      ['budgets', { program_id: programId, planned_minor: 2 ** 60, currency: 'EUR' }, 'planned_minor'],
      [
        'expenses',
        {
          program_id: programId,
          expense_date: '2026-03-01',
          amount_minor: 0,
          currency: 'EUR',
          description: 'x',
        },
        'amount_minor',
      ],
      [
        'expenses',
        { program_id: programId, expense_date: 'today', amount_minor: 1, currency: 'EUR', description: 'x' },
        'expense_date',
      ],
      [
        'expenses',
        {
          program_id: programId,
          expense_date: '2026-03-01',
          amount_minor: 1,
          currency: 'EUR',
          description: '',
        },
        'description',
      ],
      [
        'invoices',
        { contract_id: 'nope', period_from: '2026-03-01', period_to: '2026-03-31', tax_rate_bp: 0 },
        'contract_id',
      ],
      [
        'invoices',
        { contract_id: contract.id, period_from: '2026-03-01', period_to: '2026-03-31', tax_rate_bp: -1 },
        'tax_rate_bp',
      ],
      [
        'invoices',
        { contract_id: contract.id, period_from: '2026-03-31', period_to: '2026-03-01', tax_rate_bp: 0 },
        'period_to',
      ],
      [
        'invoices',
        { contract_id: contract.id, period_from: '2026-02-30', period_to: '2026-03-01', tax_rate_bp: 0 },
        'period_from',
      ],
      [
        'invoices',
        {
          contract_id: contract.id,
          period_from: '2026-03-01',
          period_to: '2026-03-31',
          tax_rate_bp: 0,
          lines: [],
        },
        'lines',
      ],
    ];
    for (const [resource, body, field] of cases) {
      const response = await post(tokenA, `/api/v1/financial/${resource}`, body);
      expect(response.status, `${resource} ${JSON.stringify(body)} ${JSON.stringify(response.body)}`).toBe(
        422,
      );
      expect(response.body.error.details.map((d: any) => d.field)).toContain(field);
    }
    const payment = await post(tokenA, `/api/v1/financial/invoices/${invoice.id}/payments`, {
      amount_minor: 0,
      paid_on: '2026-13-01',
    });
    expect(payment.status).toBe(422);
    expect(payment.body.error.details.map((d: any) => d.field).sort()).toEqual(['amount_minor', 'paid_on']);
    const decision = await post(tokenA, `/api/v1/financial/expenses/${invoice.id}/decision`, {
      status: 'maybe',
    });
    expect(decision.status).toBe(422);
    expect((await post(tokenA, '/api/v1/financial/invoices', '{"contract_id"')).status).toBe(400);
    expect(
      (await call(api, 'GET', '/api/v1/financial/invoices?filter[status]=open', { token: tokenA })).status,
    ).toBe(422);
  });

  it('isolates tenants and requires the financial permissions', async () => {
    const expense = (await ok(call(api, 'GET', '/api/v1/financial/expenses', { token: tokenA }), 200))[0];
    const attempts = [
      call(api, 'GET', `/api/v1/financial/invoices/${invoice.id}`, { token: tokenB }),
      call(api, 'PATCH', `/api/v1/financial/invoices/${invoice.id}`, { token: tokenB, body: {} }),
      call(api, 'DELETE', `/api/v1/financial/invoices/${invoice.id}`, { token: tokenB }),
      post(tokenB, `/api/v1/financial/invoices/${invoice.id}/issue`),
      post(tokenB, `/api/v1/financial/invoices/${invoice.id}/void`),
      post(tokenB, `/api/v1/financial/invoices/${invoice.id}/payments`, {
        amount_minor: 1,
        paid_on: '2026-04-01',
      }),
      call(api, 'GET', `/api/v1/financial/contracts/${contract.id}`, { token: tokenB }),
      call(api, 'PATCH', `/api/v1/financial/contracts/${contract.id}`, {
        token: tokenB,
        body: { cap_minor: null },
      }),
      call(api, 'GET', `/api/v1/financial/budgets/${budget.id}`, { token: tokenB }),
      call(api, 'PATCH', `/api/v1/financial/budgets/${budget.id}`, {
        token: tokenB,
        body: { planned_minor: 1 },
      }),
      call(api, 'GET', `/api/v1/financial/expenses/${expense.id}`, { token: tokenB }),
      post(tokenB, `/api/v1/financial/expenses/${expense.id}/decision`, { status: 'rejected' }),
    ];
    for (const attempt of await Promise.all(attempts)) expect(attempt.status).toBe(404);
    for (const list of ['invoices', 'contracts', 'budgets', 'expenses', 'exchange-rates'])
      expect((await call(api, 'GET', `/api/v1/financial/${list}`, { token: tokenB })).body.data).toEqual([]);
    const foreign = await post(tokenB, '/api/v1/financial/invoices', {
      contract_id: contract.id,
      period_from: '2026-03-01',
      period_to: '2026-03-31',
      tax_rate_bp: 0,
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details[0].field).toBe('contract_id');
    // A member (no financial:write) cannot issue or create contracts.
    expect((await post(memberToken, `/api/v1/financial/invoices/${invoice.id}/issue`)).status).toBe(403);
    const contractResponse = await post(memberToken, '/api/v1/financial/contracts', {
      program_id: programId,
      client_name: 'X',
      currency: 'EUR',
      hourly_rate_minor: 1,
    });
    expect(contractResponse.status).toBe(403);
  });
});
