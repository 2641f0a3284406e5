import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fromBase64, parseSignedCheckpointUnverified, verifyInclusion } from '@oversing/verifier';
import { certificationCommands } from '../src/cli/certification-cli';
import {
  asAppRole,
  asSuperuser,
  callCert,
  certificationUserToken,
  checkpointNow,
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
let relay: { token: string; headers: Record<string, string> };

beforeAll(async () => {
  api = await startApi();
  cert = await startCertification(api);
  tenant = await newTenant(api);
  relay = await relayCredentials(api, tenant);
});

afterAll(async () => {
  await cert?.close();
  await api?.close();
});

function event(subject: string | undefined, email: string): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    tenant_id: tenant.id,
    entity_type: 'user',
    entity_id: 'profile',
    action: 'updated',
    actor: { type: 'user', id: 'u-1' },
    ip: '203.0.113.5',
    user_agent: 'Firefox/140',
    before_state: { email: 'old@example.test' },
    after_state: { email },
    metadata: { source: 'test' },
    occurred_at: new Date().toISOString(),
    ...(subject ? { subject_id: subject } : {}),
  };
}

async function listed(): Promise<Map<string, any>> {
  const list = await callCert(cert, 'GET', '/api/v1/audit-events?entity_id=profile&limit=100', {
    token: relay.token,
    headers: relay.headers,
  });
  expect(list.status).toBe(200);
  return new Map(list.body.data.map((e: { event_id: string }) => [e.event_id, e]));
}

async function inclusionVerifies(index: number): Promise<boolean> {
  const checkpoint = await checkpointNow(cert);
  const root = parseSignedCheckpointUnverified(checkpoint.note).rootHash;
  const proof = await callCert(
    cert,
    'GET',
    `/api/v1/log/proof/inclusion?index=${index}&size=${checkpoint.size}`,
  );
  const leaf = await asSuperuser(async (db) => {
    const { rows } = await db.query('SELECT leaf_hash FROM log_leaves WHERE leaf_index = $1', [index]);
    return new Uint8Array(rows[0].leaf_hash as Buffer);
  });
  return verifyInclusion(leaf, index, checkpoint.size, proof.body.data.hashes.map(fromBase64), root);
}

/** audit:verify over the run's shared audit database, against a trust file exported from it. */
async function auditVerify(): Promise<{ ok: boolean; leaves: number }> {
  const env = { ...process.env };
  process.env.AUDIT_DATABASE_URL = inject('auditDatabaseUrl');
  try {
    const trust = join(mkdtempSync(join(tmpdir(), 'runcible-trust-')), 'trust.json');
    await certificationCommands['trust:export']({ out: trust });
    return (await certificationCommands['audit:verify']({ trust })) as { ok: boolean; leaves: number };
  } finally {
    process.env = env;
  }
}

