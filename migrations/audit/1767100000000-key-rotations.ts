import { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'runcible_app';

/**
 * Signed key-rotation statements: when a certificate key is rotated, the previous key signs a statement
 * endorsing the new one (a compact JWS, libs/verifier key-rotation.ts). The statements go into the trust
 * file, so a verifier holding an older trust file can follow the chain to the new key. Append-only like
 * every table of the audit database; a statement is only as good as its signature, checked against the
 * trust file, never against this table.
 */
export class KeyRotations1767100000000 implements MigrationInterface {
  name = 'KeyRotations1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE key_rotations (
        next_kid text PRIMARY KEY REFERENCES signing_keys (kid),
        previous_kid text NOT NULL REFERENCES signing_keys (kid),
        purpose text NOT NULL CHECK (purpose IN ('certificate', 'log')),
        statement text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE TRIGGER key_rotations_append_only BEFORE UPDATE OR DELETE ON key_rotations
      FOR EACH ROW EXECUTE FUNCTION runcible_reject_change()`);
    await q.query(`CREATE TRIGGER key_rotations_no_truncate BEFORE TRUNCATE ON key_rotations
      FOR EACH STATEMENT EXECUTE FUNCTION runcible_reject_change()`);
    await q.query(`GRANT SELECT, INSERT ON key_rotations TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS key_rotations');
  }
}
