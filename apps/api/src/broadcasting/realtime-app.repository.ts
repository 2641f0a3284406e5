import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KEY_ENCRYPTION } from '@oversing/platform';
import type { KeyEncryption } from '@oversing/platform';

export interface RealtimeAppUpsert {
  id: string;
  key: string;
  secret: string;
  allowedOrigins: string[];
  allowNoOrigin: boolean;
}

/** Rows of `realtime_apps` (read by the realtime server); secrets encrypted under KEY_ENCRYPTION_KEY. */
@Injectable()
export class RealtimeAppRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(KEY_ENCRYPTION) private readonly encryption: KeyEncryption,
  ) {}

  /** Creates or updates an app (idempotent; used by the demo seed). */
  async upsert(app: RealtimeAppUpsert): Promise<void> {
    // The associated data matches the realtime server's realtimeSecretAad().
    const encrypted = await this.encryption.encrypt(Buffer.from(app.secret), `realtime_app:${app.id}`);
    await this.dataSource.query(
      `INSERT INTO realtime_apps (id, key, secret_encrypted, allowed_origins, allow_no_origin)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET key = EXCLUDED.key, secret_encrypted = EXCLUDED.secret_encrypted,
         allowed_origins = EXCLUDED.allowed_origins, allow_no_origin = EXCLUDED.allow_no_origin, updated_at = now()`,
      [app.id, app.key, encrypted, app.allowedOrigins, app.allowNoOrigin],
    );
  }
}
