/* eslint-disable @nx/enforce-module-boundaries --
 * Integration test support only: it boots the real API (apps/api test support) to issue real tokens.
 * Application code never imports another app.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as client from 'openid-client';
import { Client } from 'pg';
import { inject } from 'vitest';
import { ClientCredentialsTokenSource, parseConfig, runInTenant } from '@oversing/platform';
import { freePort } from '@oversing/testing';
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
} from '../../../api/test/support/api-harness';
import { BrowserSession, csrfTokenIn } from '../../../api/test/support/browser-session';
import { discover, WEB_REDIRECT_URI } from '../../../api/test/support/oauth-flows';
import { OAuthClientRepository } from '../../../api/src/oauth/oauth-client.repository';
import {
  CertificationConfig,
  certificationConfigSchema,
  resolveCertificationConfig,
} from '../../src/certification.config';
import type { Queue } from 'bullmq';
import { createCertificationApp } from '../../src/certification-app';
import { CERTIFICATION_MAINTENANCE_QUEUE } from '../../src/log/certification-maintenance.processor';
import { TransparencyLog } from '../../src/log/transparency-log.service';
import { PoliciesService, PolicyInput, PolicyView } from '../../src/policy/policies.service';

export { call, clientToken, newClient, newTenant, newUser, startApi };
export type { RunningApi, TestTenant, TestUser };

export const CERTIFICATION_AUDIENCE = 'urn:oversing:certification';

export interface RunningCertification {
  url: string;
  app: NestFastifyApplication;
  config: CertificationConfig;
  close(): Promise<void>;
}

/** Boots the certification service against the run's audit database, trusting the test API's JWKS. */
export async function startCertification(
  api: RunningApi,
  overrides: Record<string, string> = {},
): Promise<RunningCertification> {
  const port = overrides.PORT ? Number(overrides.PORT) : await freePort();
  const config = resolveCertificationConfig(
    parseConfig(certificationConfigSchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: String(port),
      AUDIT_DATABASE_URL: inject('auditDatabaseUrl'),
      AUDIT_DATABASE_POOL_SIZE: '5',
      REDIS_URL: inject('redisUrl'),
      OAUTH_ISSUER: api.url,
      CHECKPOINT_INTERVAL_SECONDS: '3600',
      // its own BullMQ keys, so instances of other runs on the same Redis never take its jobs
      BULLMQ_PREFIX: `cert-${randomUUID().slice(0, 8)}`,
      ...overrides,
    }),
  );
  const app = await createCertificationApp(config);
  await app.listen(port, '127.0.0.1');
  const close = async (): Promise<void> => {
    // the queue's keys (its job schedulers included) belong to this instance only
    await app
      .get<Queue>(getQueueToken(CERTIFICATION_MAINTENANCE_QUEUE))
      .obliterate({ force: true })
      .catch(() => undefined);
    await app.close();
  };
  return { url: `http://127.0.0.1:${port}`, app, config, close };
}

/** A client-credentials token for the certification service with the given scopes. */
export async function certificationClientToken(
  api: RunningApi,
  tenant: TestTenant,
  scopes: string[],
): Promise<string> {
  const created = await newClient(api, tenant, scopes);
  return clientToken(api, created, scopes, CERTIFICATION_AUDIENCE);
}

/**
 * The audit relay's credentials for one tenant: a token of an internal service account of this test
 * file's own (the only principal that may attribute events to users) and the header naming the tenant.
 */
export async function relayCredentials(
  api: RunningApi,
  tenant: TestTenant,
): Promise<{ token: string; headers: Record<string, string> }> {
  const id = `oversing-internal-${randomUUID().slice(0, 8)}`;
  const secret = `relay-secret-${randomUUID()}`;
  await api.app.get(OAuthClientRepository).upsertInternalClient(id, secret);
  const token = await new ClientCredentialsTokenSource({
    tokenUrl: `${api.url}/oauth/token`,
    clientId: id,
    clientSecret: secret,
    scope: 'audit:write audit:read',
    resource: CERTIFICATION_AUDIENCE,
  }).token();
  return { token, headers: { 'x-oversing-tenant': tenant.id } };
}

/** A user access token for the certification service (authorization code + PKCE through the real sign-in page). */
export async function certificationUserToken(
  api: RunningApi,
  user: Pick<TestUser, 'email' | 'password'>,
  scope = 'openid certifications:read certifications:write audit:read',
): Promise<string> {
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  const config = await discover(api);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: WEB_REDIRECT_URI,
    scope,
    resource: CERTIFICATION_AUDIENCE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const browser = new BrowserSession();
  const page = await browser.follow(authUrl.toString(), api.url);
  const html = await page.response.text();
  if (page.response.status !== 200)
    throw new Error(
      `sign-in page: ${page.response.status} ${/<p>([^<]*)<\/p>/.exec(html.slice(html.indexOf('role="alert"')))?.[1] ?? html.slice(-500)}`,
    );
  const login = await browser.follow(`${page.url}/login`, api.url, {
    method: 'POST',
    form: { _csrf: csrfTokenIn(html), email: user.email, password: user.password },
  });
  const tokens = await client.authorizationCodeGrant(
    config,
    new URL(login.url),
    { pkceCodeVerifier: verifier, expectedState: state },
    { resource: CERTIFICATION_AUDIENCE },
  );
  return tokens.access_token;
}

/** JSON request against the certification service. */
export function callCert(
  cert: RunningCertification,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): ReturnType<typeof call> {
  return call({ url: cert.url } as RunningApi, method, path, options);
}

/** Creates a policy version directly through the service (as the tenant). */
export function newPolicy(
  cert: RunningCertification,
  tenant: TestTenant,
  input: PolicyInput,
): Promise<PolicyView> {
  return runInTenant(tenant.id, () => cert.app.get(PoliciesService).save(input));
}

/** Signs a checkpoint now (the service does it on a timer). */
export async function checkpointNow(cert: RunningCertification): Promise<{ size: number; note: string }> {
  return cert.app.get(TransparencyLog).checkpoint();
}

/** Runs SQL as the superuser of the audit database (to play the attacker who bypasses triggers). */
export async function asSuperuser<T>(fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: inject('auditDatabaseUrl') });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** Runs SQL as the service's application role. */
export async function asAppRole<T>(fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: inject('auditDatabaseUrl'), options: '-c role=runcible_app' });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
