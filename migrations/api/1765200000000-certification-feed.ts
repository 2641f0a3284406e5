import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions of the certification service flowing back into Oversing.
 *
 * - `certification_projections`: the API's copy of every certification's current status (one row per
 *   certification, task or not), fed from the certification service's status feed; task responses carry
 *   their latest one, the `requires_certification` guard reads it (no network call under the task's row
 *   lock), and GET /api/v1/certifications lists from it.
 * - `certification_feed_cursors`: the feed position consumed so far, advanced in the same transaction as
 *   what the consumed events changed (so a crash replays, never skips).
 * - `workflow_states.on_certification`: where a task in this state goes when its certification is
 *   approved, rejected or revoked.
 */
export class CertificationFeed1765200000000 implements MigrationInterface {
  name = 'CertificationFeed1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certification_projections (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        task_id uuid NULL,
        number varchar(40) NOT NULL,
        status varchar(32) NOT NULL,
        risk_score double precision NOT NULL,
        policy_key varchar(100) NULL,
        provider varchar(100) NOT NULL,
        model varchar(200) NOT NULL,
        failed_rules text[] NOT NULL DEFAULT '{}',
        created_by varchar(200) NULL,
        certification_created_at timestamptz NOT NULL,
        expires_at timestamptz NULL,
        status_reason text NULL,
        status_actor_type varchar(20) NOT NULL,
        status_actor_id varchar(200) NULL,
        status_at timestamptz NOT NULL,
        feed_position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX certification_projections_task_idx ON certification_projections (tenant_id, task_id, certification_created_at DESC)`,
    );
    await q.query(
      `CREATE INDEX certification_projections_list_idx ON certification_projections (tenant_id, certification_created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX certification_projections_status_idx ON certification_projections (tenant_id, status, certification_created_at)`,
    );
    await q.query(`
      CREATE TABLE certification_feed_cursors (
        name varchar(50) PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE workflow_states ADD COLUMN on_certification jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflow_states DROP COLUMN on_certification`);
    await q.query(`DROP TABLE certification_feed_cursors`);
    await q.query(`DROP TABLE certification_projections`);
  }
}
