import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** An integrator's endpoint and the event types it receives; the signing secret is stored encrypted. */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column({ type: 'text' }) url: string;
  @Column({ default: '' }) description: string;
  @Column({ type: 'text', array: true }) eventTypes: string[];
  @Column({ type: 'text', select: true }) secretEncrypted: string;
  @Column() active: boolean;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One domain event for one subscription, written in the event's transaction, sent by apps/worker. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') subscriptionId: string;
  @Column('uuid') eventId: string;
  @Column() eventType: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar' }) status: DeliveryStatus;
  @Column('integer') attempts: number;
  @Column({ type: 'timestamptz' }) nextAttemptAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastAttemptAt: Date | null;
  @Column({ type: 'integer', nullable: true }) lastResponseCode: number | null;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'integer', nullable: true }) lastDurationMs: number | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}

/** What the API shows of a subscription: never the secret (it is shown once, at creation). */
export function publicSubscription(s: WebhookSubscription): Record<string, unknown> {
  return {
    id: s.id,
    url: s.url,
    description: s.description,
    event_types: s.eventTypes,
    active: s.active,
    version: s.version,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

export function publicDelivery(d: WebhookDelivery): Record<string, unknown> {
  return {
    id: d.id,
    subscription_id: d.subscriptionId,
    event_id: d.eventId,
    event_type: d.eventType,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    last_attempt_at: d.lastAttemptAt?.toISOString() ?? null,
    last_response_code: d.lastResponseCode,
    last_error: d.lastError,
    last_duration_ms: d.lastDurationMs,
    delivered_at: d.deliveredAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
  };
}

/**
 * Event type filters: an exact type (`task.created`), a prefix wildcard (`task.*`) or `*` for all.
 * Matched in SQL when deliveries are written (WebhookDeliveryRepository.enqueue).
 */
export const EVENT_FILTER_PATTERN = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/;
