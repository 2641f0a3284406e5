import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientCredentialsTokenSource } from '@oversing/platform';
import type { AuditEventContract } from '@oversing/contracts';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration tests boot the real API (test support only)
import { OAuthClientRepository } from '../../api/src/oauth/oauth-client.repository';
import {
  callCert,
  CERTIFICATION_AUDIENCE,
  certificationClientToken,
  newTenant,
  RunningApi,
  RunningCertification,
  startApi,
  startCertification,
  TestTenant,
} from './support/certification-harness';

let api: RunningApi;
let cert: RunningCertification;
let tenantA: TestTenant;
let tenantB: TestTenant;
let serviceToken: string;
const SECRET = `service-secret-${randomUUID()}`;
// Its own internal client id, so parallel test files never reset each other's secret.
const INTERNAL_CLIENT_ID = `oversing-internal-${randomUUID().slice(0, 8)}`;

function auditEvent(tenant: TestTenant): AuditEventContract {
  return {
    event_id: randomUUID(),
    tenant_id: tenant.id,
    entity_type: 'task',
    entity_id: randomUUID(),
    action: 'updated',
    actor: { type: 'system', id: null },
    ip: null,
    user_agent: null,
    before_state: { title: 'before' },
    after_state: { title: 'after' },
    metadata: {},
    occurred_at: new Date().toISOString(),
  };
}

beforeAll(async () => {
  api = await startApi();
  cert = await startCertification(api);
  [tenantA, tenantB] = [await newTenant(api), await newTenant(api)];
  await api.app.get(OAuthClientRepository).upsertInternalClient(INTERNAL_CLIENT_ID, SECRET);
  serviceToken = await new ClientCredentialsTokenSource({
    tokenUrl: `${api.url}/oauth/token`,
    clientId: INTERNAL_CLIENT_ID,
    clientSecret: SECRET,
    scope: 'audit:write certifications:read',
    resource: CERTIFICATION_AUDIENCE,
  }).token();
});
afterAll(async () => {
  await cert?.close();
  await api?.close();
});

describe('the internal service account', () => {
  it('carries no tenant of its own and may only ask for the certification audience', async () => {
    const claims = JSON.parse(Buffer.from(serviceToken.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({ tenant_id: '*', roles: ['service'], aud: CERTIFICATION_AUDIENCE });
    const forApi = await fetch(`${api.url}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${INTERNAL_CLIENT_ID}:${SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'audit:write',
        resource: 'urn:oversing:api',
      }),
    });
    expect(forApi.status).toBe(400);
    expect(((await forApi.json()) as { error: string }).error).toBe('invalid_target');
  });

  it('delivers audit events of each tenant when it names that tenant, and nothing else', async () => {
    const eventA = auditEvent(tenantA);
    const eventB = auditEvent(tenantB);
    const withoutTenant = await callCert(cert, 'POST', '/api/v1/audit-events', {
      token: serviceToken,
      body: { events: [eventA] },
    });
    expect(withoutTenant.status).toBe(403);
    expect(withoutTenant.body.error.message).toMatch(/x-oversing-tenant/);

    const intoA = await callCert(cert, 'POST', '/api/v1/audit-events', {
      token: serviceToken,
      body: { events: [eventA] },
      headers: { 'x-oversing-tenant': tenantA.id },
    });
    expect(intoA.status).toBe(201);
    expect(intoA.body.data).toEqual({ accepted: 1, duplicates: 0 });

    const mixed = await callCert(cert, 'POST', '/api/v1/audit-events', {
      token: serviceToken,
      body: { events: [eventB] },
      headers: { 'x-oversing-tenant': tenantA.id },
    });
    expect(mixed.status).toBe(403);

    const intoB = await callCert(cert, 'POST', '/api/v1/audit-events', {
      token: serviceToken,
      body: { events: [eventB, eventB] },
      headers: { 'x-oversing-tenant': tenantB.id },
    });
    expect(intoB.body.data).toEqual({ accepted: 1, duplicates: 1 });

    // Each tenant sees only its own event.
    const readerA = await certificationClientToken(api, tenantA, ['audit:read']);
    const listA = await callCert(cert, 'GET', '/api/v1/audit-events?limit=100', { token: readerA });
    const ids = listA.body.data.map((e: { event_id: string }) => e.event_id);
    expect(ids).toContain(eventA.event_id);
    expect(ids).not.toContain(eventB.event_id);
  });

  it('ignores X-Oversing-Tenant from ordinary tenant clients', async () => {
    const clientOfA = await certificationClientToken(api, tenantA, ['audit:write']);
    const response = await callCert(cert, 'POST', '/api/v1/audit-events', {
      token: clientOfA,
      body: { events: [auditEvent(tenantB)] },
      headers: { 'x-oversing-tenant': tenantB.id },
    });
    expect(response.status).toBe(403);
  });
});
