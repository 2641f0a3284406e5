import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import {
  canonicalize,
  canonicalSha256Hex,
  fromUtf8,
  parseTimestampToken,
  sha256Hex,
  toHex,
  type TrustFile,
} from '@oversing/verifier';
import type { PolicyRules, PolicyThresholds } from '../policy/policy-engine';
import { policyHash } from '../policy/policies.service';
import { Queryable } from '../infrastructure/audit-database';
import { ERASURE_ACTION, ERASURE_ENTITY_TYPE, erasedSubjectRef } from '../subjects/subject-erasure';

type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

const PAGE = 2_000;

/**
 * Holds signing_keys to the trust file: every row's public key must be one the trust file lists for its
 * purpose, and when the trust file lists key ids (`keys`), with the same purpose and creation time. An
 * inserted key (an attacker's own, to re-sign checkpoints with) or a re-dated one (to make it look old, or
 * active) is named. Returns the first problem, or undefined.
 */
export async function checkSigningKeys(db: Queryable, trust: TrustFile): Promise<string | undefined> {
  const { rows } = await db.query<{
    kid: string;
    purpose: 'certificate' | 'log' | 'tsa';
    public_jwk: Record<string, unknown>;
    certificate_pem: string | null;
    created_at: Date;
  }>(
    'SELECT kid, purpose, public_jwk, certificate_pem, created_at FROM signing_keys ORDER BY created_at, kid',
  );
  const logKeys = new Set([trust.log.verifier_key, ...(trust.log.previous_verifier_keys ?? [])]);
  const certificateKeys = new Set(
    await Promise.all(
      trust.certificate_keys.map((k) => calculateJwkThumbprint(k as JWK, 'sha256').catch(() => '')),
    ),
  );
  const tsaCertificates = new Set((trust.tsa_certificates ?? []).map(normalizePem));
  const listed = new Map((trust.keys ?? []).map((k) => [k.kid, k]));
  for (const row of rows) {
    const name = `signing_keys ${row.kid} (${row.purpose} key created ${row.created_at.toISOString()})`;
    let known: boolean;
    if (row.purpose === 'log') known = logKeys.has(String(row.public_jwk.verifier_key));
    else if (row.purpose === 'certificate') {
      known = certificateKeys.has(
        await calculateJwkThumbprint(row.public_jwk as JWK, 'sha256').catch(() => '?'),
      );
    } else known = row.certificate_pem !== null && tsaCertificates.has(normalizePem(row.certificate_pem));
    if (!known) return `${name}: its public key is not in the trust file (an inserted key?)`;
    if (trust.keys) {
      const entry = listed.get(row.kid);
      if (!entry) return `${name}: the trust file does not list this key id`;
      if (entry.purpose !== row.purpose) return `${name}: the trust file lists it as a ${entry.purpose} key`;
      if (new Date(entry.created_at).getTime() !== row.created_at.getTime()) {
        return `${name}: the trust file says it was created ${entry.created_at} (re-dated?)`;
      }
      listed.delete(row.kid);
    }
  }
  for (const entry of listed.values()) {
    return `signing_keys ${entry.kid} (${entry.purpose} key created ${entry.created_at}) listed by the trust file is missing from the database`;
  }
  return undefined;
}

interface CertificationCheckRow {
  id: string;
  tenant_id: string;
  number: string;
  number_seq: number;
  task_id: string | null;
  policy_id: string;
  policy_version: number;
  policy_hash: string;
  input_hash: string;
  output_hash: string;
  provider: string;
  model: string;
  risk_score: number;
  policy_results: unknown;
  certificate: Record<string, unknown>;
  jws: string;
  key_id: string;
  timestamp_token: Buffer;
  parent_certification_id: string | null;
  expires_at: Date | null;
  created_at: Date;
  o_input: unknown;
  o_output: unknown;
  o_sealed: unknown;
  o_count: string;
  p_key: string | null;
  p_version: number | null;
  p_rules_hash: string | null;
  p_rules: PolicyRules | null;
  p_thresholds: PolicyThresholds | null;
  p_validity_days: number | null;
}

/**
 * Every certificate's JWS verifies under a certificate key of the trust file (by its kid, the RFC 7638
 * thumbprint) and names the key stored in key_id; its payload is the stored certificate, byte for byte in
 * canonical form; every column the payload states (number, hashes, policy, provider, model, risk score,
 * policy results digest, parent, times) equals it; the time-stamp token is for this JWS; the stored input
 * and output hash to the certified hashes; the policy version's rules hash to its recorded hash. Verifies
 * a page of signatures concurrently (WebCrypto runs them on the threadpool).
 */
