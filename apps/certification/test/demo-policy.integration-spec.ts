import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { certificationCommands } from '../src/cli/certification-cli';
import { DEMO_POLICY_KEY } from '../src/policy/demo-policy';
import {
  callCert,
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
let tenant: TestTenant;
let writer: string;
const savedEnv = { ...process.env };

interface SeedResult {
  tenant_id: string;
  key: string;
  version: number;
  hash: string;
  created: boolean;
}

beforeAll(async () => {
  api = await startApi();
  cert = await startCertification(api);
  tenant = await newTenant(api);
  writer = await certificationClientToken(api, tenant, ['certifications:read', 'certifications:write']);
  process.env.AUDIT_DATABASE_URL = inject('auditDatabaseUrl');
  process.env.DATABASE_URL = inject('databaseUrl');
});

afterAll(async () => {
  process.env = savedEnv;
  await cert?.close();
  await api?.close();
});

async function certify(output: string, provider = 'openai'): Promise<any> {
  const response = await callCert(cert, 'POST', '/api/v1/certifications', {
    token: writer,
    body: { input: { prompt: 'Explain' }, output, provider, model: 'gpt-4o', policy_key: DEMO_POLICY_KEY },
  });
  expect(response.status).toBe(201);
  return response.body.data;
}

describe('seed:demo-policy', () => {
  it('creates the demo policy for a tenant found by slug in DATABASE_URL, once', async () => {
    const first = (await certificationCommands['seed:demo-policy']({ tenant: tenant.slug })) as SeedResult;
    expect(first).toMatchObject({ tenant_id: tenant.id, key: DEMO_POLICY_KEY, version: 1, created: true });
    const again = (await certificationCommands['seed:demo-policy']({ 'tenant-id': tenant.id })) as SeedResult;
    expect(again).toEqual({ ...first, created: false });
    await expect(certificationCommands['seed:demo-policy']({ tenant: 'no-such-tenant' })).rejects.toThrow(
      /no tenant "no-such-tenant"/,
    );
    await expect(certificationCommands['seed:demo-policy']({ 'tenant-id': 'nope' })).rejects.toThrow(/uuid/);
  });

  it('the demo policy certifies, routes to review and rejects as documented', async () => {
    await certificationCommands['seed:demo-policy']({ 'tenant-id': tenant.id });
    const clean = await certify('Revenue grew 12% in the third quarter, see the filing [1].');
    expect(clean.status).toBe('certified');
    expect(clean.risk_score).toBe(0);
    expect(clean.expires_at).not.toBeNull();

    const absolute = await certify('Our forecast is guaranteed to hold, per the report [1].');
    expect(absolute.status).toBe('certified');
    expect(absolute.risk_score).toBe(0.3);

    const pii = await certify('Contact jane.doe@example.com for the numbers [2].');
    expect(pii.status).toBe('pending_review');
    const uncited = await certify('Revenue grew twelve percent in the third quarter.');
    expect(uncited.status).toBe('pending_review');

    expect((await certify('Revenue grew, see https://example.com/q3', 'mistral')).status).toBe('rejected');
    expect((await certify('This is CONFIDENTIAL material [1].')).status).toBe('rejected');
    expect((await certify('Short [1]')).status).toBe('rejected');

    const other = await newTenant(api);
    const otherWriter = await certificationClientToken(api, other, ['certifications:write']);
    const foreign = await callCert(cert, 'POST', '/api/v1/certifications', {
      token: otherWriter,
      body: {
        input: {},
        output: 'x'.repeat(30),
        provider: 'openai',
        model: 'm',
        policy_key: DEMO_POLICY_KEY,
      },
    });
    expect(foreign.status).toBe(404);
  });
});
