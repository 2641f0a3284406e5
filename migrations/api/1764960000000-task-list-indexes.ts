import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes matching the task list's default order (`created_at DESC NULLS LAST, id ASC`, see
 * orderByClause), tenant-wide and per program, so a filtered first page reads about `limit` rows
 * instead of sorting every matching task.
 */
export class TaskListIndexes1764960000000 implements MigrationInterface {
  name = 'TaskListIndexes1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX tasks_tenant_recent_idx ON tasks (tenant_id, created_at DESC NULLS LAST, id)`,
    );
    await q.query(
      `CREATE INDEX tasks_tenant_program_recent_idx ON tasks (tenant_id, program_id, created_at DESC NULLS LAST, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tasks_tenant_program_recent_idx`);
    await q.query(`DROP INDEX IF EXISTS tasks_tenant_recent_idx`);
  }
}
