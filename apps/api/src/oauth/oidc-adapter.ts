import { errors } from 'oidc-provider';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { DataSource } from 'typeorm';
import { OAuthClientRepository } from './oauth-client.repository';

/**
 * oidc-provider's persistence in PostgreSQL (table oidc_payloads). `consume` is a single conditional
 * UPDATE, so of two concurrent redemptions of a code or refresh token exactly one wins; the loser gets
 * invalid_grant. Clients come from oauth_clients.
 */
export function createOidcAdapter(
  dataSource: DataSource,
  clients: OAuthClientRepository,
): new (name: string) => Adapter {
  return class PostgresOidcAdapter implements Adapter {
    constructor(private readonly name: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.name === 'Client') throw new Error('Clients are created with the CLI, not dynamically');
      await dataSource.query(
        `INSERT INTO oidc_payloads (id, type, payload, grant_id, user_code, uid, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int > 0 THEN now() + make_interval(secs => $7::int) END)
         ON CONFLICT (type, id) DO UPDATE
           SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, user_code = EXCLUDED.user_code,
               uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
        [
          id,
          this.name,
          payload,
          payload.grantId ?? null,
          payload.userCode ?? null,
          payload.uid ?? null,
          expiresIn ?? 0,
        ],
      );
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.name === 'Client') return clients.findMetadata(id);
      return this.findWhere('id = $2', id);
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('user_code = $2', userCode);
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('uid = $2', uid);
    }

    async consume(id: string): Promise<void> {
      const [, affected] = (await dataSource.query(
        `UPDATE oidc_payloads SET consumed_at = now() WHERE type = $1 AND id = $2 AND consumed_at IS NULL`,
        [this.name, id],
      )) as [unknown, number];
      if (affected === 0) throw new errors.InvalidGrant('grant already used');
    }

    async destroy(id: string): Promise<void> {
      await dataSource.query(`DELETE FROM oidc_payloads WHERE type = $1 AND id = $2`, [this.name, id]);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await dataSource.query(`DELETE FROM oidc_payloads WHERE grant_id = $1`, [grantId]);
    }

    private async findWhere(condition: string, value: string): Promise<AdapterPayload | undefined> {
      const rows: { payload: AdapterPayload; consumed_at: Date | null }[] = await dataSource.query(
        `SELECT payload, consumed_at FROM oidc_payloads
          WHERE type = $1 AND ${condition} AND (expires_at IS NULL OR expires_at > now())`,
        [this.name, value],
      );
      const row = rows[0];
      if (!row) return undefined;
      return row.consumed_at
        ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) }
        : row.payload;
    }
  };
}
