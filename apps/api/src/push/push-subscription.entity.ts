import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A browser's Web Push subscription (PushSubscription.toJSON()), per tenant and user. */
@Entity('push_subscriptions')
export class PushSubscription {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') userId: string;
  @Column({ type: 'text' }) endpoint: string;
  /** The browser's P-256 public key (base64url), for payload encryption (RFC 8291). */
  @Column({ type: 'text' }) p256dh: string;
  /** The browser's 16-byte authentication secret (base64url). */
  @Column({ type: 'text' }) auth: string;
  @Column({ type: 'text', nullable: true }) userAgent: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export function publicPushSubscription(s: PushSubscription): Record<string, unknown> {
  return {
    id: s.id,
    endpoint: s.endpoint,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}