describe('crypto-shredding of data subjects', () => {
  it('stores personal data only sealed, erases it by destroying the key, and every proof still verifies', async () => {
    const jane = event('user-42', 'jane@example.test');
    const bob = event('user-7', 'bob@example.test');
    const plain = event(undefined, 'nobody@example.test');
    const ingest = await callCert(cert, 'POST', '/api/v1/audit-events', {
      token: relay.token,
      headers: relay.headers,
      body: { events: [jane, bob, plain] },
    });
    expect(ingest.status).toBe(201);

    let events = await listed();
    expect(events.get(String(jane.event_id))).toMatchObject({
      ip: '203.0.113.5',
      user_agent: 'Firefox/140',
      after_state: { email: 'jane@example.test' },
      metadata: { source: 'test' },
      subject: { id: 'user-42', personal_data: 'available' },
    });
    const janeIndex = Number(events.get(String(jane.event_id)).log_index);

    // At rest: no plaintext personal data in the row, only the sealed envelope.
    const storedBefore = await asSuperuser(async (db) => {
      const { rows } = await db.query(
        'SELECT to_jsonb(a)::text AS row FROM audit_events a WHERE event_id = $1',
        [jane.event_id],
      );
      return rows[0].row as string;
    });
    expect(storedBefore).not.toContain('jane@example.test');
    expect(storedBefore).not.toContain('203.0.113.5');
    expect(storedBefore).toContain('personal_data');
    expect(await inclusionVerifies(janeIndex)).toBe(true);

    // Only tenant admins may erase: not an audit:write client, not a member.
    const member = await newUser(api, tenant, ['member']);
    const memberToken = await certificationUserToken(api, member);
    expect(
      (
        await callCert(cert, 'POST', '/api/v1/subjects/user-42/erase', {
          token: relay.token,
          headers: relay.headers,
        })
      ).status,
    ).toBe(403);
    expect(
      (await callCert(cert, 'POST', '/api/v1/subjects/user-42/erase', { token: memberToken })).status,
    ).toBe(403);
    // Another tenant's admin erasing the same subject id erases nothing here.
    const other = await newTenant(api);
    const otherAdmin = await certificationUserToken(api, await newUser(api, other, ['admin']));
    const foreign = await callCert(cert, 'POST', '/api/v1/subjects/user-42/erase', { token: otherAdmin });
    expect(foreign.status).toBe(200);
    expect(foreign.body.data.keys_erased).toBe(0);
    expect((await listed()).get(String(jane.event_id)).subject.personal_data).toBe('available');

    const admin = await certificationUserToken(api, await newUser(api, tenant, ['admin']));
    const bad = await callCert(cert, 'POST', `/api/v1/subjects/${encodeURIComponent('a b')}/erase`, {
      token: admin,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    const erased = await callCert(cert, 'POST', '/api/v1/subjects/user-42/erase', { token: admin });
    expect(erased.status).toBe(200);
    expect(erased.body.data).toMatchObject({ subject_id: 'user-42', keys_erased: 1 });

    // Unreadable: the key material is gone and the API returns nothing personal for the subject.
    events = await listed();
    expect(events.get(String(jane.event_id))).toMatchObject({
      ip: null,
      user_agent: null,
      before_state: null,
      after_state: null,
      subject: { id: 'user-42', personal_data: 'erased' },
    });
    expect(JSON.stringify(events.get(String(jane.event_id)))).not.toContain('jane@example.test');
    expect(events.get(String(bob.event_id)).after_state).toEqual({ email: 'bob@example.test' });
    expect(events.get(String(plain.event_id)).after_state).toEqual({ email: 'nobody@example.test' });
    await asSuperuser(async (db) => {
      const keys = await db.query('SELECT 1 FROM subject_keys WHERE tenant_id = $1 AND subject_id = $2', [
        tenant.id,
        'user-42',
      ]);
      expect(keys.rowCount).toBe(0);
      const record = await db.query(
        'SELECT erased_by, cardinality(key_ids) AS n FROM subject_key_erasures WHERE tenant_id = $1 AND subject_id = $2',
        [tenant.id, 'user-42'],
      );
      expect(record.rows).toEqual([{ erased_by: expect.stringMatching(/^user:/), n: 1 }]);
      const { rows } = await db.query(
        'SELECT to_jsonb(a)::text AS row FROM audit_events a WHERE event_id = $1',
        [jane.event_id],
      );
      expect(rows[0].row).toBe(storedBefore);
    });

    // Integrity: the leaves hash the ciphertext, so proofs and audit:verify still verify.
    expect(await inclusionVerifies(janeIndex)).toBe(true);
    const verified = await auditVerify();
    expect(verified.ok).toBe(true);
    expect(verified.leaves).toBeGreaterThan(janeIndex);
  });

  it('keys can only be destroyed through erase_subject_key', async () => {
    await callCert(cert, 'POST', '/api/v1/audit-events', {
      token: relay.token,
      headers: relay.headers,
      body: { events: [event('user-99', 'x@example.test')] },
    });
    await asSuperuser((db) => db.query(`SELECT erase_subject_key($1, 'nobody', 'test')`, [tenant.id]));
    await asAppRole(async (db) => {
      await expect(db.query(`DELETE FROM subject_keys`)).rejects.toThrow(/permission denied/);
      await expect(db.query(`UPDATE subject_keys SET wrapped_key = 'x'`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(db.query(`DELETE FROM subject_key_erasures`)).rejects.toThrow(/permission denied/);
    });
    await asSuperuser(async (db) => {
      await expect(db.query(`DELETE FROM subject_keys`)).rejects.toThrow(/append-only/);
      await expect(db.query(`UPDATE subject_keys SET wrapped_key = 'x'`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM subject_key_erasures`)).rejects.toThrow(/append-only/);
      const { rows } = await db.query('SELECT count(*)::int AS n FROM subject_keys WHERE subject_id = $1', [
        'user-99',
      ]);
      expect(rows[0].n).toBe(1);
    });
  });
});
