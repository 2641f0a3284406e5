import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuditEventContract } from '@oversing/contracts';

/** One audit event waiting for (or past) delivery to the certification service's append-only log. */
@Entity('audit_outbox')
export class AuditOutboxEntry {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) id: string;
  @Column({ type: 'bigint', insert: false, update: false }) position: string;
  @Column('uuid') tenantId: string;
  @Column() entityType: string;
  @Column() entityId: string;
  @Column() action: string;
  @Column({ type: 'varchar' }) actorType: 'user' | 'client' | 'system';
  @Column({ type: 'varchar', nullable: true }) actorId: string | null;
  @Column({ type: 'varchar', nullable: true }) ip: string | null;
  @Column({ type: 'text', nullable: true }) userAgent: string | null;
  @Column({ type: 'jsonb', nullable: true }) beforeState: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) afterState: Record<string, unknown> | null;
  @Column({ type: 'jsonb' }) metadata: Record<string, unknown>;
  @Column({ type: 'timestamptz', insert: false, update: false }) occurredAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  /** Set when the certification service refused the event (see audit_dead_letters); cleared on replay. */
  @Column({ type: 'timestamptz', nullable: true, insert: false }) deadLetteredAt: Date | null;
  @Column({ default: 0 }) attempts: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
}

export function toAuditContract(entry: AuditOutboxEntry): AuditEventContract {
  return {
    event_id: entry.id,
    tenant_id: entry.tenantId,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    action: entry.action,
    actor: { type: entry.actorType, id: entry.actorId },
    ip: entry.ip,
    user_agent: entry.userAgent,
    before_state: entry.beforeState,
    after_state: entry.afterState,
    metadata: entry.metadata,
    occurred_at: entry.occurredAt.toISOString(),
  };
}
