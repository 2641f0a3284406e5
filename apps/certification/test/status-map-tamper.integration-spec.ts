/**
 * The status map tried as an adversary would, on real copies of the audit database (superuser, triggers
 * off): a lying operator, who holds the log key, signs checkpoints whose status map root is not the one
 * the leaves give (or drops the line); a superuser edits a status leaf. `audit:verify` with the trust file
 * must name the checkpoint or the entry; the untouched copy verifies.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@oversing/testing';
import {
  formatStatusMapExtension,
  type NoteSigner,
  parseSignedCheckpointUnverified,
  sha256,
  signCheckpoint,
  verifyBundle,
} from '@oversing/verifier';
import { certificationCommands } from '../src/cli/certification-cli';
import { KeyStore } from '../src/keys/key-store.service';
import { AuditDatabaseCopies } from './support/audit-copy';
import {
  callCert,
  certificationClientToken,
  certificationUserToken,
  checkpointNow,
  newPolicy,
  newTenant,
  newUser,
  RunningApi,
  startApi,
  startCertification,
} from './support/certification-harness';

const copies = new AuditDatabaseCopies(inject('auditDatabaseUrl'));
const dir = mkdtempSync(join(tmpdir(), 'runcible-status-map-'));
const trustPath = join(dir, 'trust.json');
/** An origin of its own: the API's witness keeps one state per origin. */
const ORIGIN = `test.oversing.dev/status-map/${Date.now().toString(36)}`;
let api: RunningApi;
/** The real log key: the lying operator has it. */
let logSigner: NoteSigner;

/** `audit:verify --trust trust.json` in this process against a database: ok, or the problem it names. */
async function auditVerify(url: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  process.env.AUDIT_DATABASE_URL = url;
  try {
    const result = await certificationCommands['audit:verify']({ trust: trustPath });
    return { status: 0, stdout: JSON.stringify(result), stderr: '' };
  } catch (e) {
    return { status: 1, stdout: '', stderr: (e as Error).message };
  } finally {
    process.env = env;
  }
}

function attacked(attack: (db: Client) => Promise<void>): ReturnType<typeof auditVerify> {
  return copies.withAttackedCopy(attack, auditVerify);
}

/** Re-signs the stored checkpoint at `size` with the real log key and other extension lines. */
async function resignWith(db: Client, size: number, extensions: string[]): Promise<void> {
  const { rows } = await db.query<{ signed_note: string }>(
    'SELECT signed_note FROM log_checkpoints WHERE size = $1',
    [size],
  );
  const checkpoint = parseSignedCheckpointUnverified(rows[0].signed_note);
  const note = await signCheckpoint({ ...checkpoint, extensions }, logSigner);
  await db.query('UPDATE log_checkpoints SET signed_note = $2 WHERE size = $1', [size, note]);
}

let sizes: number[] = [];
/** A bundle downloaded from the service, and its trust file (which lists the API witness). */
let downloaded: unknown;
let trust: unknown;

beforeAll(async () => {
  process.env.LOG_ORIGIN = ORIGIN;
  const source = await copies.createSource();
  const certPort = await freePort();
  api = await startApi({ CERTIFICATION_URL: `http://127.0.0.1:${certPort}` });
  process.env.WITNESS_URLS = `${api.url}/api/v1/witness`;
  const cert = await startCertification(api, {
    PORT: String(certPort),
    AUDIT_DATABASE_URL: source,
    LOG_ORIGIN: ORIGIN,
    WITNESS_URLS: `${api.url}/api/v1/witness`,
  });
  try {
    const tenant = await newTenant(api);
    const writer = await certificationClientToken(api, tenant, [
      'certifications:read',
      'certifications:write',
    ]);
    const officer = await certificationUserToken(api, await newUser(api, tenant, ['compliance_officer']));
    await newPolicy(cert, tenant, { key: 'p', name: 'P', rules: {} });
    const certify = async (output: string): Promise<string> =>
      (
        await callCert(cert, 'POST', '/api/v1/certifications', {
          token: writer,
          body: { input: { prompt: 'q' }, output, provider: 'openai', model: 'gpt-4o', policy_key: 'p' },
        })
      ).body.data.id as string;
    await certify('First answer');
    const revoked = await certify('Wrong figures');
    sizes.push((await checkpointNow(cert)).size);
    await callCert(cert, 'POST', `/api/v1/certifications/${revoked}/revoke`, {
      token: officer,
      body: { reason: 'figures were wrong' },
    });
    sizes.push((await checkpointNow(cert)).size);
    await certify('A later answer');
    sizes.push((await checkpointNow(cert)).size);
    const keys = cert.app.get(KeyStore);
    logSigner = keys.noteSigner;
    trust = await keys.trustFile();
    writeFileSync(trustPath, JSON.stringify(trust));
    const response = await fetch(`${cert.url}/api/v1/certifications/${revoked}/bundle`, {
      headers: { authorization: `Bearer ${writer}` },
    });
    downloaded = await response.json();
  } finally {
    await cert.close(); // nobody may be connected to a template database
  }
  sizes = [...new Set(sizes)];
});

