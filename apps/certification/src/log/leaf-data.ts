import {
  canonicalBytes,
  canonicalSha256Hex,
  certificationLeafHash,
  jwsSha256,
  leafHash,
} from '@oversing/verifier';
import type { CertificationStatus } from '@oversing/verifier';

/** Certification event kinds; `viewed` is an access record and is not a log leaf. */
export type CertificationEventKind =
  'certified' | 'pending_review' | 'approved' | 'rejected' | 'revoked' | 'expired' | 'viewed';

/** The log's status vocabulary (libs/verifier) for an event kind. */
export function logStatusOf(kind: Exclude<CertificationEventKind, 'viewed'>): CertificationStatus {
  return kind === 'pending_review' ? 'pending' : kind;
}

/** Leaf hash of a certification status event, exactly as libs/verifier defines it. */
export function certificationEventLeafHash(event: {
  certificationId: string;
  jws: string;
  kind: Exclude<CertificationEventKind, 'viewed'>;
  at: Date;
}): Uint8Array {
  return certificationLeafHash({
    certification_id: event.certificationId,
    jws_sha256: jwsSha256(event.jws),
    status: logStatusOf(event.kind),
    at: event.at.toISOString(),
  });
}

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
