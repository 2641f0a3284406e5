import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why a single-use link was mailed: to reset a forgotten password, or to accept an invitation. */
export type AccountTokenPurpose = 'password_reset' | 'invitation';

@Entity('password_reset_tokens')
export class PasswordResetToken {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') userId: string;
  @Column({ type: 'char', length: 64 }) tokenHash: string;
  @Column({ type: 'varchar', length: 20, default: 'password_reset' }) purpose: AccountTokenPurpose;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
