/**
 * The trust model tried as an adversary would: a PostgreSQL superuser on a real copy of the audit database
 * (no key-encryption key, no private key of ours) edits, inserts, re-dates and re-signs. `audit:verify`
 * with the trust file must exit non-zero naming the entry; the untouched copy verifies.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@oversing/testing';
import {
  acceptTrustUpdate,
  parseTrustFile,
  parseVerifierKey,
  type TrustFile,
  verifyCosignature,
} from '@oversing/verifier';
import { certificationCommands } from '../src/cli/certification-cli';
import { KeyStore } from '../src/keys/key-store.service';
import { certificationEventLeafHash, outputVersionSha256 } from '../src/log/leaf-data';
import type { Client } from 'pg';
import { AuditDatabaseCopies, resignCheckpoints } from './support/audit-copy';
import {
  callCert,
  certificationClientToken,
  certificationUserToken,
  checkpointNow,
  newPolicy,
  newTenant,
  newUser,
  relayCredentials,
  RunningApi,
  startApi,
  startCertification,
} from './support/certification-harness';

const copies = new AuditDatabaseCopies(inject('auditDatabaseUrl'));
const dir = mkdtempSync(join(tmpdir(), 'runcible-tamper-'));
const trustPath = join(dir, 'trust.json');
let api: RunningApi;
let trust: TrustFile;
/** An origin of its own: the API's witness keeps one state per origin, shared by the run's spec files. */
const ORIGIN = `test.oversing.dev/tamper/${Date.now().toString(36)}`;

/**
 * `npm run cli -- audit:verify --trust trust.json` against a database: exit code and output. Asynchronous:
 * the CLI asks the witness, which is the API running in this process.
 */
function auditVerify(
  url: string,
  args = ['--trust', trustPath],
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/tools/cli.js', 'audit:verify', ...args],
      { env: { ...process.env, AUDIT_DATABASE_URL: url, AUDIT_TRUST_FILE: '', LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ status: code, stdout, stderr });
      },
    );
  });
}