afterAll(async () => {
  await api?.close();
  await copies.dropSource();
});

describe('witnessed status', () => {
  it('the bundle carries the witness cosignature over the checkpoint, status map line included', async () => {
    const result = await verifyBundle(downloaded, trust);
    expect(result.checks.find((c) => c.name === 'checkpoint')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/, cosigned by witness oversing\.dev\/witness\/api$/),
    });
    expect(result.checks.find((c) => c.name === 'status')?.ok).toBe(true);
    expect(result.checks.find((c) => c.name === 'revocation')?.detail).toMatch(
      /^revoked as of checkpoint size/,
    );
  });
});

describe('audit:verify recomputes the status map of every checkpoint', () => {
  it('the untouched copy verifies', { timeout: 120_000 }, async () => {
    expect(sizes).toHaveLength(3);
    const result = await attacked(async () => undefined);
    expect(result.stderr).toBe('');
    // the three above and the empty one the service signs when it starts
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, checkpoints: 4 });
  });

  it('a lying operator signs a checkpoint whose map root hides the revocation: the checkpoint is named', async () => {
    const [, afterRevocation] = sizes;
    const result = await attacked(async (db) => {
      // the map root of the checkpoint before the revocation, where the certificate was still certified
      const { rows } = await db.query<{ signed_note: string }>(
        'SELECT signed_note FROM log_checkpoints WHERE size = $1',
        [sizes[0]],
      );
      const before = parseSignedCheckpointUnverified(rows[0].signed_note).extensions ?? [];
      await resignWith(db, afterRevocation, before);
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^checkpoint at size ${afterRevocation}: its status map root \\S+ differs from the one recomputed from the leaves, \\S+ \\(a status leaf or the map root was changed\\); first entry that differs is at or before leaf ${afterRevocation - 1} \\(certification_event [0-9a-f-]+\\)`,
      ),
    );
  });

  it('a map root that is no map at all, signed with the real key, is named', async () => {
    const result = await attacked(async (db) => {
      await resignWith(db, sizes[0], [formatStatusMapExtension(sha256('not a map'))]);
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^checkpoint at size ${sizes[0]}: its status map root`));
  });

  it('a checkpoint re-signed without its status map line, after ones with it, is named', async () => {
    const result = await attacked(async (db) => {
      await resignWith(db, sizes[1], []);
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^checkpoint at size ${sizes[1]}: it commits to no status map, although the checkpoint at size \\d+ did`,
      ),
    );
  });

  it('an edited map line without the log key: the signature fails and the checkpoint is named', async () => {
    const result = await attacked(async (db) => {
      await db.query(
        `UPDATE log_checkpoints SET signed_note = regexp_replace(signed_note, 'runcible-status-map/v1 .', 'runcible-status-map/v1 A')
         WHERE size = $1`,
        [sizes[1]],
      );
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^checkpoint at size ${sizes[1]}: signature or format invalid`));
  });

  it('a status leaf edited (the revocation made an approval) is named', async () => {
    const result = await attacked(async (db) => {
      await db.query(`UPDATE certification_events SET kind = 'approved' WHERE kind = 'revoked'`);
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^leaf \d+ \(certification_event [0-9a-f-]+\): the row does not match its logged leaf hash/,
    );
  });
});
