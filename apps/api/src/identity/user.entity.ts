import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export type UserStatus = 'invited' | 'active' | 'disabled' | 'erased';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column() email: string;
  @Column() name: string;
  @Column({ type: 'text', select: true }) passwordHash: string;
  @Column({ type: 'varchar' }) status: UserStatus;
  @Column({ type: 'text', nullable: true }) totpSecret: string | null;
  @Column({ default: false }) totpEnabled: boolean;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** What the API shows of a user: never the hash or the TOTP secret. */
export function publicUser(user: User, roles?: string[]): Record<string, unknown> {
  return {
    id: user.id,
    tenant_id: user.tenantId,
    email: user.email,
    name: user.name,
    status: user.status,
    totp_enabled: user.totpEnabled,
    version: user.version,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
    ...(roles ? { roles } : {}),
  };
}
