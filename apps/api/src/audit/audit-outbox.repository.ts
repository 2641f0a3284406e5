import { Injectable } from '@nestjs/common';
import {
  CursorValue,
  keysetCondition,
  SortField,
  TenantScopedRepository,
  UnitOfWork,
} from '@oversing/platform';
import { AuditOutboxEntry } from './audit-outbox.entity';

export interface AuditSearch {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: CursorValue;
}

/** The outbox as the API sees it: written in the transaction of each change, read for history and search. */
@Injectable()
export class AuditOutboxRepository extends TenantScopedRepository<AuditOutboxEntry> {
  constructor(uow: UnitOfWork) {
    super(uow, AuditOutboxEntry, 'entry');
  }

  /** Ordered by position (commit order within a tenant is the order the rows were written). */
  search(query: AuditSearch): Promise<AuditOutboxEntry[]> {
    const builder = this.scopedQuery();
    if (query.entityType)
      builder.andWhere('entry.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('entry.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) builder.andWhere('entry.actor_id = :actorId', { actorId: query.actorId });
    if (query.from) builder.andWhere('entry.occurred_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('entry.occurred_at < :to', { to: query.to });
    if (query.cursor) {
      const sort: SortField[] = [];
      const keyset = keysetCondition(sort, {}, 'entry.position', query.cursor);
      builder.andWhere(keyset.sql, keyset.params);
    }
    return builder
      .orderBy('entry.position', 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }
}
