import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, clientToken, newClient, newTenant, RunningApi, startApi } from './support/api-harness';

/**
 * Attacks on the input boundary (issue 13): each of these answered 500 or an error outside the envelope.
 * Bad input must be a 4xx in the SYSTEM.md envelope, naming the field where there is one.
 */
const SCOPES = ['tasks:read', 'tasks:write', 'programs:read', 'programs:write', 'audit:read'];

let api: RunningApi;
let token: string;
let taskId: string;
let programId: string;

function expectEnvelope(response: { status: number; body: any }, status: number, code: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body?.error?.code, JSON.stringify(response.body)).toBe(code);
  expect(typeof response.body.error.message).toBe('string');
  expect(Array.isArray(response.body.error.details)).toBe(true);
}

function nested(depth: number): string {
  return `{"email":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

beforeAll(async () => {
  api = await startApi();
  const tenant = await newTenant(api);
  token = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
  programId = (await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'Boundary' } })).body.data
    .id;
  taskId = (
    await call(api, 'POST', '/api/v1/tasks', { token, body: { program_id: programId, title: 'Task' } })
  ).body.data.id;
});
afterAll(async () => api?.close());

describe('strings that cannot be stored', () => {
  it('refuses a NUL character in a body field with a 400 naming the field', async () => {
    const response = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'a\u0000b' } });
    expectEnvelope(response, 400, 'BAD_REQUEST');
    expect(response.body.error.details).toEqual([
      { field: 'name', message: 'must not contain NUL characters' },
    ]);
  });

  it('refuses a NUL character in a nested field and in a query value', async () => {
    const body = await call(api, 'PATCH', `/api/v1/tasks/${taskId}`, {
      token,
      body: { llm_output: { input: { deep: ['ok', 'x\u0000'] }, output: 'o', provider: 'p', model: 'm' } },
    });
    expectEnvelope(body, 400, 'BAD_REQUEST');
    expect(body.body.error.details[0].field).toBe('llm_output.input.deep[1]');

    const authed = await call(api, 'GET', '/api/v1/tasks?filter[q]=%00', { token });
    expectEnvelope(authed, 400, 'BAD_REQUEST');
    expect(authed.body.error.details[0].field).toBe('filter[q]');
  });

  it('refuses a lone surrogate, also on the public password/forgot route', async () => {
    const response = await call(api, 'POST', '/api/v1/auth/password/forgot', {
      body: '{"email":"\\ud800@example.test"}',
      headers: { 'content-type': 'application/json' },
    });
    expectEnvelope(response, 400, 'BAD_REQUEST');
    expect(response.body.error.details[0]).toMatchObject({ field: 'email' });
  });
});

describe('nesting and size before validation', () => {
  it('refuses 5,000-level JSON with a 400 on public and protected routes (no stack overflow)', async () => {
    for (const [path, auth] of [
      ['/api/v1/auth/password/forgot', undefined],
      ['/api/v1/programs', token],
    ] as const) {
      const response = await call(api, 'POST', path, {
        token: auth,
        body: nested(5000),
        headers: { 'content-type': 'application/json' },
      });
      expectEnvelope(response, 400, 'BAD_REQUEST');
      expect(response.body.error.message).toMatch(/nested/);
    }
  });

  it('refuses a body over the size limit with a 413 in the envelope', async () => {
    const response = await call(api, 'POST', '/api/v1/programs', {
      token,
      body: { name: 'x'.repeat(1024 * 1024 + 10) },
    });
    expectEnvelope(response, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('null only where the DTO allows it', () => {
  it('answers PATCH task {"title":null} and the other non-nullable fields with 422 naming the field', async () => {
    for (const field of ['title', 'priority', 'status', 'description']) {
      const response = await call(api, 'PATCH', `/api/v1/tasks/${taskId}`, {
        token,
        body: { [field]: null },
      });
      expectEnvelope(response, 422, 'VALIDATION_ERROR');
      expect(response.body.error.details).toEqual([{ field, message: 'must not be null' }]);
    }
    const program = await call(api, 'PATCH', `/api/v1/programs/${programId}`, {
      token,
      body: { name: null },
    });
    expectEnvelope(program, 422, 'VALIDATION_ERROR');
  });

  it('still accepts null where the DTO says nullable (unassign, clear the due date)', async () => {
    const response = await call(api, 'PATCH', `/api/v1/tasks/${taskId}`, {
      token,
      body: { due_date: null, estimate_minutes: null },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  });
});

describe('found by the OpenAPI fuzz', () => {
  it('answers GET /api/v1/reports/time with an invalid `to` and no `from` with 422, not 500', async () => {
    const response = await call(api, 'GET', '/api/v1/reports/time?to=eyJhIjoxfQ', { token });
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain('to');
  });
});

describe('caching of authenticated responses', () => {
  it('marks responses to authenticated requests no-store, errors included, and leaves public ones alone', async () => {
    for (const path of [
      '/api/v1/tasks',
      `/api/v1/tasks/${taskId}`,
      '/api/v1/tasks/00000000-0000-4000-8000-000000000000',
    ]) {
      const response = await call(api, 'GET', path, { token });
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    const config = await call(api, 'GET', '/api/v1/config');
    expect(config.headers.get('cache-control')).not.toBe('no-store');
  });
});

describe('every error in the envelope', () => {
  it('wraps Fastify router errors: malformed percent-encoding and an over-long path parameter', async () => {
    const badUrl = await call(api, 'GET', '/api/v1/tasks/%C0%AE', { token });
    expectEnvelope(badUrl, 400, 'BAD_REQUEST');
    expect(badUrl.headers.get('x-request-id')).toBeTruthy();
    const long = await call(api, 'GET', `/api/v1/tasks/${'a'.repeat(3000)}`, { token });
    expectEnvelope(long, 414, 'URI_TOO_LONG');
  });

  it('answers the rate limiter with 429, retry-after and the envelope', async () => {
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await call(api, 'POST', '/api/v1/auth/password/forgot', {
        body: { email: 'nobody@example.test' },
      });
    }
    expectEnvelope(last!, 429, 'RATE_LIMITED');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps JSON prototype poisoning and malformed JSON in the envelope', async () => {
    for (const body of ['{"__proto__":{"admin":true},"name":"x"}', '{"name":', '{"name":"\\ud83d\\ude00"']) {
      const response = await call(api, 'POST', '/api/v1/programs', {
        token,
        body,
        headers: { 'content-type': 'application/json' },
      });
      expectEnvelope(response, 400, 'BAD_REQUEST');
    }
  });
});
