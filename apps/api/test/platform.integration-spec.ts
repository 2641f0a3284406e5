import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRouteMarkers } from '@oversing/platform';
import { call, clientToken, newClient, newTenant, RunningApi, startApi } from './support/api-harness';

let api: RunningApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

const root = join(__dirname, '..', '..', '..');

describe('every route is guarded or explicitly public', () => {
  it('lists all routes and finds none without a marker', () => {
    const routes = listRouteMarkers(api.app);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => r.marker === 'none')).toEqual([]);
  });

  it('keeps the public surface to the intended routes', () => {
    const publicRoutes = listRouteMarkers(api.app)
      .filter((r) => r.marker === 'public')
      .map((r) => `${r.controller}.${r.handler}`)
      .sort();
    expect(publicRoutes).toEqual([
      'AccountPagesController.forgot',
      'AccountPagesController.forgotForm',
      'AccountPagesController.reset',
      'AccountPagesController.resetForm',
      'AuthController.forgot',
      'AuthController.reset',
      'BroadcastingController.authWithSocketToken',
      'ExportsController.download',
      'HealthController.live',
      'HealthController.ready',
      'InteractionController.abort',
      'InteractionController.confirm',
      'InteractionController.login',
      'InteractionController.show',
      'PublicConfigController.get',
      'WitnessController.addCheckpoint',
      'WitnessController.checkpoint',
      'WitnessController.key',
    ]);
  });
});

describe('platform conventions over HTTP', () => {
  it('reports readiness of PostgreSQL and Redis', async () => {
    const response = await call(api, 'GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(
      response.body.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`),
    ).toEqual(['postgres:up', 'redis:up']);
    expect((await call(api, 'GET', '/health/live')).status).toBe(200);
  });

  it('exposes Prometheus HTTP durations by route pattern and status', async () => {
    await call(api, 'GET', '/api/v1/config');
    const metrics = await call(api, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(
      /http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/config"[^}]*status_code="200"/,
    );
  });

  it('echoes a request id and sets security headers', async () => {
    const response = await call(api, 'GET', '/api/v1/config', {
      headers: { 'x-request-id': 'trace-me-123' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-me-123');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await fetch(`${api.url}/api/v1/config`, { headers: { origin: 'http://127.0.0.1:4173' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    const refused = await fetch(`${api.url}/api/v1/config`, { headers: { origin: 'https://evil.example' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the generated OpenAPI document and the docs page', async () => {
    const spec = await call(api, 'GET', '/api/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.paths['/api/v1/users/me']).toBeDefined();
    expect((await fetch(`${api.url}/api/docs`)).status).toBe(200);
  });

  it('answers unknown routes, malformed JSON, unknown fields and wrong content types with the error format', async () => {
    const tenant = await newTenant(api);
    const token = await clientToken(api, await newClient(api, tenant, ['users:write']), ['users:write']);

    const missing = await call(api, 'GET', '/api/v1/nope', { token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');

    const malformed = await call(api, 'POST', '/api/v1/users', {
      token,
      body: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BAD_REQUEST');
    expect(malformed.body.error.message).toMatch(/JSON/);

    const invalid = await call(api, 'POST', '/api/v1/users', {
      token,
      body: { email: 'not-an-email', name: '', password: 'short', admin: true },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('VALIDATION_ERROR');
    const fields = invalid.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'name', 'password', 'admin']));

    for (const body of ['null', '[]', '"text"', '42']) {
      const weird = await call(api, 'POST', '/api/v1/users', {
        token,
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(weird.status, body).toBeGreaterThanOrEqual(400);
      expect(weird.status, body).toBeLessThan(500);
    }

    const xml = await call(api, 'POST', '/api/v1/users', {
      token,
      body: '<user/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.status).toBe(415);
    expect(xml.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const huge = await call(api, 'POST', '/api/v1/users', {
      token,
      body: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
    });
    expect(huge.status).toBe(413);
  });

  it('never answers a malformed id with a 500', async () => {
    const tenant = await newTenant(api);
    const token = await clientToken(api, await newClient(api, tenant, ['users:read']), ['users:read']);
    for (const id of ['not-a-uuid', "1' OR '1'='1", '%00', '00000000-0000-0000-0000-000000000000']) {
      const response = await call(api, 'GET', `/api/v1/users/${encodeURIComponent(id)}`, { token });
      expect(response.status, id).toBe(404);
    }
    const cursor = await call(api, 'GET', '/api/v1/users?cursor=garbage', { token });
    expect(cursor.status).toBe(422);
    expect(cursor.body.error.details[0].field).toBe('cursor');
  });
});

describe('configuration is validated at boot', () => {
  const main = join(root, 'dist/apps/api/src/main.js');
  const boot = (env: Record<string, string>): ReturnType<typeof spawnSync> =>
    spawnSync('node', [main], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 20_000 });

  it('exits non-zero naming each bad variable, without a stack trace', () => {
    expect(existsSync(main), 'build first: node tools/build.mjs').toBe(true);
    const result = boot({ PORT: 'not-a-port', DATABASE_URL: 'mysql://nope' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT: must be a port number/);
    expect(result.stderr).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('requires the key-encryption key and cookie secret in production', () => {
    const result = boot({ NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/KEY_ENCRYPTION_KEY: is required in production/);
    expect(result.stderr).toMatch(/COOKIE_SECRET: is required in production/);
  });

  it('says in one sentence when PostgreSQL cannot be reached', () => {
    const result = boot({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/oversing' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Cannot reach PostgreSQL \(primary\) at .* start it or set the right URL/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
