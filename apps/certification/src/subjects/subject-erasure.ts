import { randomUUID } from 'node:crypto';
import { RequestContext } from '@oversing/platform';
import { sha256Hex } from '@oversing/verifier';
import { appendAuditEvents } from '../audit/audit-events.service';
import { AuditDatabase, LOG_APPEND_LOCK } from '../infrastructure/audit-database';
import { AuditLeafSource } from '../log/leaf-data';
import { TransparencyLog } from '../log/transparency-log.service';

/** The entity type and action of the audit event (a log leaf) that records an erasure. */
export const ERASURE_ENTITY_TYPE = 'data_subject';
export const ERASURE_ACTION = 'erased';

/**
 * The entity id an erasure is logged under: the SHA-256 of the tenant and subject, not the subject id
 * itself (which may be an e-mail address), so the log carries no personal data and anyone who knows the
 * subject id can still find its erasure.
 */
export function erasedSubjectRef(tenantId: string, subjectId: string): string {
  return `sha256:${sha256Hex(`${tenantId}\n${subjectId}`)}`;
}

export interface ErasureResult {
  subject_id: string;
  keys_erased: number;
  erased_at: string;
  /** The log index of the audit event recording the erasure. */
  log_index: number;
}

/**
 * Crypto-shredding as a logged act: in one transaction under the log's append lock, `erase_subject_key`
 * destroys the subject's data key(s) and records the erasure, and an audit event naming the destroyed key
 * ids becomes the next log leaf. Everything sealed under those keys (audit event personal data, LLM inputs
 * and outputs) is unreadable from then on; the rows and leaves that hash it are unchanged, so proofs and
 * bundles issued before still verify, and `audit:verify` checks that every erasure is in the log.
 */
export class SubjectErasure {
  constructor(
    private readonly db: AuditDatabase,
    private readonly log: TransparencyLog,
  ) {}

  async erase(subjectId: string, actor: { type: string; id: string | null }): Promise<ErasureResult> {
    const tenantId = RequestContext.tenantId();
    const eventId = randomUUID();
    // the stored precision (milliseconds), so the leaf can be recomputed from the row
    const at = new Date(new Date().toISOString());
    const { keyIds, index } = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_APPEND_LOCK]);
      const { rows } = await tx.query<{ ids: string[] }>('SELECT erase_subject_key($1, $2, $3, $4) AS ids', [
        tenantId,
        subjectId,
        actor.id === null ? actor.type : `${actor.type}:${actor.id}`,
        eventId,
      ]);
      const ids = rows[0].ids;
      await tx.query('INSERT INTO audit_event_ids (event_id, occurred_at) VALUES ($1, $2)', [eventId, at]);
      const event: AuditLeafSource = {
        event_id: eventId,
        tenant_id: tenantId,
        entity_type: ERASURE_ENTITY_TYPE,
        entity_id: erasedSubjectRef(tenantId, subjectId),
        action: ERASURE_ACTION,
        actor_type: actor.type,
        actor_id: actor.id,
        ip: null,
        user_agent: null,
        before_state: null,
        after_state: null,
        metadata: { key_ids: ids },
        occurred_at: at,
      };
      const start = await this.log.nextIndex(tx);
      await appendAuditEvents(tx, this.log, [event]);
      return { keyIds: ids, index: start };
    });
    return {
      subject_id: subjectId,
      keys_erased: keyIds.length,
      erased_at: at.toISOString(),
      log_index: index,
    };
  }
}
