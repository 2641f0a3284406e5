import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Something a user was told: in the notification centre until read (and kept after). */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') userId: string;
  @Column({ type: 'varchar', length: 60 }) type: string;
  /** what caused it (a domain event id); one notification per user and cause */
  @Column({ type: 'varchar', length: 120 }) cause: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'text' }) body: string;
  /** path in the PWA to open */
  @Column({ type: 'varchar', length: 500 }) url: string;
  @Column({ type: 'uuid', nullable: true }) taskId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) readAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** A user's channels for one notification type; without a row the type's defaults apply. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn('uuid') tenantId: string;
  @PrimaryColumn('uuid') userId: string;
  @PrimaryColumn({ type: 'varchar', length: 60 }) type: string;
  @Column() push: boolean;
  @Column() email: boolean;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
