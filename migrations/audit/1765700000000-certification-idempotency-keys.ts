import { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNCIBLE_APP_ROLE } from './1765000000000-runcible-audit';

/**
 * The outcome of each certification-service write sent with an `Idempotency-Key`, per tenant, principal
 * and key, kept at least 24 hours (docs/API.md). Written in the transaction that commits the write (for
 * certify: the group-commit batch that appends the certification), so a crash can never keep one without
 * the other.
 *
 * An operational table, not part of the audit record: it is not in AUDIT_TABLES, no log leaf covers it and
 * `audit:verify` never reads it. The application role keeps the audit database's rule, SELECT and INSERT
 * only: a record past its retention is removed by the database itself, through two definer functions
 * owned by the migrating role, like the audit_events partitions: a trigger that drops an expired record of
 * the same key when its key is used again, and `runcible_prune_idempotency_keys()` for the hourly prune.
 * So no role of the service can rewrite a stored response.
 */
export class CertificationIdempotencyKeys1765700000000 implements MigrationInterface {
  name = 'CertificationIdempotencyKeys1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        tenant_id text NOT NULL,
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
    await q.query(`
      CREATE FUNCTION runcible_idempotency_keys_replace_expired() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      BEGIN
        DELETE FROM idempotency_keys
         WHERE tenant_id = NEW.tenant_id AND principal = NEW.principal AND key = NEW.key
           AND expires_at <= now();
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER idempotency_keys_replace_expired BEFORE INSERT ON idempotency_keys
        FOR EACH ROW EXECUTE FUNCTION runcible_idempotency_keys_replace_expired()`);
    await q.query(`
      CREATE FUNCTION runcible_prune_idempotency_keys() RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE pruned integer;
      BEGIN
        DELETE FROM idempotency_keys WHERE expires_at <= now();
        GET DIAGNOSTICS pruned = ROW_COUNT;
        RETURN pruned;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION runcible_prune_idempotency_keys() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION runcible_prune_idempotency_keys() TO ${RUNCIBLE_APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON idempotency_keys TO ${RUNCIBLE_APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
    await q.query(`DROP FUNCTION IF EXISTS runcible_prune_idempotency_keys()`);
    await q.query(`DROP FUNCTION IF EXISTS runcible_idempotency_keys_replace_expired()`);
  }
}
