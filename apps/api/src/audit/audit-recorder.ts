import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { currentTraceparent, RequestContext, UnitOfWork } from '@oversing/platform';
import { AUDIT_IP_MAX_LENGTH, AUDIT_USER_AGENT_MAX_LENGTH, truncateForAudit } from '@oversing/contracts';
import { AuditOutboxEntry } from './audit-outbox.entity';
import { AuditOutboxRepository } from './audit-outbox.repository';

export interface AuditRecord {
  entityType: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  metadata?: Record<string, unknown>;
  /**
   * Who did it, when that is not the caller of this request: a decision made in another service and
   * consumed from its feed names the person or client who made it there.
   */
  actor?: { type: 'user' | 'client' | 'system'; id: string | null };
}

/**
 * Writes the audit event of a change into the outbox, in the transaction of the change, so that the
 * change and its audit event commit or roll back together. The relay (apps/worker) delivers it later.
 */
@Injectable()
export class AuditRecorder {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: AuditOutboxRepository,
  ) {}

  async record(record: AuditRecord): Promise<AuditOutboxEntry> {
    if (!this.uow.inTransaction) throw new Error('Audit events must be recorded inside UnitOfWork.run');
    const context = RequestContext.current();
    const principal = context?.principal;
    // With tracing on, the relay continues this request's trace when it delivers the event.
    const traceparent = currentTraceparent();
    return this.outbox.insert({
      id: randomUUID(),
      entityType: record.entityType,
      entityId: record.entityId,
      action: record.action,
      actorType: record.actor?.type ?? principal?.kind ?? 'system',
      actorId: record.actor ? record.actor.id : (principal?.id ?? null),
      // normalised to what the audit store accepts: an over-long header must not make the event unstorable
      ip: truncateForAudit(context?.ip, AUDIT_IP_MAX_LENGTH),
      userAgent: truncateForAudit(context?.userAgent, AUDIT_USER_AGENT_MAX_LENGTH),
      beforeState: record.before,
      afterState: record.after,
      metadata: {
        ...(record.metadata ?? {}),
        ...(context?.requestId ? { request_id: context.requestId } : {}),
        ...(principal?.clientId ? { client_id: principal.clientId } : {}),
        ...(traceparent ? { traceparent } : {}),
      },
      deliveredAt: null,
      attempts: 0,
      lastError: null,
    });
  }
}
