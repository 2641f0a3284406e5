import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LlmOutput } from '../tasks/task.entity';

export const CERTIFICATION_REQUEST_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type CertificationRequestStatus = (typeof CERTIFICATION_REQUEST_STATUSES)[number];

/**
 * Outbox row of an automatic certification request: written in the transaction of the workflow
 * transition that entered a state with `request_certification`, delivered after commit.
 */
@Entity('certification_requests')
export class CertificationRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') taskId: string;
  @Column() stateKey: string;
  @Column() policyKey: string;
  @Column({ type: 'jsonb' }) llmOutput: LlmOutput;
  @Column({ type: 'varchar', default: 'pending' }) status: CertificationRequestStatus;
  @Column('integer', { default: 0 }) attempts: number;
  @Column({ type: 'timestamptz' }) nextAttemptAt: Date;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @Column({ type: 'uuid', nullable: true }) certificationId: string | null;
  @Column({ type: 'varchar', nullable: true }) certificationStatus: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
