import { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'runcible_app';

/**
 * Erasable outputs (crypto-shredding of LLM inputs and outputs).
 *
 * - `llm_output_versions.sealed`: new versions keep their input and output only sealed (AES-256-GCM) under
 *   a data key of `subject_keys` (the request's data subject, or one key per certification); `input` and
 *   `output` stay NULL for them. Rows written before keep their clear text (and no `sealed`). Erasing the
 *   key makes the content unreadable while the row, which the log leaves hash, stays as it was.
 * - `subject_key_erasures.event_id`: the audit event (a log leaf) recording the erasure, so an erasure
 *   is itself in the log. `erase_subject_key(tenant, subject, actor, event_id)` records it.
 */
export class SealedOutputs1767300000000 implements MigrationInterface {
  name = 'SealedOutputs1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE llm_output_versions ADD COLUMN sealed jsonb`);
    await q.query(`ALTER TABLE llm_output_versions ALTER COLUMN input DROP NOT NULL`);
    await q.query(`ALTER TABLE llm_output_versions ALTER COLUMN output DROP NOT NULL`);
    await q.query(`ALTER TABLE llm_output_versions ADD CONSTRAINT llm_output_versions_clear_or_sealed CHECK (
      (sealed IS NULL AND input IS NOT NULL AND output IS NOT NULL)
      OR (sealed IS NOT NULL AND input IS NULL AND output IS NULL))`);

    await q.query(`ALTER TABLE subject_key_erasures ADD COLUMN event_id uuid`);
    await q.query(`
      CREATE FUNCTION erase_subject_key(p_tenant uuid, p_subject text, p_actor text, p_event_id uuid)
      RETURNS uuid[]
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        ids uuid[];
      BEGIN
        SELECT coalesce(array_agg(key_id ORDER BY key_id), '{}') INTO ids FROM subject_keys
          WHERE tenant_id = p_tenant AND subject_id = p_subject;
        INSERT INTO subject_key_erasures (tenant_id, subject_id, key_ids, erased_by, event_id)
          VALUES (p_tenant, p_subject, ids, p_actor, p_event_id);
        PERFORM set_config('runcible.erasing_subject_key', 'on', true);
        DELETE FROM subject_keys WHERE tenant_id = p_tenant AND subject_id = p_subject;
        PERFORM set_config('runcible.erasing_subject_key', 'off', true);
        RETURN ids;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION erase_subject_key(uuid, text, text, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION erase_subject_key(uuid, text, text, uuid) TO ${APP_ROLE}`);
    // the application erases only through the logged variant
    await q.query(`REVOKE EXECUTE ON FUNCTION erase_subject_key(uuid, text, text) FROM ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`GRANT EXECUTE ON FUNCTION erase_subject_key(uuid, text, text) TO ${APP_ROLE}`);
    await q.query(`DROP FUNCTION IF EXISTS erase_subject_key(uuid, text, text, uuid)`);
    await q.query(`ALTER TABLE subject_key_erasures DROP COLUMN event_id`);
    await q.query(`ALTER TABLE llm_output_versions DROP CONSTRAINT llm_output_versions_clear_or_sealed`);
    await q.query(`ALTER TABLE llm_output_versions DROP COLUMN sealed`);
  }
}