export async function checkCertificates(db: Queryable, trust: TrustFile): Promise<string | undefined> {
  const keys = new Map<string, { jwk: JWK; key?: Promise<VerifyKey> }>();
  for (const jwk of trust.certificate_keys) {
    keys.set(await calculateJwkThumbprint(jwk as JWK, 'sha256'), { jwk: jwk as JWK });
  }
  const keyFor = (kid: string, alg: string): Promise<VerifyKey> | undefined => {
    const entry = keys.get(kid);
    if (!entry) return undefined;
    entry.key ??= importJWK(entry.jwk, alg);
    return entry.key;
  };
  let after: { created_at: Date; id: string } | undefined;
  for (;;) {
    const { rows } = await db.query<CertificationCheckRow>(
      `SELECT c.*, o.input AS o_input, o.output AS o_output, o.sealed AS o_sealed, coalesce(o.n, 0) AS o_count,
              p.key AS p_key, p.version AS p_version, p.rules_hash AS p_rules_hash, p.rules AS p_rules,
              p.thresholds AS p_thresholds, p.validity_days AS p_validity_days
       FROM certifications c
       LEFT JOIN LATERAL (
         SELECT v.input, v.output, v.sealed, count(*) OVER () AS n FROM llm_output_versions v
         WHERE v.certification_id = c.id LIMIT 1
       ) o ON true
       LEFT JOIN governance_policies p ON p.id = c.policy_id
       WHERE ($1::timestamptz IS NULL OR (c.created_at, c.id) > ($1, $2::uuid)) ORDER BY c.created_at, c.id LIMIT $3`,
      [after?.created_at ?? null, after?.id ?? null, PAGE],
    );
    const problems = await Promise.all(
      rows.map(async (row): Promise<string | undefined> => {
        const name = `certifications ${row.id} (${row.number})`;
        try {
          const header = decodeProtectedHeader(row.jws);
          const kid = header.kid ?? '';
          if (kid !== row.key_id) return `${name}: key_id ${row.key_id} is not the JWS key ${kid}`;
          const key = keyFor(kid, header.alg ?? '');
          if (!key) return `${name}: signed by key ${kid}, which the trust file does not list`;
          const { payload } = await compactVerify(row.jws, await key, { algorithms: [header.alg ?? ''] });
          if (fromUtf8(payload) !== canonicalize(row.certificate)) {
            return `${name}: the stored certificate differs from the signed payload`;
          }
        } catch (e) {
          return `${name}: the JWS does not verify under the trusted key (${(e as Error).message})`;
        }
        const column = differingColumn(row);
        if (column) return `${name}: column ${column} differs from the signed certificate`;
        try {
          const token = parseTimestampToken(new Uint8Array(row.timestamp_token));
          if (toHex(token.info.hashedMessage) !== sha256Hex(row.jws)) {
            return `${name}: the time-stamp token is not for this certificate`;
          }
        } catch (e) {
          return `${name}: the time-stamp token cannot be read (${(e as Error).message})`;
        }
        if (Number(row.o_count) !== 1) {
          return `llm_output_versions of ${name}: ${row.o_count} stored versions, expected exactly 1`;
        }
        // a sealed version's ciphertext is bound by its leaves (output_version_sha256); its clear text
        // is readable only with the data key, which this check does not hold and erasure destroys
        if (row.o_sealed === null && canonicalSha256Hex(row.o_input) !== row.input_hash.trim()) {
          return `llm_output_versions of ${name}: the stored input does not hash to the certified input_hash`;
        }
        if (row.o_sealed === null && canonicalSha256Hex(row.o_output) !== row.output_hash.trim()) {
          return `llm_output_versions of ${name}: the stored output does not hash to the certified output_hash`;
        }
        if (row.p_rules_hash === null || row.p_key === null || row.p_version === null) {
          return `governance_policies ${row.policy_id} of ${name} is missing`;
        }
        const recomputed = policyHash({
          key: row.p_key,
          version: row.p_version,
          rules: row.p_rules ?? {},
          thresholds: row.p_thresholds ?? {},
          validity_days: row.p_validity_days,
        });
        if (recomputed !== row.p_rules_hash.trim()) {
          return `governance_policies ${row.policy_id} (version ${row.p_version}): its rules do not hash to its rules_hash`;
        }
        if (row.p_rules_hash.trim() !== row.policy_hash.trim() || row.p_version !== row.policy_version) {
          return `governance_policies ${row.policy_id} is not the policy version ${name} was certified under`;
        }
        return undefined;
      }),
    );
    const problem = problems.find((p) => p !== undefined);
    if (problem) return problem;
    if (rows.length < PAGE) return undefined;
    const last = rows[rows.length - 1];
    after = { created_at: last.created_at, id: last.id };
  }
}

