import { Injectable } from '@nestjs/common';
import { RequestContext, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { DomainEventRecord } from './domain-event.entity';

export interface NewDomainEvent {
  type: string;
  entityType: string;
  entityId: string;
  channels: string[];
  payload: Record<string, unknown>;
}

@Injectable()
export class DomainEventRepository extends TenantScopedRepository<DomainEventRecord> {
  constructor(uow: UnitOfWork) {
    super(uow, DomainEventRecord, 'event');
  }

  /**
   * Appends an event with the tenant's next sequence number. The counter row is locked by the UPDATE
   * until the transaction ends, so sequences are gap-free and commit in order per tenant.
   */
  async append(event: NewDomainEvent): Promise<DomainEventRecord> {
    const tenantId = RequestContext.tenantId();
    const manager = this.uow.manager();
    const rows = (await manager.query(
      `INSERT INTO tenant_event_counters (tenant_id, last_sequence) VALUES ($1, 1)
       ON CONFLICT (tenant_id) DO UPDATE SET last_sequence = tenant_event_counters.last_sequence + 1
       RETURNING last_sequence`,
      [tenantId],
    )) as { last_sequence: string }[];
    const inserted = (await manager.query(
      `INSERT INTO domain_events (tenant_id, sequence, type, entity_type, entity_id, channels, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, occurred_at`,
      [
        tenantId,
        rows[0].last_sequence,
        event.type,
        event.entityType,
        event.entityId,
        event.channels,
        JSON.stringify(event.payload),
      ],
    )) as { id: string; occurred_at: Date }[];
    return Object.assign(new DomainEventRecord(), {
      id: inserted[0].id,
      tenantId,
      sequence: String(rows[0].last_sequence),
      ...event,
      occurredAt: inserted[0].occurred_at,
    });
  }

  after(sequence: number, limit: number): Promise<DomainEventRecord[]> {
    return this.scopedQuery()
      .andWhere('event.sequence > :sequence', { sequence })
      .orderBy('event.sequence', 'ASC')
      .limit(limit)
      .getMany();
  }

  async lastSequence(): Promise<number> {
    const rows = (await this.uow
      .manager()
      .query(`SELECT last_sequence FROM tenant_event_counters WHERE tenant_id = $1`, [
        RequestContext.tenantId(),
      ])) as { last_sequence: string }[];
    return rows.length ? Number(rows[0].last_sequence) : 0;
  }
}
