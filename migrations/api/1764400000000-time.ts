import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Time tracking: work logs of a user on a task, grouped into one time card per user and ISO week
 * (week_start is that week's Monday). A card moves draft → submitted → approved | rejected; logs of a
 * submitted or approved card are locked, a rejected card is editable again.
 */
export class Time1764400000000 implements MigrationInterface {
  name = 'Time1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE time_cards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        iso_week varchar(8) NOT NULL,
        week_start date NOT NULL CHECK (extract(isodow FROM week_start) = 1),
        status varchar(10) NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
        submitted_at timestamptz,
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        rejection_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, user_id, week_start)
      )`);
    await q.query(`CREATE INDEX time_cards_tenant_status_idx ON time_cards (tenant_id, status, week_start)`);

    await q.query(`
      CREATE TABLE work_logs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        task_id uuid NOT NULL REFERENCES tasks(id) ON DELETE RESTRICT,
        time_card_id uuid NOT NULL REFERENCES time_cards(id) ON DELETE RESTRICT,
        work_date date NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
        billable boolean NOT NULL DEFAULT true,
        rate_minor bigint NOT NULL DEFAULT 0 CHECK (rate_minor >= 0),
        currency char(3) NOT NULL,
        description text NOT NULL DEFAULT '',
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX work_logs_user_date_idx ON work_logs (tenant_id, user_id, work_date, id)`);
    await q.query(`CREATE INDEX work_logs_card_idx ON work_logs (time_card_id)`);
    await q.query(`CREATE INDEX work_logs_task_idx ON work_logs (tenant_id, task_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS work_logs`);
    await q.query(`DROP TABLE IF EXISTS time_cards`);
  }
}
