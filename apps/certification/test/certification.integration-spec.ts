import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import {
  fromBase64,
  leafHash,
  rootFromInclusionProof,
  verifyBundle,
  verifyConsistency,
  parseSignedCheckpointUnverified,
} from '@oversing/verifier';
import { certificationCommands } from '../src/cli/certification-cli';
import {
  asAppRole,
  asSuperuser,
  callCert,
  certificationClientToken,
  certificationUserToken,
  CERTIFICATION_AUDIENCE,
  checkpointNow,
  clientToken,
  newClient,
  newPolicy,
  newTenant,
  newUser,
  relayCredentials,
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

const PROMPT = { prompt: 'Summarise the quarter' };

beforeAll(async () => {
  api = await startApi();
  cert = await startCertification(api);
  tenant = await newTenant(api);
  writer = await certificationClientToken(api, tenant, ['certifications:read', 'certifications:write']);
  await newPolicy(cert, tenant, {
    key: 'default',
    name: 'Default',
    rules: {
      max_length: 2000,
      forbidden_patterns: [{ name: 'secret', pattern: 'TOP SECRET' }],
      pii: { detectors: ['email', 'card', 'iban', 'national_id'], action: 'review', weight: 0.8 },
      allowed_providers: ['openai', 'anthropic'],
    },
    thresholds: { review_above: 0.5 },
  });
});

afterAll(async () => {
  await cert?.close();
  await api?.close();
});

async function certify(
  body: Record<string, unknown>,
  token = writer,
): Promise<{ status: number; body: any }> {
  return callCert(cert, 'POST', '/api/v1/certifications', {
    token,
    body: { input: PROMPT, provider: 'openai', model: 'gpt-4o', policy_key: 'default', ...body },
  });
}

async function trust(): Promise<any> {
  return (await callCert(cert, 'GET', '/api/v1/trust')).body;
}

describe('certify and verify', () => {
  it('certifies a clean output, signs it, logs it, and the bundle verifies offline', async () => {
    const res = await certify({ output: 'Revenue grew 4% [1].', task_id: 'task-1' });
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('certified');
    expect(res.body.data.number).toMatch(/^RC-\d{4}-\d{6}$/);
    const bundle = (
      await callCert(cert, 'GET', `/api/v1/certifications/${res.body.data.id}/bundle`, { token: writer })
    ).body;
    const result = await verifyBundle(bundle, await trust());
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);

    const tampered = await verifyBundle({ ...bundle, output: 'Revenue grew 40% [1].' }, await trust());
    expect(tampered.checks.find((c) => c.name === 'hashes')?.ok).toBe(false);

    const other = await generateKeyPair('RS256', { extractable: true });
    const wrongTrust = {
      ...(await trust()),
      certificate_keys: [{ ...(await exportJWK(other.publicKey)), kid: 'x' }],
    };
    expect((await verifyBundle(bundle, wrongTrust)).checks.find((c) => c.name === 'signature')?.ok).toBe(
      false,
    );

    const verified = await callCert(cert, 'POST', `/api/v1/certifications/${res.body.data.id}/verify`, {
      token: writer,
    });
    expect(verified.status).toBe(200);
    expect(verified.body.data.ok).toBe(true);
  });

  it('the RFC 3161 timestamp token verifies with openssl ts -verify against the TSA certificate', async () => {
    const res = await certify({ output: 'Timestamped output' });
    const bundle = (
      await callCert(cert, 'GET', `/api/v1/certifications/${res.body.data.id}/bundle`, { token: writer })
    ).body;
    const dir = mkdtempSync(join(tmpdir(), 'runcible-ts-'));
    writeFileSync(join(dir, 'token.der'), Buffer.from(bundle.timestamp_token, 'base64'));
    writeFileSync(join(dir, 'data.bin'), bundle.certificate.jws);
    writeFileSync(join(dir, 'tsa.pem'), (await trust()).tsa_certificates[0]);
    const verify = (data: string): string =>
      execFileSync(
        'openssl',
        [
          'ts',
          '-verify',
          '-token_in',
          '-in',
          join(dir, 'token.der'),
          '-data',
          data,
          '-CAfile',
          join(dir, 'tsa.pem'),
          '-untrusted',
          join(dir, 'tsa.pem'),
        ],
        { encoding: 'utf8', stdio: 'pipe' },
      );
    expect(verify(join(dir, 'data.bin'))).toContain('Verification: OK');
    writeFileSync(join(dir, 'other.bin'), `${bundle.certificate.jws}x`);
    expect(() => verify(join(dir, 'other.bin'))).toThrow();
  });

  it('numbers certificates gap-free per tenant under concurrency (group commit)', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => certify({ output: `Answer number ${i}` })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => Number(r.body.data.number.slice(-6))).sort((a, b) => a - b);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBe(numbers[i - 1] + 1);
    // signed concurrently across the batch, each JWS still carries its own id and gap-free number
    for (const r of results) {
      const signed = JSON.parse(Buffer.from(r.body.data.jws.split('.')[1], 'base64url').toString('utf8'));
      expect(signed).toMatchObject({ certification_id: r.body.data.id, number: r.body.data.number });
    }
  });

  it('rejects hard failures and routes PII to human review until a compliance officer approves', async () => {
    const rejected = await certify({ output: 'This is TOP SECRET' });
    expect(rejected.body.data.status).toBe('rejected');
    const pending = await certify({ output: 'Contact ada@example.com, SSN 123-45-6789' });
    expect(pending.body.data.status).toBe('pending_review');
    const id = pending.body.data.id;
    const bundle = (await callCert(cert, 'GET', `/api/v1/certifications/${id}/bundle`, { token: writer }))
      .body;
    expect((await verifyBundle(bundle, await trust())).ok).toBe(false);

    // a client (integrator) cannot review; a member cannot either
    expect(
      (await callCert(cert, 'POST', `/api/v1/certifications/${id}/approve`, { token: writer, body: {} }))
        .status,
    ).toBe(403);
    const officer = await newUser(api, tenant, ['compliance_officer']);
    const officerToken = await certificationUserToken(api, officer);
    const approved = await callCert(cert, 'POST', `/api/v1/certifications/${id}/approve`, {
      token: officerToken,
      body: { reason: 'checked' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.data.status).toBe('approved');
    const after = (await callCert(cert, 'GET', `/api/v1/certifications/${id}/bundle`, { token: writer }))
      .body;
    expect((await verifyBundle(after, await trust())).ok).toBe(true);
  });

  it('a revoked certificate fails offline verification; revocation needs a compliance officer', async () => {
    const res = await certify({ output: 'Fine output' });
    const id = res.body.data.id;
    const member = await newUser(api, tenant, ['member']);
    const memberToken = await certificationUserToken(api, member);
    expect(
      (
        await callCert(cert, 'POST', `/api/v1/certifications/${id}/revoke`, {
          token: memberToken,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(403);
    const officer = await newUser(api, tenant, ['compliance_officer']);
    const officerToken = await certificationUserToken(api, officer);
    const bad = await callCert(cert, 'POST', `/api/v1/certifications/${id}/revoke`, {
      token: officerToken,
      body: {},
    });
    expect(bad.status).toBe(422);
    const revoked = await callCert(cert, 'POST', `/api/v1/certifications/${id}/revoke`, {
      token: officerToken,
      body: { reason: 'wrong figures' },
    });
    expect(revoked.body.data.status).toBe('revoked');
    const bundle = (await callCert(cert, 'GET', `/api/v1/certifications/${id}/bundle`, { token: writer }))
      .body;
    const result = await verifyBundle(bundle, await trust());
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.name === 'revocation')?.ok).toBe(false);

    const audit = await callCert(cert, 'GET', `/api/v1/certifications/${id}/audit`, {
      token: officerToken,
      headers: { 'user-agent': 'audit-test-agent' },
    });
    expect(audit.status).toBe(200);
    expect(audit.body.data.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['certified', 'revoked', 'viewed']),
    );
  });

  it('an expired certificate fails offline verification', async () => {
    await newPolicy(cert, tenant, { key: 'short', name: 'Short-lived', rules: {}, validity_days: 1 });
    const res = await certify({ output: 'Short-lived', policy_key: 'short' });
    const bundle = (
      await callCert(cert, 'GET', `/api/v1/certifications/${res.body.data.id}/bundle`, { token: writer })
    ).body;
    expect((await verifyBundle(bundle, await trust())).ok).toBe(true);
    const later = new Date(Date.now() + 2 * 86_400_000);
    const result = await verifyBundle(bundle, await trust(), later);
    expect(result.checks.find((c) => c.name === 'expiry')?.ok).toBe(false);
  });

  it('links versions to their parent', async () => {
    const v1 = await certify({ output: 'Draft one' });
    const v2 = await certify({ output: 'Draft two', parent_id: v1.body.data.id });
    const versions = await callCert(cert, 'GET', `/api/v1/certifications/${v2.body.data.id}/versions`, {
      token: writer,
    });
    expect(versions.body.data.map((v: { id: string }) => v.id)).toEqual([v1.body.data.id, v2.body.data.id]);
  });

  it('bad input is a 4xx in the error format', async () => {
    const res = await callCert(cert, 'POST', '/api/v1/certifications', {
      token: writer,
      body: { output: 'x' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect((await certify({ output: 'x', policy_key: 'nope' })).status).toBe(404);
    expect((await callCert(cert, 'GET', '/api/v1/certifications/not-a-uuid', { token: writer })).status).toBe(
      404,
    );
    expect((await callCert(cert, 'POST', '/api/v1/certifications', { body: {} })).status).toBe(401);
  });
});

describe('tenancy', () => {
  it('another tenant cannot see, verify or revoke a certification', async () => {
    const mine = await certify({ output: 'Mine' });
    const other = await newTenant(api);
    const otherToken = await certificationClientToken(api, other, [
      'certifications:read',
      'certifications:write',
    ]);
    const id = mine.body.data.id;
    for (const [method, path] of [
      ['GET', `/api/v1/certifications/${id}`],
      ['GET', `/api/v1/certifications/${id}/bundle`],
      ['POST', `/api/v1/certifications/${id}/verify`],
      ['GET', `/api/v1/certifications/${id}/versions`],
    ] as const) {
      expect((await callCert(cert, method, path, { token: otherToken })).status).toBe(404);
    }
    const list = await callCert(cert, 'GET', '/api/v1/certifications', { token: otherToken });
    expect(list.body.data).toEqual([]);
    expect((await certify({ output: 'x' }, otherToken)).status).toBe(404); // the policy is the other tenant's
  });
});

describe('list', () => {
  it('filters by status and task and pages with a cursor', async () => {
    const page1 = await callCert(cert, 'GET', '/api/v1/certifications?limit=2', { token: writer });
    expect(page1.body.data).toHaveLength(2);
    const page2 = await callCert(
      cert,
      'GET',
      `/api/v1/certifications?limit=2&cursor=${page1.body.meta.next_cursor}`,
      {
        token: writer,
      },
    );
    expect(page2.body.data[0].id).not.toBe(page1.body.data[0].id);
    const byTask = await callCert(cert, 'GET', '/api/v1/certifications?task_id=task-1', { token: writer });
    expect(byTask.body.data.map((c: { task_id: string }) => c.task_id)).toEqual(['task-1']);
    const rejected = await callCert(cert, 'GET', '/api/v1/certifications?status=rejected', { token: writer });
    expect(rejected.body.data.length).toBeGreaterThan(0);
    expect(rejected.body.data.every((c: { status: string }) => c.status === 'rejected')).toBe(true);
  });
});

describe('audit events', () => {
  const event = (overrides: Record<string, unknown> = {}) => ({
    event_id: randomUUID(),
    tenant_id: tenant.id,
    entity_type: 'task',
    entity_id: 'task-9',
    action: 'updated',
    actor: { type: 'user', id: 'u1' },
    ip: '10.0.0.1',
    user_agent: 'test',
    before_state: { title: 'a' },
    after_state: { title: 'b' },
    metadata: {},
    occurred_at: new Date().toISOString(),
    ...overrides,
  });

  it("the relay ingests idempotently in anyone's name, and every event names who ingested it", async () => {
    const relay = await relayCredentials(api, tenant);
    const relayed = event();
    const send = (events: unknown[], token = relay.token) =>
      callCert(cert, 'POST', '/api/v1/audit-events', { token, headers: relay.headers, body: { events } });
    const first = await send([relayed]);
    expect(first.status).toBe(201);
    expect(first.body.data).toEqual({ accepted: 1, duplicates: 0 });
    expect((await send([relayed])).body.data).toEqual({ accepted: 0, duplicates: 1 });
    expect((await send([{ ...relayed, event_id: randomUUID(), tenant_id: randomUUID() }])).status).toBe(403);
    expect((await send([relayed], writer)).status).toBe(403);
    const list = await callCert(cert, 'GET', '/api/v1/audit-events?entity_id=task-9', {
      token: relay.token,
      headers: relay.headers,
    });
    const listed = list.body.data.find((e: { event_id: string }) => e.event_id === relayed.event_id);
    expect(listed).toMatchObject({ actor: { type: 'user', id: 'u1' } });
    expect(listed.metadata.ingested_by).toMatch(/^client:oversing-internal-/);
  });

  it("a tenant's audit:write client records only its own recent actions, under its own name", async () => {
    const scopes = ['audit:write', 'audit:read'];
    const own = await newClient(api, tenant, scopes);
    const token = await clientToken(api, own, scopes, CERTIFICATION_AUDIENCE);
    const send = (e: unknown) =>
      callCert(cert, 'POST', '/api/v1/audit-events', { token, body: { events: [e] } });

    // impersonation: a user, another client, the system
    for (const actor of [
      { type: 'user', id: 'u1' },
      { type: 'client', id: 'someone-else' },
      { type: 'system', id: null },
    ]) {
      const refused = await send(event({ actor }));
      expect(refused.status, JSON.stringify(actor)).toBe(403);
      expect(refused.body.error.message).toContain('events.0.actor: a client records only its own actions');
    }
    // backdating, and dating ahead
    const mine = { type: 'client', id: own.clientId };
    for (const at of [Date.now() - 2 * 86_400_000, Date.now() + 3_600_000]) {
      const refused = await send(event({ actor: mine, occurred_at: new Date(at).toISOString() }));
      expect(refused.status).toBe(422);
      expect(refused.body.error.details).toEqual([
        { field: 'events.0.occurred_at', message: 'must be within the last 24 hours' },
      ]);
    }
    // its own action, with a forged ingested_by that the service replaces
    const ok = event({ actor: mine, entity_id: 'task-10', metadata: { ingested_by: 'user:admin' } });
    expect((await send(ok)).status).toBe(201);
    const list = await callCert(cert, 'GET', '/api/v1/audit-events?entity_id=task-10', { token });
    expect(list.body.data[0].metadata.ingested_by).toBe(`client:${own.clientId}`);
  });
});

describe('transparency log', () => {
  it('serves checkpoints and inclusion and consistency proofs that verify', async () => {
    const first = await checkpointNow(cert);
    await certify({ output: 'One more' });
    const second = await checkpointNow(cert);
    expect(second.size).toBeGreaterThan(first.size);
    const text = await (await fetch(`${cert.url}/api/v1/log/checkpoint`)).text();
    expect(text).toBe(second.note);
    const root = parseSignedCheckpointUnverified(second.note).rootHash;
    const old = parseSignedCheckpointUnverified(first.note).rootHash;
    const consistency = await callCert(
      cert,
      'GET',
      `/api/v1/log/proof/consistency?from=${first.size}&to=${second.size}`,
    );
    expect(
      verifyConsistency(first.size, second.size, old, root, consistency.body.data.hashes.map(fromBase64)),
    ).toBe(true);
    const incl = await callCert(cert, 'GET', `/api/v1/log/proof/inclusion?index=0&size=${second.size}`);
    expect(incl.status).toBe(200);
    expect(incl.body.data.hashes.length).toBeGreaterThan(0);
    expect(
      (await callCert(cert, 'GET', `/api/v1/log/proof/inclusion?index=${second.size}&size=${second.size}`))
        .status,
    ).toBe(400);
    expect((await callCert(cert, 'GET', '/api/v1/log/proof/inclusion?index=x&size=1')).status).toBe(422);
    void rootFromInclusionProof;
    void leafHash;
  });

  it('the application role cannot UPDATE or DELETE, and audit:verify passes against the trust file', async () => {
    await asAppRole(async (db) => {
      await expect(db.query(`UPDATE certifications SET model = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(db.query('DELETE FROM certification_events')).rejects.toThrow(/permission denied/);
      await expect(db.query('DELETE FROM log_leaves')).rejects.toThrow(/permission denied/);
    });
    await asSuperuser(async (db) => {
      await expect(db.query(`UPDATE certification_events SET reason = 'x'`)).rejects.toThrow(/append-only/);
      await expect(db.query('TRUNCATE log_leaves')).rejects.toThrow(/append-only/);
    });
    // Tampering is tried on real copies of an audit database in audit-tamper.integration-spec.ts (the
    // run's database here is shared with the other spec files); this one must verify against the trust file.
    const env = { ...process.env };
    process.env.AUDIT_DATABASE_URL = inject('auditDatabaseUrl');
    try {
      await checkpointNow(cert);
      const trustPath = join(mkdtempSync(join(tmpdir(), 'runcible-trust-')), 'trust.json');
      await certificationCommands['trust:export']({ out: trustPath });
      const ok = (await certificationCommands['audit:verify']({ trust: trustPath })) as { ok: boolean };
      expect(ok.ok).toBe(true);
      await expect(certificationCommands['audit:verify']({})).rejects.toThrow(/a trust file is required/);
    } finally {
      process.env = env;
    }
  });
});
