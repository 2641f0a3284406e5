import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per completed maintenance job of the worker (apps/worker/src/maintenance), keyed by the
 * BullMQ job id and written in the transaction of the job's work: a job that BullMQ runs again (a
 * stalled job after a worker crash, a retry) finds its row and does nothing twice.
 */
export class MaintenanceRuns1764950000000 implements MigrationInterface {
  name = 'MaintenanceRuns1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE maintenance_runs (
        job_id varchar(200) PRIMARY KEY,
        task varchar(100) NOT NULL,
        result jsonb NOT NULL DEFAULT '{}'::jsonb,
        attempt integer NOT NULL,
        completed_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX maintenance_runs_task_idx ON maintenance_runs (task, completed_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE maintenance_runs`);
  }
}
