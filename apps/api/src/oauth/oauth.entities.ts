import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** OAuth clients: the public PWA client and integrators' confidential clients (secret stored hashed). */
@Entity('oauth_clients')
export class OAuthClient {
  @PrimaryColumn() id: string;
  @Column({ type: 'uuid', nullable: true }) tenantId: string | null;
  @Column() name: string;
  @Column({ type: 'text', nullable: true }) secretHash: string | null;
  @Column({ type: 'jsonb' }) metadata: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** oidc-provider's persisted models (sessions, interactions, codes, grants, tokens). */
@Entity('oidc_payloads')
export class OidcPayload {
  @PrimaryColumn() id: string;
  @PrimaryColumn() type: string;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ type: 'varchar', nullable: true }) grantId: string | null;
  @Column({ type: 'varchar', nullable: true }) userCode: string | null;
  @Column({ type: 'varchar', nullable: true }) uid: string | null;
  @Column({ type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) consumedAt: Date | null;
}

@Entity('oauth_signing_keys')
export class OAuthSigningKey {
  @PrimaryColumn() kid: string;
  @Column() alg: string;
  @Column({ type: 'text' }) privateJwkEncrypted: string;
  @Column({ type: 'varchar' }) status: 'active' | 'retired';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) retiredAt: Date | null;
}