/** The first column of a certifications row that disagrees with its (verified) signed payload. */
function differingColumn(row: CertificationCheckRow): string | undefined {
  const p = row.certificate;
  const iso = (d: Date | null): string | null => d?.toISOString() ?? null;
  const expected: [string, unknown, unknown][] = [
    ['id', row.id, p.certification_id],
    ['tenant_id', row.tenant_id, p.tenant_id],
    ['number', row.number, p.number],
    ['number_seq', row.number_seq, Number(String(p.number).split('-').pop())],
    ['task_id', row.task_id, p.task_id ?? null],
    ['parent_certification_id', row.parent_certification_id, p.parent_certification_id ?? null],
    ['input_hash', row.input_hash.trim(), p.input_hash],
    ['output_hash', row.output_hash.trim(), p.output_hash],
    ['policy_id', row.policy_id, p.policy_id],
    ['policy_version', row.policy_version, p.policy_version],
    ['policy_hash', row.policy_hash.trim(), p.policy_version_hash],
    ['provider', row.provider, p.provider],
    ['model', row.model, p.model],
    ['risk_score', row.risk_score, p.risk_score],
    ['policy_results', canonicalSha256Hex(row.policy_results ?? null), p.policy_results_sha256],
    ['created_at', iso(row.created_at), p.issued_at],
    ['expires_at', iso(row.expires_at), p.expires_at ?? null],
  ];
  return expected.find(([, stored, signed]) => stored !== signed)?.[0];
}

function normalizePem(pem: string): string {
  return pem.replace(/\s+/g, '');
}

/**
 * Erasures are logged acts: every erasure record names the audit event (a log leaf, already checked)
 * that records it, with the same subject and key ids, and every such event has its record; and no data
 * key that sealed stored content is gone without an erasure that names it. Records written before
 * erasures were logged (no event_id) are accepted as recorded.
 */
export async function checkErasures(db: Queryable): Promise<string | undefined> {
  const { rows: records } = await db.query<{
    id: string;
    tenant_id: string;
    subject_id: string;
    key_ids: string[];
    event_id: string | null;
    a_event_id: string | null;
    entity_id: string | null;
    metadata: { key_ids?: unknown } | null;
  }>(
    `SELECT r.id, r.tenant_id, r.subject_id, r.key_ids, r.event_id, a.event_id AS a_event_id, a.entity_id, a.metadata
     FROM subject_key_erasures r
     LEFT JOIN audit_events a ON a.event_id = r.event_id AND a.entity_type = $1 AND a.action = $2
     WHERE r.event_id IS NOT NULL ORDER BY r.id`,
    [ERASURE_ENTITY_TYPE, ERASURE_ACTION],
  );
  for (const r of records) {
    const name = `subject_key_erasures ${r.id}`;
    if (!r.a_event_id) return `${name}: the erasure's audit event ${r.event_id} is not in the log`;
    if (r.entity_id !== erasedSubjectRef(r.tenant_id, r.subject_id)) {
      return `${name}: its subject differs from the one its logged audit event ${r.event_id} names`;
    }
    const logged = Array.isArray(r.metadata?.key_ids) ? [...(r.metadata.key_ids as string[])].sort() : [];
    if (canonicalize(logged) !== canonicalize([...r.key_ids].sort())) {
      return `${name}: its key ids differ from the ones its logged audit event ${r.event_id} names`;
    }
  }
  const { rows: unrecorded } = await db.query<{ event_id: string; leaf_index: string }>(
    `SELECT a.event_id, a.leaf_index FROM audit_events a
     WHERE a.entity_type = $1 AND a.action = $2
       AND NOT EXISTS (SELECT 1 FROM subject_key_erasures r WHERE r.event_id = a.event_id)
     ORDER BY a.leaf_index LIMIT 1`,
    [ERASURE_ENTITY_TYPE, ERASURE_ACTION],
  );
  if (unrecorded[0]) {
    return `leaf ${unrecorded[0].leaf_index} (audit_event ${unrecorded[0].event_id}): a logged erasure has no subject_key_erasures record`;
  }
  const { rows: vanished } = await db.query<{ certification_id: string; key_id: string }>(
    `SELECT v.certification_id, v.sealed->>'key_id' AS key_id FROM llm_output_versions v
     WHERE v.sealed IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM subject_keys k WHERE k.key_id::text = v.sealed->>'key_id')
       AND NOT EXISTS (SELECT 1 FROM subject_key_erasures r WHERE (v.sealed->>'key_id') = ANY(r.key_ids::text[]))
     LIMIT 1`,
  );
  if (vanished[0]) {
    return `llm_output_versions of certifications ${vanished[0].certification_id}: its data key ${vanished[0].key_id} is gone without a recorded erasure`;
  }
  return undefined;
}
