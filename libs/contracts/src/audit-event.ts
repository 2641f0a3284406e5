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

/** Longest `user_agent` the receiver stores; the producer truncates at capture. */
export const AUDIT_USER_AGENT_MAX_LENGTH = 1000;
/** Longest `ip` the receiver stores. */
export const AUDIT_IP_MAX_LENGTH = 100;

/** `value` cut to at most `max` UTF-16 code units, never splitting a surrogate pair. */
export function truncateForAudit(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
