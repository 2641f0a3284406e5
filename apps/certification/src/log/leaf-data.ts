import {
  canonicalBytes,
  canonicalSha256Hex,
  certificationLeafHash,
  jwsSha256,
  leafHash,
  sha256Hex,
} from '@oversing/verifier';
import type { CertificationLogEntry, CertificationStatus } from '@oversing/verifier';

/** Certification event kinds; `viewed` is an access record and is not a log leaf. */
export type CertificationEventKind =
  'certified' | 'pending_review' | 'approved' | 'rejected' | 'revoked' | 'expired' | 'viewed';

/** The log's status vocabulary (libs/verifier) for an event kind. */
export function logStatusOf(kind: Exclude<CertificationEventKind, 'viewed'>): CertificationStatus {
  return kind === 'pending_review' ? 'pending' : kind;
}

/** The stored output version a certification's leaves commit to (its row, as stored). */
export interface OutputVersionSource {
  id: string;
  certification_id: string;
  parent_certification_id: string | null;
  /** The clear input and output of versions stored before sealing; null in sealed versions. */
  input: unknown;
  output: unknown;
  /** The sealed {input, output} (subjects/subject-keys.ts) of versions stored since; null before. */
  sealed: unknown;
  created_at: Date;
}

/** The certified hashes (the certificate's input_hash and output_hash). */
export interface CertifiedHashes {
  input_sha256: string;
  output_sha256: string;
}

/**
 * Canonical SHA-256 of an llm_output_versions row as stored: {id, certification_id,
 * parent_certification_id, input_sha256, output_sha256, created_at}, plus `sealed_sha256` for a sealed
 * version. For a clear version input_sha256 and output_sha256 are the canonical SHA-256 of the stored
 * input and output, so rewriting them changes the leaf. A sealed version cannot be read without its data
 * key (which erasure destroys), so its input_sha256 and output_sha256 are the certified hashes and
 * sealed_sha256, the canonical SHA-256 of the sealed envelope, makes rewriting the ciphertext change the
 * leaf. `certified` (required for sealed versions) skips recomputing the hashes of a clear version.
 */
export function outputVersionSha256(v: OutputVersionSource, certified?: CertifiedHashes): string {
  const common = {
    id: v.id,
    certification_id: v.certification_id,
    parent_certification_id: v.parent_certification_id,
    created_at: v.created_at.toISOString(),
  };
  if (v.sealed !== null && v.sealed !== undefined) {
    if (!certified) throw new Error('a sealed output version is hashed with its certified hashes');
    return canonicalSha256Hex({
      ...common,
      input_sha256: certified.input_sha256,
      output_sha256: certified.output_sha256,
      sealed_sha256: canonicalSha256Hex(v.sealed),
    });
  }
  return canonicalSha256Hex({
    ...common,
    input_sha256: certified?.input_sha256 ?? canonicalSha256Hex(v.input),
    output_sha256: certified?.output_sha256 ?? canonicalSha256Hex(v.output),
  });
}

/** The rows a certification status leaf is computed from. */
export interface CertificationLeafSource {
  event: {
    id: string;
    kind: Exclude<CertificationEventKind, 'viewed'>;
    reason: string | null;
    actor_type: string;
    actor_id: string | null;
    ip: string | null;
    user_agent: string | null;
    created_at: Date;
    /** 1 for leaves written before format 2. */
    leaf_version: number;
  };
  certification: {
    id: string;
    jws: string;
    created_by: string | null;
    risk_score: number;
    policy_results: unknown;
    metadata: unknown;
  };
  /** outputVersionSha256 of the certification's stored output version; null when there is none. */
  outputVersionSha256: string | null;
}

function sha256OrNull(value: string | null): string | null {
  return value === null ? null : sha256Hex(value);
}

/** The log entry (libs/verifier format 1 or 2) of a certification status event, from its rows. */
export function certificationLeafEntry(source: CertificationLeafSource): CertificationLogEntry {
  const { event, certification } = source;
  const v1 = {
    type: 'certification' as const,
    certification_id: certification.id,
    jws_sha256: jwsSha256(certification.jws),
    status: logStatusOf(event.kind),
    at: event.created_at.toISOString(),
  };
  if (event.leaf_version === 1) return v1;
  return {
    ...v1,
    version: 2,
    event_id: event.id,
    actor: { type: event.actor_type, id: event.actor_id },
    reason: event.reason,
    ip_sha256: sha256OrNull(event.ip),
    user_agent_sha256: sha256OrNull(event.user_agent),
    requester: certification.created_by,
    risk_score: certification.risk_score,
    policy_results_sha256: canonicalSha256Hex(certification.policy_results ?? null),
    metadata_sha256: canonicalSha256Hex(certification.metadata ?? {}),
    output_version_sha256: source.outputVersionSha256,
  };
}

/** Leaf hash of a certification status event, exactly as libs/verifier defines it. */
export function certificationEventLeafHash(source: CertificationLeafSource): Uint8Array {
  return certificationLeafHash(certificationLeafEntry(source));
}

/** The leaf format new certification events are written in. */
export const CURRENT_LEAF_VERSION = 2;

export interface AuditLeafSource {
  event_id: string;
  tenant_id: string;
  entity_type: string;
  entity_id: string;
  action: string;
  actor_type: string;
  actor_id: string | null;
  ip: string | null;
  user_agent: string | null;
  before_state: unknown;
  after_state: unknown;
  metadata: unknown;
  occurred_at: Date;
}

/**
 * The leaf data of an audit event: UTF-8 RFC 8785 canonical JSON of
 * {type: 'audit_event', event_id, tenant_id, entity_type, entity_id, action, occurred_at, content_sha256},
 * where content_sha256 is the canonical SHA-256 of {actor: {type, id}, ip, user_agent, before_state,
 * after_state, metadata}. The leaf carries no personal data, only its hash.
 */
export function auditEventLeafData(e: AuditLeafSource): Uint8Array {
  return canonicalBytes({
    type: 'audit_event',
    event_id: e.event_id,
    tenant_id: e.tenant_id,
    entity_type: e.entity_type,
    entity_id: e.entity_id,
    action: e.action,
    occurred_at: e.occurred_at.toISOString(),
    content_sha256: canonicalSha256Hex({
      actor: { type: e.actor_type, id: e.actor_id },
      ip: e.ip,
      user_agent: e.user_agent,
      before_state: e.before_state ?? null,
      after_state: e.after_state ?? null,
      metadata: e.metadata ?? {},
    }),
  });
}

export function auditEventLeafHash(e: AuditLeafSource): Uint8Array {
  return leafHash(auditEventLeafData(e));
}
