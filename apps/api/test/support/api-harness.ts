import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import { inject } from 'vitest';
import { parseConfig, runInTenant } from '@oversing/platform';
import { apiConfigSchema, ApiConfig, resolveApiConfig } from '../../src/api.config';
import { createApiApp } from '../../src/api-app';
import { CERTIFICATION_FEED_QUEUE } from '../../src/certifications/certification-feed.processor';
import { CERTIFICATION_REQUESTS_QUEUE } from '../../src/workflows/certification-requests.processor';
import { OAuthClientRepository } from '../../src/oauth/oauth-client.repository';
import { TenantProvisioningService } from '../../src/tenancy/tenant-provisioning.service';
import { UsersService } from '../../src/identity/users.service';
import { freePort } from '@oversing/testing';

export interface RunningApi {
  url: string;
  app: NestFastifyApplication;
  config: ApiConfig;
  close(): Promise<void>;
}

/** Boots the real API (HTTP on a free port) against the run's test database and Redis. */
export async function startApi(overrides: Record<string, string> = {}): Promise<RunningApi> {
  const port = overrides.PORT ? Number(overrides.PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = resolveApiConfig(
    parseConfig(apiConfigSchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      PORT: String(port),
      PUBLIC_API_URL: url,
      PUBLIC_WEB_URL: 'http://127.0.0.1:4173',
      DATABASE_POOL_SIZE: '5',
      LOGIN_MAX_FAILURES_PER_IP: '100000',
      // every test file's requests come from 127.0.0.1 and share the Redis counters
      TOKEN_REQUESTS_PER_MINUTE: '100000',
      // All test files share one database: an instance's sweep would retry other files' certification
      // requests with its own (absent) credentials. Specs that need the sweep turn it on.
      CERTIFICATION_REQUEST_SWEEP_SECONDS: '0',
      // likewise the certification status feed: specs that consume it turn the poll on
      CERTIFICATION_FEED_INTERVAL_MS: '0',
      // its own BullMQ keys, so API instances of other test files on the same Redis never take its jobs
      BULLMQ_PREFIX: `api-${randomUUID().slice(0, 8)}`,
      // its own rate-limit counters: every test file's requests come from 127.0.0.1
      RATE_LIMIT_PREFIX: `ratelimit:test-${randomUUID().slice(0, 8)}:`,
      // test receivers listen on loopback; SSRF specs check what is refused without it
      OUTBOUND_ALLOWLIST: '127.0.0.1/32,::1/128',
      ...overrides,
    }),
  );
  const app = await createApiApp(config);
  await app.listen(port, '127.0.0.1');
  const close = async (): Promise<void> => {
    // the sweep's job scheduler would outlive the instance; a shared prefix's queue belongs to its test
    for (const name of [CERTIFICATION_REQUESTS_QUEUE, CERTIFICATION_FEED_QUEUE])
      await app
        .get<Queue>(getQueueToken(name))
        .obliterate({ force: true })
        .catch(() => undefined);
    await app.close();
  };
  return { url, app, config, close };
}

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestTenant {
  id: string;
  slug: string;
}

/** A fresh tenant with the system roles. */
export async function newTenant(api: RunningApi): Promise<TestTenant> {
  const slug = `t-${randomUUID().slice(0, 12)}`;
  const tenant = await api.app.get(TenantProvisioningService).execute({ slug, name: `Tenant ${slug}` });
  return { id: tenant.id, slug };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  tenantId: string;
}

export async function newUser(
  api: RunningApi,
  tenant: TestTenant,
  roles: string[] = ['member'],
): Promise<TestUser> {
  const email = `u-${randomUUID().slice(0, 12)}@example.test`;
  const user = await runInTenant(tenant.id, () =>
    api.app.get(UsersService).create({ email, name: `User ${email}`, password: TEST_PASSWORD, roles }),
  );
  return { id: String(user.id), email, password: TEST_PASSWORD, tenantId: tenant.id };
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
}

export async function newClient(
  api: RunningApi,
  tenant: TestTenant,
  scopes: string[],
  grantTypes = ['client_credentials'],
): Promise<TestClient> {
  const created = await api.app
    .get(OAuthClientRepository)
    .createIntegrator({ tenantId: tenant.id, name: 'test client', grantTypes, scopes });
  return { clientId: created.client_id, clientSecret: created.client_secret };
}

/** Client credentials at the real token endpoint. */
export async function clientToken(
  api: RunningApi,
  client: TestClient,
  scopes: string[],
  resource?: string,
): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(' ') });
  if (resource) body.set('resource', resource);
  const response = await fetch(`${api.url}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    },
    body,
  });
  const json = (await response.json()) as { access_token?: string };
  if (!response.ok || !json.access_token)
    throw new Error(`token request failed: ${response.status} ${JSON.stringify(json)}`);
  return json.access_token;
}

/** JSON request helper returning status, headers and parsed body. */
export async function call(
  api: RunningApi,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: response.status, headers: response.headers, body };
}
