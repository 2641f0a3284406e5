import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automatic certification requests (Runcible integration): an optional `llm_output` on tasks
 * ({input, output, provider, model}), a `request_certification` option ({policy_key}) on workflow
 * states, and the `certification_requests` outbox: one row per task entering such a state, written in
 * the transaction of the transition and delivered to the certification service after commit (and
 * retried with backoff by the API's sweep until delivered or failed).
 */
export class TaskCertificationRequests1764900000000 implements MigrationInterface {
  name = 'TaskCertificationRequests1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks ADD COLUMN llm_output jsonb NULL`);
    await q.query(`ALTER TABLE workflow_states ADD COLUMN request_certification jsonb NULL`);
    await q.query(`
      CREATE TABLE certification_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        task_id uuid NOT NULL,
        state_key varchar(50) NOT NULL,
        policy_key varchar(100) NOT NULL,
        llm_output jsonb NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
        last_error text NULL,
        certification_id uuid NULL,
        certification_status varchar(32) NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX certification_requests_due_idx ON certification_requests (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX certification_requests_task_idx ON certification_requests (tenant_id, task_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certification_requests`);
    await q.query(`ALTER TABLE workflow_states DROP COLUMN request_certification`);
    await q.query(`ALTER TABLE tasks DROP COLUMN llm_output`);
  }
}