/** The same command in this process (spawning the CLI per attack is slow on a loaded machine). */
async function auditVerifyHere(url: string): Promise<{ status: number; stdout: string; stderr: string }> {
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

async function verifyWith(url: string, trustFile: string): Promise<{ status: number; stderr: string }> {
  const env = { ...process.env };
  process.env.AUDIT_DATABASE_URL = url;
  try {
    await certificationCommands['audit:verify']({ trust: trustFile });
    return { status: 0, stderr: '' };
  } catch (e) {
    return { status: 1, stderr: (e as Error).message };
  } finally {
    process.env = env;
  }
}

/** What an attacker with the source code does after editing rows: recompute every certification leaf. */
async function fixLeafHashes(db: Client): Promise<void> {
  const { rows } = await db.query(
    `SELECT e.*, c.jws, c.created_by, c.risk_score, c.policy_results, c.metadata,
            c.input_hash, c.output_hash,
            o.id AS o_id, o.parent_certification_id AS o_parent, o.input AS o_input, o.output AS o_output,
            o.sealed AS o_sealed, o.created_at AS o_created_at
     FROM certification_events e JOIN certifications c ON c.id = e.certification_id
     LEFT JOIN llm_output_versions o ON o.certification_id = c.id WHERE e.leaf_index IS NOT NULL`,
  );
  for (const row of rows) {
    const hash = certificationEventLeafHash({
      event: row,
      certification: { ...row, id: row.certification_id },
      outputVersionSha256: row.o_id
        ? outputVersionSha256(
            {
              id: row.o_id,
              certification_id: row.certification_id,
              parent_certification_id: row.o_parent,
              input: row.o_input,
              output: row.o_output,
              sealed: row.o_sealed,
              created_at: row.o_created_at,
            },
            row.o_sealed === null
              ? undefined
              : { input_sha256: row.input_hash.trim(), output_sha256: row.output_hash.trim() },
          )
        : null,
    });
    await db.query('UPDATE log_leaves SET leaf_hash = $2 WHERE leaf_index = $1', [
      row.leaf_index,
      Buffer.from(hash),
    ]);
  }
}

/** Runs the attack on a fresh copy and returns what audit:verify says. */
function attacked(
  attack: Parameters<AuditDatabaseCopies['withAttackedCopy']>[0],
): Promise<{ status: number; stdout: string; stderr: string }> {
  return copies.withAttackedCopy(attack, auditVerifyHere);
}

beforeAll(async () => {
  // in-process CLI commands (trust:export, keys:rotate) see the service's configuration
  process.env.LOG_ORIGIN = ORIGIN;
  const source = await copies.createSource();
  const certPort = await freePort();
  // the API is the log's witness; it pins the log key from the service's trust file on first contact
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
    const relay = await relayCredentials(api, tenant);
    const officer = await certificationUserToken(api, await newUser(api, tenant, ['compliance_officer']));
    await newPolicy(cert, tenant, {
      key: 'p',
      name: 'P',
      rules: { pii: { detectors: ['email'], action: 'review', weight: 0.9 } },
    });
    const certify = async (output: string): Promise<string> =>
      (
        await callCert(cert, 'POST', '/api/v1/certifications', {
          token: writer,
          body: { input: { prompt: 'q' }, output, provider: 'openai', model: 'gpt-4o', policy_key: 'p' },
        })
      ).body.data.id as string;
    await certify('First answer');
    const pending = await certify('Write to ada@example.com');
    await callCert(cert, 'POST', `/api/v1/certifications/${pending}/approve`, {
      token: officer,
      body: { reason: 'personal data is the customer’s own' },
      headers: { 'user-agent': 'officer-browser/1.0' },
    });
    const revoked = await certify('Wrong figures');
    await callCert(cert, 'POST', `/api/v1/certifications/${revoked}/revoke`, {
      token: officer,
      body: { reason: 'figures were wrong' },
    });
    // the revoked certification's content is crypto-shredded: a logged erasure
    const admin = await certificationUserToken(api, await newUser(api, tenant, ['admin']));
    const erased = await callCert(cert, 'POST', `/api/v1/certifications/${revoked}/content/erase`, {
      token: admin,
    });
    expect(erased.status).toBe(200);
    await callCert(cert, 'POST', '/api/v1/audit-events', {
      token: relay.token,
      headers: relay.headers,
      body: {
        events: [
          {
            event_id: randomUUID(),
            tenant_id: tenant.id,
            entity_type: 'task',
            entity_id: 'task-1',
            action: 'updated',
            actor: { type: 'user', id: 'u1' },
            ip: '10.0.0.1',
            user_agent: 'ua',
            before_state: { title: 'a' },
            after_state: { title: 'b' },
            metadata: {},
            occurred_at: new Date().toISOString(),
          },
        ],
      },
    });
    await checkpointNow(cert);
    await certify('A later answer');
    await checkpointNow(cert);
    trust = await cert.app.get(KeyStore).trustFile();
    writeFileSync(trustPath, JSON.stringify(trust));
  } finally {
    await cert.close(); // nobody may be connected to a template database
  }
});

afterAll(async () => {
  await api?.close();
  await copies.dropSource();
});

