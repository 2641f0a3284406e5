import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The legacy (Laravel/MySQL) import: one mapping row per imported legacy row (legacy id → new id) with a
 * hash of what was written and the version the new row had afterwards, so a re-run updates instead of
 * duplicating, leaves unchanged rows alone and notices rows changed in the new system since; and one row
 * per import run (its source, the `--since` it used, its closing report) so `--since last` and
 * `legacy:verify` know what happened.
 */
export class LegacyImport1764987000000 implements MigrationInterface {
  name = 'LegacyImport1764987000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE legacy_import_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        source varchar(500) NOT NULL,
        legacy_instance_id bigint NOT NULL,
        since timestamptz(3),
        dry_run boolean NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
        started_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3),
        report jsonb
      )`);
    await q.query(
      `CREATE INDEX legacy_import_runs_tenant_idx ON legacy_import_runs (tenant_id, started_at DESC)`,
    );
    await q.query(`
      CREATE TABLE legacy_id_map (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        entity varchar(40) NOT NULL,
        legacy_id bigint NOT NULL,
        new_id uuid NOT NULL,
        content_hash varchar(64) NOT NULL,
        new_version integer,
        run_id uuid NOT NULL REFERENCES legacy_import_runs(id) ON DELETE RESTRICT,
        imported_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, entity, legacy_id)
      )`);
    await q.query(`CREATE INDEX legacy_id_map_new_idx ON legacy_id_map (tenant_id, entity, new_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS legacy_id_map`);
    await q.query(`DROP TABLE IF EXISTS legacy_import_runs`);
  }
}
