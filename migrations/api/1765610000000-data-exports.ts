import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports as jobs (POST /api/v1/exports): one row per export with its progress, and the file itself in
 * chunks written by the worker as it streams rows, so any API replica can stream the download without a
 * shared volume and neither side holds the whole file in memory. `scope` is the requester's read scope at
 * request time (tenant-wide, or programs and tasks), applied by the worker.
 */
export class DataExports1765610000000 implements MigrationInterface {
  name = 'DataExports1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE data_exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        requested_by varchar(100) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('tasks')),
        format varchar(10) NOT NULL CHECK (format IN ('csv')),
        filters jsonb NOT NULL DEFAULT '{}',
        scope jsonb NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        total_rows integer NULL,
        processed_rows integer NOT NULL DEFAULT 0,
        byte_size bigint NULL,
        file_name varchar(200) NOT NULL,
        error text NULL,
        started_at timestamptz(3) NULL,
        completed_at timestamptz(3) NULL,
        expires_at timestamptz(3) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX data_exports_requester_idx ON data_exports (tenant_id, requested_by, created_at)`,
    );
    await q.query(`CREATE INDEX data_exports_expiry_idx ON data_exports (expires_at)`);
    await q.query(
      `CREATE INDEX data_exports_queued_idx ON data_exports (created_at) WHERE status = 'queued'`,
    );
    await q.query(`
      CREATE TABLE data_export_chunks (
        export_id uuid NOT NULL REFERENCES data_exports(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (export_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE data_export_chunks`);
    await q.query(`DROP TABLE data_exports`);
  }
}
