/**
 * An audit event as the API's outbox relay delivers it to the certification service
 * (`POST /api/v1/audit-events`, idempotent by event_id). Shared by both sides.
 */
export interface AuditEventContract {
  /** UUID chosen by the producer; the receiver ignores an event_id it already has. */
  event_id: string;
  tenant_id: string;
  entity_type: string;
  entity_id: string;
  /** created | updated | deleted | transitioned | assigned | … */
  action: string;
  actor: { type: 'user' | 'client' | 'system'; id: string | null };
  ip: string | null;
  user_agent: string | null;
  before_state: Record<string, unknown> | null;
  after_state: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
  /** ISO 8601 timestamp of the change */
  occurred_at: string;
}

export interface AuditEventBatchContract {
  events: AuditEventContract[];
}

export interface AuditEventBatchResultContract {
  accepted: number;
  duplicates: number;
}

export const AUDIT_EVENT_BATCH_MAX = 500;
