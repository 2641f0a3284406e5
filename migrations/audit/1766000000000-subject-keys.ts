import { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'runcible_app';

/**
 * Crypto-shredding of personal data in audit payloads.
 *
 * - `subject_keys`: one data key per (tenant, data subject), stored wrapped under the key-encryption key
 *   (KeyEncryption). The application role may INSERT and SELECT; UPDATE is rejected for everyone, and a
 *   DELETE only succeeds inside `erase_subject_key`, which sets a transaction-local flag the trigger checks.
 *   This is the one destructive operation of the audit database, and it destroys key material only:
 *   nothing that a log leaf hashes is in this table.
 * - `subject_key_erasures`: append-only record of every erasure (who, when, which key ids).
 * - `erase_subject_key(tenant, subject, actor)`: SECURITY DEFINER, owned by the migrating (privileged)
 *   role; records the erasure and deletes the key rows in one statement-level unit.
 */
export class SubjectKeys1766000000000 implements MigrationInterface {
  name = 'SubjectKeys1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subject_keys (
        key_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        subject_id text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 200),
        wrapped_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, subject_id)
      )`);
    await q.query(`
      CREATE TABLE subject_key_erasures (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL,
        subject_id text NOT NULL,
        key_ids uuid[] NOT NULL,
        erased_by text,
        erased_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX subject_key_erasures_subject ON subject_key_erasures (tenant_id, subject_id)`,
    );

    await q.query(`
      CREATE FUNCTION runcible_subject_key_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('runcible.erasing_subject_key', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'append-only: % on % is not allowed (use erase_subject_key)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER subject_keys_guard BEFORE UPDATE OR DELETE ON subject_keys
      FOR EACH ROW EXECUTE FUNCTION runcible_subject_key_guard()`);
    await q.query(`CREATE TRIGGER subject_keys_no_truncate BEFORE TRUNCATE ON subject_keys
      FOR EACH STATEMENT EXECUTE FUNCTION runcible_reject_change()`);
    await q.query(`CREATE TRIGGER subject_key_erasures_append_only BEFORE UPDATE OR DELETE ON subject_key_erasures
      FOR EACH ROW EXECUTE FUNCTION runcible_reject_change()`);
    await q.query(`CREATE TRIGGER subject_key_erasures_no_truncate BEFORE TRUNCATE ON subject_key_erasures
      FOR EACH STATEMENT EXECUTE FUNCTION runcible_reject_change()`);

    await q.query(`
      CREATE FUNCTION erase_subject_key(p_tenant uuid, p_subject text, p_actor text) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        ids uuid[];
      BEGIN
        SELECT coalesce(array_agg(key_id), '{}') INTO ids FROM subject_keys
          WHERE tenant_id = p_tenant AND subject_id = p_subject;
        INSERT INTO subject_key_erasures (tenant_id, subject_id, key_ids, erased_by)
          VALUES (p_tenant, p_subject, ids, p_actor);
        PERFORM set_config('runcible.erasing_subject_key', 'on', true);
        DELETE FROM subject_keys WHERE tenant_id = p_tenant AND subject_id = p_subject;
        PERFORM set_config('runcible.erasing_subject_key', 'off', true);
        RETURN coalesce(array_length(ids, 1), 0);
      END $$`);

    await q.query(`GRANT SELECT, INSERT ON subject_keys, subject_key_erasures TO ${APP_ROLE}`);
    await q.query(`GRANT USAGE ON SEQUENCE subject_key_erasures_id_seq TO ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON FUNCTION erase_subject_key(uuid, text, text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION erase_subject_key(uuid, text, text) TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS erase_subject_key(uuid, text, text)`);
    await q.query(`DROP TABLE IF EXISTS subject_key_erasures`);
    await q.query(`DROP TABLE IF EXISTS subject_keys`);
    await q.query(`DROP FUNCTION IF EXISTS runcible_subject_key_guard()`);
  }
}
