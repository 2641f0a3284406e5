import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An audit event the certification service refused (400/413/422), set aside by the relay with the reason. */
@Entity('audit_dead_letters')
export class AuditDeadLetter {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') eventId: string;
  @Column('uuid') tenantId: string;
  @Column('integer') status: number;
  @Column('text') reason: string;
  @Column({ type: 'timestamptz', insert: false, update: false }) deadLetteredAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) replayedAt: Date | null;
}
