import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { currentTraceparent, RequestContext, UnitOfWork } from '@oversing/platform';
import { AuditOutboxEntry } from './audit-outbox.entity';
import { AuditOutboxRepository } from './audit-outbox.repository';

export interface AuditRecord {
  entityType: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  metadata?: Record<string, unknown>;
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
      actorType: principal?.kind ?? 'system',
      actorId: principal?.id ?? null,
      ip: context?.ip ?? null,
      userAgent: context?.userAgent ?? null,
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