describe('audit:verify on a real copy of the audit database', () => {
  it(
    'the untouched copy verifies (exit 0); without a trust file it refuses to run',
    { timeout: 120_000 },
    async () => {
      const result = await copies.withAttackedCopy(
        async () => undefined,
        async (url) => ({
          trusted: await auditVerify(url),
          untrusted: await auditVerify(url, []),
        }),
      );
      expect(result.trusted.stderr).toBe('');
      expect(result.trusted.status).toBe(0);
      const report = JSON.parse(result.trusted.stdout) as {
        ok: boolean;
        leaves: number;
        checkpoints: number;
      };
      expect(report.ok).toBe(true);
      expect(report.checkpoints).toBeGreaterThanOrEqual(2);
      expect(report.leaves).toBeGreaterThanOrEqual(7);
      expect(result.untrusted.status).not.toBe(0);
      expect(result.untrusted.stderr).toMatch(/a trust file is required/);
    },
  );

  it('forged log key: an own Ed25519 key in signing_keys, an edited leaf, every checkpoint re-signed', async () => {
    let kid = '';
    const result = await attacked(async (db) => {
      // the attacker edits a revocation into an approval and fixes its leaf hash (format 2, from the rows)
      await db.query(`UPDATE certification_events SET kind = 'approved' WHERE kind = 'revoked'`);
      await fixLeafHashes(db);
      const { verifierKey } = await resignCheckpoints(db, ORIGIN);
      const parsed = parseVerifierKey(verifierKey);
      kid = `log:${parsed.keyId.toString(16).padStart(8, '0')}:forged`;
      await db.query(
        `INSERT INTO signing_keys (kid, purpose, alg, public_jwk, private_key_encrypted, status, created_at)
         VALUES ($1, 'log', 'Ed25519', $2, 'x', 'retired', now() - interval '400 days')`,
        [kid, JSON.stringify({ kty: 'OKP', crv: 'Ed25519', verifier_key: verifierKey })],
      );
      await db.query('UPDATE log_checkpoints SET key_id = $1', [kid]);
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`signing_keys ${kid} (log key created`);
    expect(result.stderr).toMatch(/not in the trust file/);
  });

  it('re-signed checkpoints without a key row: the checkpoint is named', async () => {
    const result = await attacked(async (db) => {
      await db.query(`UPDATE certification_events SET kind = 'approved' WHERE kind = 'revoked'`);
      await fixLeafHashes(db);
      await resignCheckpoints(db, ORIGIN);
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/checkpoint at size \d+: signature or format invalid/);
  });

  it('a re-dated key is named', async () => {
    const logKid = trust.keys!.find((k) => k.purpose === 'log')!.kid;
    const result = await attacked(async (db) => {
      await db.query(`UPDATE signing_keys SET created_at = created_at - interval '1 year' WHERE kid = $1`, [
        logKid,
      ]);
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`signing_keys ${logKid}`);
    expect(result.stderr).toMatch(/re-dated/);
  });

  it('an inserted certificate key, made active by its date, is named', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'attacker', alg: 'ES256' };
    const result = await attacked(async (db) => {
      await db.query(
        `INSERT INTO signing_keys (kid, purpose, alg, public_jwk, private_key_encrypted, created_at)
         VALUES ('attacker', 'certificate', 'ES256', $1, 'x', now() + interval '1 day')`,
        [JSON.stringify(jwk)],
      );
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('signing_keys attacker (certificate key');
  });

  it('a certificate re-signed with an attacker key (key_id pointed at it) is named', async () => {
    const result = await attacked(async (db) => {
      await db.query(`UPDATE certifications SET key_id = (SELECT kid FROM signing_keys WHERE purpose = 'tsa' LIMIT 1)
        WHERE id = (SELECT id FROM certifications ORDER BY created_at LIMIT 1)`);
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/certifications [0-9a-f-]{36} \(RC-\d{4}-\d{6}\): key_id tsa:/);
  });

  it('key rotation writes a new trust file whose new key the previous one endorses; the old file follows the chain', async () => {
    const newTrustPath = join(dir, 'trust-rotated.json');
    const outcome = await copies.withAttackedCopy(
      async () => undefined,
      async (url) => {
        const env = { ...process.env };
        process.env.AUDIT_DATABASE_URL = url;
        try {
          const rotated = (await certificationCommands['keys:rotate']({
            alg: 'ES256',
            out: newTrustPath,
          })) as {
            kid: string;
            retired: string;
          };
          return {
            rotated,
            withOld: await auditVerifyHere(url),
            withNew: await verifyWith(url, newTrustPath),
          };
        } finally {
          process.env = env;
        }
      },
    );
    const rotatedTrust = parseTrustFile(JSON.parse(readFileSync(newTrustPath, 'utf8')));
    expect(rotatedTrust.rotations).toEqual([
      expect.objectContaining({ previous: outcome.rotated.retired, next: outcome.rotated.kid }),
    ]);
    const update = await acceptTrustUpdate(trust, rotatedTrust);
    expect(update).toEqual({ ok: true, endorsed: [outcome.rotated.kid], problems: [] });
    // a file that adds a key nobody endorsed is refused
    const pair = await generateKeyPair('ES256', { extractable: true });
    const smuggled: TrustFile = {
      ...rotatedTrust,
      certificate_keys: [
        ...rotatedTrust.certificate_keys,
        { ...(await exportJWK(pair.publicKey)), kty: 'EC', alg: 'ES256' },
      ],
    };
    expect((await acceptTrustUpdate(trust, smuggled)).problems).toEqual([
      expect.stringMatching(/^certificate key .* is not endorsed by a pinned key$/),
    ]);
    // the database now holds a key the old file does not know: refreshed trust is required
    expect(outcome.withOld.status).toBe(1);
    expect(outcome.withOld.stderr).toContain(`signing_keys ${outcome.rotated.kid}`);
    expect(outcome.withNew.status).toBe(0);
  });
});

describe('witnessed checkpoints', () => {
  it('every checkpoint was cosigned by the API witness, whose key the trust file lists', async () => {
    expect(trust.witnesses).toEqual([
      expect.objectContaining({ name: 'oversing.dev/witness/api', url: `${api.url}/api/v1/witness` }),
    ]);
    const note = await (
      await fetch(`${api.url}/api/v1/witness/checkpoint?origin=${encodeURIComponent(ORIGIN)}`)
    ).text();
    const witnessed = await verifyCosignature(note, trust.witnesses![0].verifier_key);
    expect(witnessed.checkpoint.size).toBeGreaterThanOrEqual(7);
  });

  it('deleted checkpoints: an edited leaf beyond the remaining checkpoints is caught by the witnessed one', async () => {
    const result = await attacked(async (db) => {
      await db.query(`UPDATE certification_events SET actor_id = 'someone-else'
        WHERE leaf_index = (SELECT max(leaf_index) FROM certification_events)`);
      await fixLeafHashes(db);
      await db.query('DELETE FROM log_checkpoints WHERE size > (SELECT min(size) FROM log_checkpoints)');
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /the checkpoint at size \d+ cosigned by witness oversing\.dev\/witness\/api has root .*, the audit database gives/,
    );
  });

  it('deleted trailing leaves and checkpoints: the witness remembers the size', async () => {
    const result = await attacked(async (db) => {
      await db.query('DELETE FROM log_checkpoints WHERE size > (SELECT min(size) FROM log_checkpoints)');
      await db.query('DELETE FROM log_leaves WHERE leaf_index >= (SELECT min(size) FROM log_checkpoints)');
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /witness oversing\.dev\/witness\/api cosigned a checkpoint of size \d+, the audit database holds \d+ leaves/,
    );
  });
});

/** One edit (or deletion) of an audit database row, and how audit:verify must name it. */
interface Tamper {
  what: string;
  sql: string;
  named: RegExp;
}

const LEAF = /leaf \d+ \(certification_event [0-9a-f-]{36}\)/;
const CERT = (column: string): RegExp =>
  new RegExp(`certifications [0-9a-f-]{36} \\(RC-\\d{4}-\\d{6}\\): column ${column} differs`);
const APPROVED = `(SELECT id FROM certification_events WHERE kind = 'approved')`;
const APPROVED_CERT = `(SELECT certification_id FROM certification_events WHERE kind = 'approved')`;

const TAMPERS: Tamper[] = [
  // certification_events: every column an auditor relies on is in the leaf
  {
    what: 'event actor_id',
    sql: `UPDATE certification_events SET actor_id = 'someone-else' WHERE id = ${APPROVED}`,
    named: LEAF,
  },
  {
    what: 'event actor_type',
    sql: `UPDATE certification_events SET actor_type = 'client' WHERE id = ${APPROVED}`,
    named: LEAF,
  },
  {
    what: 'event reason',
    sql: `UPDATE certification_events SET reason = 'no reason' WHERE id = ${APPROVED}`,
    named: LEAF,
  },
  {
    what: 'event ip',
    sql: `UPDATE certification_events SET ip = '203.0.113.9' WHERE id = ${APPROVED}`,
    named: LEAF,
  },
  {
    what: 'event user_agent',
    sql: `UPDATE certification_events SET user_agent = 'curl/8' WHERE id = ${APPROVED}`,
    named: LEAF,
  },
  {
    what: 'event kind',
    sql: `UPDATE certification_events SET kind = 'rejected' WHERE id = ${APPROVED}`,
    named: LEAF,
  },
  {
    what: 'event time',
    sql: `UPDATE certification_events SET created_at = created_at - interval '1 day' WHERE id = ${APPROVED}`,
    named: LEAF,
  },
  {
    what: 'event leaf format',
    sql: `UPDATE certification_events SET leaf_version = 1 WHERE id = ${APPROVED}`,
    named: LEAF,
  },
  {
    what: 'deleted event',
    sql: `DELETE FROM certification_events WHERE id = ${APPROVED}`,
    named:
      /leaf \d+ \(certification_event [0-9a-f-]{36}\): its certification event or certificate is missing/,
  },
  // certifications: custody columns are in the leaf, the rest in the signed payload
  {
    what: 'requester (created_by)',
    sql: `UPDATE certifications SET created_by = 'user:other' WHERE id = ${APPROVED_CERT}`,
    named: LEAF,
  },
  {
    what: 'risk_score',
    sql: `UPDATE certifications SET risk_score = 0.1 WHERE id = ${APPROVED_CERT}`,
    named: LEAF,
  },
  {
    what: 'policy_results',
    sql: `UPDATE certifications SET policy_results = '[]' WHERE id = ${APPROVED_CERT}`,
    named: LEAF,
  },
  {
    what: 'metadata',
    sql: `UPDATE certifications SET metadata = '{"x":1}' WHERE id = ${APPROVED_CERT}`,
    named: LEAF,
  },
  {
    what: 'model',
    sql: `UPDATE certifications SET model = 'gpt-2' WHERE id = ${APPROVED_CERT}`,
    named: CERT('model'),
  },
  {
    what: 'provider',
    sql: `UPDATE certifications SET provider = 'acme' WHERE id = ${APPROVED_CERT}`,
    named: CERT('provider'),
  },
  {
    what: 'task_id',
    sql: `UPDATE certifications SET task_id = 'task-x' WHERE id = ${APPROVED_CERT}`,
    named: CERT('task_id'),
  },
  {
    what: 'expires_at',
    sql: `UPDATE certifications SET expires_at = now() + interval '9 years' WHERE id = ${APPROVED_CERT}`,
    named: CERT('expires_at'),
  },
  {
    what: 'number',
    sql: `UPDATE certifications SET number = 'RC-1999-000001' WHERE id = ${APPROVED_CERT}`,
    named: /certifications [0-9a-f-]{36} \(RC-1999-000001\): column number differs/,
  },
  {
    what: 'certificate payload',
    sql: `UPDATE certifications SET certificate = certificate || '{"model":"gpt-2"}' WHERE id = ${APPROVED_CERT}`,
    named: /the stored certificate differs from the signed payload/,
  },
  {
    what: 'time-stamp token',
    sql: `UPDATE certifications SET timestamp_token = (SELECT timestamp_token FROM certifications WHERE id <> ${APPROVED_CERT} LIMIT 1) WHERE id = ${APPROVED_CERT}`,
    named: /the time-stamp token is not for this certificate/,
  },
  // llm_output_versions
  {
    what: 'sealed content (ciphertext)',
    sql: `UPDATE llm_output_versions SET sealed = jsonb_set(sealed, '{sealed}', to_jsonb(translate(sealed->>'sealed', 'ABCabc', 'BCAbca'))) WHERE certification_id = ${APPROVED_CERT}`,
    named: LEAF,
  },
  {
    what: 'sealed content moved to another data key',
    sql: `UPDATE llm_output_versions SET sealed = jsonb_set(sealed, '{key_id}', to_jsonb(gen_random_uuid()::text)) WHERE certification_id = ${APPROVED_CERT}`,
    named: LEAF,
  },
  {
    what: 'sealed content replaced by clear text',
    sql: `ALTER TABLE llm_output_versions DROP CONSTRAINT llm_output_versions_clear_or_sealed;
          UPDATE llm_output_versions SET sealed = NULL, input = '{"prompt":"q"}', output = '"Write to eve@example.com"' WHERE certification_id = ${APPROVED_CERT}`,
    named: LEAF,
  },
  {
    what: 'data key deleted without an erasure',
    sql: `DELETE FROM subject_keys WHERE key_id = (SELECT (sealed->>'key_id')::uuid FROM llm_output_versions WHERE certification_id = ${APPROVED_CERT})`,
    named:
      /llm_output_versions of certifications [0-9a-f-]{36}: its data key [0-9a-f-]{36} is gone without a recorded erasure/,
  },
  {
    what: 'deleted output version',
    sql: `DELETE FROM llm_output_versions WHERE certification_id = ${APPROVED_CERT}`,
    named: LEAF,
  },
  // subject_key_erasures and the audit event that logs each erasure
  {
    what: 'deleted erasure record',
    sql: `DELETE FROM subject_key_erasures`,
    named: /leaf \d+ \(audit_event [0-9a-f-]{36}\): a logged erasure has no subject_key_erasures record/,
  },
  {
    what: 'erasure record naming other keys',
    sql: `UPDATE subject_key_erasures SET key_ids = ARRAY[gen_random_uuid()]`,
    named:
      /subject_key_erasures \d+: its key ids differ from the ones its logged audit event [0-9a-f-]{36} names/,
  },
  {
    what: 'erasure record of another subject',
    sql: `UPDATE subject_key_erasures SET subject_id = 'someone-else'`,
    named:
      /subject_key_erasures \d+: its subject differs from the one its logged audit event [0-9a-f-]{36} names/,
  },
  {
    what: 'deleted erasure audit event',
    sql: `DELETE FROM audit_events WHERE entity_type = 'data_subject'`,
    named: /leaf \d+ \(audit_event [0-9a-f-]{36}\): its audit event is missing/,
  },
  // governance_policies
  {
    what: 'policy rules',
    sql: `UPDATE governance_policies SET rules = '{}'`,
    named: /governance_policies [0-9a-f-]{36} \(version 1\): its rules do not hash to its rules_hash/,
  },
  // audit_events
  {
    what: 'audit event metadata',
    sql: `UPDATE audit_events SET metadata = '{"x":1}'`,
    named: /leaf \d+ \(audit_event [0-9a-f-]{36}\)/,
  },
  {
    what: 'audit event actor',
    sql: `UPDATE audit_events SET actor_id = 'u2'`,
    named: /leaf \d+ \(audit_event [0-9a-f-]{36}\)/,
  },
  {
    what: 'deleted audit event',
    sql: `DELETE FROM audit_events`,
    named: /leaf \d+ \(audit_event [0-9a-f-]{36}\): its audit event is missing/,
  },
  // log_leaves
  { what: 'deleted leaf', sql: `DELETE FROM log_leaves WHERE leaf_index = 1`, named: /leaf 1 is missing/ },
  {
    what: 'rewritten leaf hash',
    sql: `UPDATE log_leaves SET leaf_hash = sha256('x') WHERE leaf_index = 0`,
    named: /leaf 0 \(certification_event [0-9a-f-]{36}\): the row does not match its logged leaf hash/,
  },
];

describe('every column of every table: an edit or a deletion is named by audit:verify', () => {
  it.each(TAMPERS)('$what', async ({ sql, named }) => {
    const result = await attacked(async (db) => {
      await db.query(sql);
    });
    expect(result.status, result.stdout).toBe(1);
    expect(result.stderr).toMatch(named);
  });
});
