import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outcome of each write sent with an `Idempotency-Key`, per tenant, principal and key, written in the
 * write's own transaction (so a crash can never record one without the other) and kept at least 24 hours:
 * a retry with the same key and body gets the stored response instead of a second write.
 */
export class IdempotencyKeys1764980000000 implements MigrationInterface {
  name = 'IdempotencyKeys1764980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        principal text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        response_status integer NOT NULL,
        response_headers jsonb NOT NULL DEFAULT '{}',
        response_body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, principal, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
  }
}
