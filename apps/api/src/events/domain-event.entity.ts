import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DomainEventContract } from '@oversing/contracts';

@Entity('domain_events')
export class DomainEventRecord {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column({ type: 'bigint' }) sequence: string;
  @Column() type: string;
  @Column() entityType: string;
  @Column() entityId: string;
  @Column({ type: 'text', array: true }) channels: string[];
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ type: 'timestamptz', insert: false, update: false }) occurredAt: Date;
}

/** The per-tenant sequence counter, locked in the transaction that appends an event. */
@Entity('tenant_event_counters')
export class TenantEventCounter {
  @PrimaryColumn('uuid') tenantId: string;
  @Column({ type: 'bigint' }) lastSequence: string;
}

export function toDomainEventContract(record: DomainEventRecord): DomainEventContract {
  return {
    id: record.id,
    tenant_id: record.tenantId,
    sequence: Number(record.sequence),
    type: record.type,
    entity_type: record.entityType,
    entity_id: record.entityId,
    channels: record.channels,
    payload: record.payload,
    occurred_at: record.occurredAt.toISOString(),
  };
}
