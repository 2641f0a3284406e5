import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API process's transparency-log witness (c2sp.org/tlog-witness): for each log origin, the log key it
 * trusts and the latest checkpoint it cosigned. It lives in the API's database, not in the audit database
 * it watches, so whoever rewrites the audit database cannot also roll the witness back.
 */
export class Witness1765100000000 implements MigrationInterface {
  name = 'Witness1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE witness_checkpoints (
        origin text PRIMARY KEY,
        log_key text NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        root bytea NOT NULL CHECK (length(root) = 32),
        checkpoint text NOT NULL,
        cosigned_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS witness_checkpoints');
  }
}
