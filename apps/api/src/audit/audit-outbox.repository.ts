import { Injectable } from '@nestjs/common';
import { CursorValue, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { AuditOutboxEntry } from './audit-outbox.entity';

export interface AuditSearch {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  /** by position, newest first (else oldest first) */
  newestFirst: boolean;
  limit: number;
  cursor?: CursorValue;
}

/** The outbox as the API sees it: written in the transaction of each change, read for history and search. */
@Injectable()
export class AuditOutboxRepository extends TenantScopedRepository<AuditOutboxEntry> {
  constructor(uow: UnitOfWork) {
    super(uow, AuditOutboxEntry, 'entry');
  }

  /**
   * Ordered by position (commit order within a tenant is the order the rows were written), either way;
   * the cursor is the last position of the previous page.
   */
  search(query: AuditSearch): Promise<AuditOutboxEntry[]> {
    const builder = this.scopedQuery();
    if (query.entityType)
      builder.andWhere('entry.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('entry.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) builder.andWhere('entry.actor_id = :actorId', { actorId: query.actorId });
    if (query.from) builder.andWhere('entry.occurred_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('entry.occurred_at < :to', { to: query.to });
    if (query.cursor)
      builder.andWhere(query.newestFirst ? 'entry.position < :after' : 'entry.position > :after', {
        after: query.cursor[0],
      });
    return builder
      .orderBy('entry.position', query.newestFirst ? 'DESC' : 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }
}
