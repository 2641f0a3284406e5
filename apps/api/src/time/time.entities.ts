import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const TIME_CARD_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type TimeCardStatus = (typeof TIME_CARD_STATUSES)[number];
/** Logs of a card in one of these states cannot be created, edited or deleted. */
export const LOCKED_CARD_STATUSES: TimeCardStatus[] = ['submitted', 'approved'];

@Entity('time_cards')
export class TimeCard {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') userId: string;
  @Column() isoWeek: string;
  @Column({ type: 'date' }) weekStart: string;
  @Column({ type: 'varchar' }) status: TimeCardStatus;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'text', nullable: true }) rejectionReason: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('work_logs')
export class WorkLog {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') userId: string;
  @Column('uuid') taskId: string;
  @Column('uuid') timeCardId: string;
  @Column({ type: 'date' }) workDate: string;
  @Column({ type: 'integer' }) durationMinutes: number;
  @Column() billable: boolean;
  /** bigint minor units, kept as a string by the driver */
  @Column({ type: 'bigint' }) rateMinor: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ default: '' }) description: string;
  @Column({ type: 'uuid', nullable: true }) invoiceId: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const WORK_LOG_FIELDS = [
  'user_id',
  'task_id',
  'time_card_id',
  'work_date',
  'duration_minutes',
  'billable',
  'rate_minor',
  'currency',
  'description',
  'invoice_id',
  'version',
  'created_at',
  'updated_at',
];

export function publicWorkLog(log: WorkLog): Record<string, unknown> {
  return {
    id: log.id,
    user_id: log.userId,
    task_id: log.taskId,
    time_card_id: log.timeCardId,
    work_date: log.workDate,
    duration_minutes: log.durationMinutes,
    billable: log.billable,
    rate_minor: Number(log.rateMinor),
    currency: log.currency,
    description: log.description,
    invoice_id: log.invoiceId,
    version: log.version,
    created_at: log.createdAt.toISOString(),
    updated_at: log.updatedAt.toISOString(),
  };
}

export function publicTimeCard(card: TimeCard): Record<string, unknown> {
  return {
    id: card.id,
    user_id: card.userId,
    iso_week: card.isoWeek,
    week_start: card.weekStart,
    status: card.status,
    submitted_at: card.submittedAt?.toISOString() ?? null,
    decided_at: card.decidedAt?.toISOString() ?? null,
    decided_by: card.decidedBy,
    rejection_reason: card.rejectionReason,
    version: card.version,
    created_at: card.createdAt.toISOString(),
    updated_at: card.updatedAt.toISOString(),
  };
}
