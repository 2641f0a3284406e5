import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const CERTIFICATION_STATUSES = [
  'certified',
  'pending_review',
  'approved',
  'rejected',
  'revoked',
  'expired',
] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];
/** A certification in one of these states counts as valid (until it expires). */
export const VALID_CERTIFICATION_STATUSES: CertificationStatus[] = ['certified', 'approved'];

/**
 * The API's copy of a certification's current status, fed by the certification service's status feed
 * (CertificationFeedConsumer). The certification service stays the source of truth; this row is what
 * task responses, the `requires_certification` guard and the certification list read.
 */
@Entity('certification_projections')
export class CertificationProjection {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column({ type: 'uuid', nullable: true }) taskId: string | null;
  @Column({ type: 'varchar' }) number: string;
  @Column({ type: 'varchar' }) status: CertificationStatus;
  @Column('double precision') riskScore: number;
  @Column({ type: 'varchar', nullable: true }) policyKey: string | null;
  @Column({ type: 'varchar' }) provider: string;
  @Column({ type: 'varchar' }) model: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) failedRules: string[];
  @Column({ type: 'varchar', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) certificationCreatedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @Column({ type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'varchar' }) statusActorType: string;
  @Column({ type: 'varchar', nullable: true }) statusActorId: string | null;
  @Column({ type: 'timestamptz' }) statusAt: Date;
  /** The feed position of the event that set this status (an older event never overwrites it). */
  @Column({ type: 'bigint' }) feedPosition: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** How far the API has consumed a feed of another service (one row per feed). */
@Entity('certification_feed_cursors')
export class CertificationFeedCursor {
  @PrimaryColumn({ type: 'varchar' }) name: string;
  @Column({ type: 'bigint' }) position: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** What a task response shows of its latest certification. */
export interface TaskCertificationSummary {
  id: string;
  number: string;
  status: CertificationStatus;
  risk_score: number;
}
