import { MigrationInterface, QueryRunner } from 'typeorm';

const APP_ROLE = 'runcible_app';

/**
 * Witness cosignatures of the log's checkpoints (c2sp.org/tlog-cosignature signature lines), as the
 * witnesses returned them. A convenience copy: audit:verify asks the witnesses themselves (their state
 * lives outside this database), never this table.
 */
export class CheckpointCosignatures1767100000002 implements MigrationInterface {
  name = 'CheckpointCosignatures1767100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE checkpoint_cosignatures (
        size bigint NOT NULL REFERENCES log_checkpoints (size),
        witness text NOT NULL,
        cosignature text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (size, witness)
      )`);
    await q.query(`CREATE TRIGGER checkpoint_cosignatures_append_only BEFORE UPDATE OR DELETE ON checkpoint_cosignatures
      FOR EACH ROW EXECUTE FUNCTION runcible_reject_change()`);
    await q.query(`CREATE TRIGGER checkpoint_cosignatures_no_truncate BEFORE TRUNCATE ON checkpoint_cosignatures
      FOR EACH STATEMENT EXECUTE FUNCTION runcible_reject_change()`);
    await q.query(`GRANT SELECT, INSERT ON checkpoint_cosignatures TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS checkpoint_cosignatures');
  }
}
