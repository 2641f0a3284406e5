/**
 * Erasable outputs: LLM inputs and outputs are stored only sealed under a data key (the named data
 * subject's, or the certification's own); erasing destroys the key, is itself a log leaf, and every
 * certificate, bundle and proof still verifies. Attacked as a PostgreSQL superuser reading the rows, as a
 * member without the permission, and from another tenant.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canonicalSha256Hex, verifyBundle } from '@oversing/verifier';
import { certificationCommands } from '../src/cli/certification-cli';
import { erasedSubjectRef } from '../src/subjects/subject-erasure';
import {
  asSuperuser,
  callCert,
  certificationClientToken,
  certificationUserToken,
  checkpointNow,
  newPolicy,
  newTenant,
  newUser,
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
let admin: string;
let auditor: string;

const EMAIL = 'ada.lovelace@example.com';
const CARD = '4111 1111 1111 1111';

beforeAll(async () => {
  api = await startApi();
  cert = await startCertification(api);
  tenant = await newTenant(api);
  writer = await certificationClientToken(api, tenant, ['certifications:read', 'certifications:write']);
  admin = await certificationUserToken(api, await newUser(api, tenant, ['admin']));
  auditor = await certificationClientToken(api, tenant, ['audit:read']);
  await newPolicy(cert, tenant, { key: 'plain', name: 'Plain', rules: {} });
});

afterAll(async () => {
  await cert?.close();
  await api?.close();
});

async function certify(output: string, extra: Record<string, unknown> = {}): Promise<any> {
  const res = await callCert(cert, 'POST', '/api/v1/certifications', {
    token: writer,
    body: {
      input: { prompt: `Write to ${EMAIL}` },
      output,
      provider: 'openai',
      model: 'gpt-4o',
      policy_key: 'plain',
      ...extra,
    },
  });
  expect(res.status).toBe(201);
  return res.body.data;
}

async function bundleOf(id: string): Promise<any> {
  const res = await callCert(cert, 'GET', `/api/v1/certifications/${id}/bundle`, { token: writer });
  expect(res.status).toBe(200);
  return res.body;
}

async function trust(): Promise<any> {
  return (await callCert(cert, 'GET', '/api/v1/trust')).body;
}

async function storedRow(certificationId: string): Promise<string> {
  return asSuperuser(async (db) => {
    const { rows } = await db.query(
      'SELECT to_jsonb(v)::text AS row FROM llm_output_versions v WHERE certification_id = $1',
      [certificationId],
    );
    return rows[0].row as string;
  });
}

async function auditVerify(): Promise<{ ok: boolean }> {
  const env = { ...process.env };
  process.env.AUDIT_DATABASE_URL = inject('auditDatabaseUrl');
  try {
    const path = join(mkdtempSync(join(tmpdir(), 'runcible-trust-')), 'trust.json');
    await certificationCommands['trust:export']({ out: path });
    return (await certificationCommands['audit:verify']({ trust: path })) as { ok: boolean };
  } finally {
    process.env = env;
  }
}

describe('erasable outputs', () => {
  it('stores input and output only sealed; the bundle opens them; erasure leaves hashes that still verify', async () => {
    const output = `Card ${CARD} belongs to ${EMAIL}.`;
    const certification = await certify(output);

    // at rest, as a superuser sees it: no clear text, only the sealed envelope under the certification's key
    const row = await storedRow(certification.id);
    expect(row).not.toContain(EMAIL);
    expect(row).not.toContain('4111');
    expect(JSON.parse(row)).toMatchObject({
      input: null,
      output: null,
      sealed: { subject_id: `certification:${certification.id}`, alg: 'A256GCM' },
    });

    // the bundle carries the content, opened with the key, and verifies
    await checkpointNow(cert);
    const before = await bundleOf(certification.id);
    expect(before.output).toBe(output);
    expect(before.input).toEqual({ prompt: `Write to ${EMAIL}` });
    expect((await verifyBundle(before, await trust())).ok).toBe(true);

    // only tenant admins erase; a writer and an audit reader are refused, another tenant sees nothing
    const path = `/api/v1/certifications/${certification.id}/content/erase`;
    expect((await callCert(cert, 'POST', path, { token: writer })).status).toBe(403);
    expect((await callCert(cert, 'POST', path, { token: auditor })).status).toBe(403);
    const other = await newTenant(api);
    const otherAdmin = await certificationUserToken(api, await newUser(api, other, ['admin']));
    expect((await callCert(cert, 'POST', path, { token: otherAdmin })).status).toBe(404);
    expect((await bundleOf(certification.id)).output).toBe(output);

    const erased = await callCert(cert, 'POST', path, { token: admin });
    expect(erased.status).toBe(200);
    expect(erased.body.data).toMatchObject({
      subject_id: `certification:${certification.id}`,
      keys_erased: 1,
    });
    expect(Number.isInteger(erased.body.data.log_index)).toBe(true);
    const again = await callCert(cert, 'POST', path, { token: admin });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already erased/);

    // the stored row is unchanged (its leaves still match) but nobody can open it any more
    expect(await storedRow(certification.id)).toBe(row);
    await checkpointNow(cert);
    const after = await bundleOf(certification.id);
    expect(after).not.toHaveProperty('output');
    expect(after).not.toHaveProperty('input');
    expect(JSON.stringify(after)).not.toContain(EMAIL);
    expect(after.certificate.payload.output_hash).toBe(canonicalSha256Hex(output));
    expect((await verifyBundle(after, await trust())).ok).toBe(true);
    // a bundle downloaded before the erasure still verifies offline, and so does its content
    expect((await verifyBundle(before, await trust())).ok).toBe(true);

    // the erasure is itself a log leaf: an audit event naming the destroyed key, not the subject
    const logged = await callCert(
      cert,
      'GET',
      `/api/v1/audit-events?entity_type=data_subject&entity_id=${encodeURIComponent(erasedSubjectRef(tenant.id, `certification:${certification.id}`))}`,
      { token: auditor },
    );
    expect(logged.status).toBe(200);
    expect(logged.body.data).toHaveLength(1);
    expect(logged.body.data[0]).toMatchObject({
      action: 'erased',
      log_index: erased.body.data.log_index,
    });
    expect(logged.body.data[0].metadata.key_ids).toHaveLength(1);

    expect((await auditVerify()).ok).toBe(true);
  });

  it("seals a named data subject's content under their key, and erasing the subject erases all of it", async () => {
    const subject = `customer-${Date.now()}`;
    const first = await certify(`Dear ${EMAIL}, your order shipped.`, { subject_id: subject });
    const second = await certify('Your refund was approved.', { subject_id: subject });
    const row = JSON.parse(await storedRow(first.id));
    expect(row.sealed.subject_id).toBe(subject);
    expect(JSON.parse(await storedRow(second.id)).sealed.key_id).toBe(row.sealed.key_id);

    // one certification's content cannot be erased alone: it is the subject's
    const alone = await callCert(cert, 'POST', `/api/v1/certifications/${first.id}/content/erase`, {
      token: admin,
    });
    expect(alone.status).toBe(409);
    expect(alone.body.error.message).toContain(subject);

    const erased = await callCert(cert, 'POST', `/api/v1/subjects/${subject}/erase`, { token: admin });
    expect(erased.status).toBe(200);
    expect(erased.body.data.keys_erased).toBe(1);
    await checkpointNow(cert);
    for (const id of [first.id, second.id]) {
      const bundle = await bundleOf(id);
      expect(bundle).not.toHaveProperty('output');
      expect((await verifyBundle(bundle, await trust())).ok).toBe(true);
    }
    expect((await auditVerify()).ok).toBe(true);
  });

  it('refuses a malformed data subject with a 400 that names the field', async () => {
    for (const subject_id of ['has space', 'nul\u0000byte', 'x'.repeat(201)]) {
      const res = await callCert(cert, 'POST', '/api/v1/certifications', {
        token: writer,
        body: {
          input: 'q',
          output: 'a',
          provider: 'openai',
          model: 'gpt-4o',
          policy_key: 'plain',
          subject_id,
        },
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(JSON.stringify(res.body.error)).toContain('subject_id');
    }
  });
});
