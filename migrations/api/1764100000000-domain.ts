import { MigrationInterface, QueryRunner } from 'typeorm';

/** Programs, tasks and their dependencies; the audit outbox; domain events with per-tenant sequences. */
/* created_at/updated_at of programs and tasks keep millisecond precision so keyset cursors (JSON) match. */
export class Domain1764100000000 implements MigrationInterface {
  name = 'Domain1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        parent_id uuid REFERENCES programs(id) ON DELETE RESTRICT,
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        status varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'on_hold', 'closed')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE INDEX programs_tenant_idx ON programs (tenant_id, name, id)`);
    await q.query(`CREATE INDEX programs_parent_idx ON programs (parent_id)`);

    await q.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        program_id uuid NOT NULL REFERENCES programs(id) ON DELETE RESTRICT,
        title varchar(300) NOT NULL,
        description text NOT NULL DEFAULT '',
        status varchar(20) NOT NULL DEFAULT 'todo'
          CHECK (status IN ('todo', 'in_progress', 'blocked', 'done', 'cancelled')),
        priority smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 5),
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        due_date date,
        estimate_minutes integer CHECK (estimate_minutes >= 0),
        completed_at timestamptz,
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, ''))
        ) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tasks_tenant_created_idx ON tasks (tenant_id, created_at, id)`);
    await q.query(`CREATE INDEX tasks_tenant_status_idx ON tasks (tenant_id, status, id)`);
    await q.query(`CREATE INDEX tasks_tenant_program_idx ON tasks (tenant_id, program_id, id)`);
    await q.query(`CREATE INDEX tasks_tenant_assignee_idx ON tasks (tenant_id, assignee_id, id)`);
    await q.query(`CREATE INDEX tasks_tenant_due_idx ON tasks (tenant_id, due_date, id)`);
    await q.query(`CREATE INDEX tasks_search_idx ON tasks USING gin (search)`);

    await q.query(`
      CREATE TABLE task_dependencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        blocker_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        blocked_id uuid NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        type varchar(30) NOT NULL DEFAULT 'finish_to_start' CHECK (type = 'finish_to_start'),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (blocker_id, blocked_id),
        CHECK (blocker_id <> blocked_id)
      )`);
    await q.query(`CREATE INDEX task_dependencies_blocked_idx ON task_dependencies (blocked_id)`);

    await q.query(`
      CREATE TABLE audit_outbox (
        event_id uuid PRIMARY KEY,
        position bigserial NOT NULL UNIQUE,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        entity_type varchar(63) NOT NULL,
        entity_id varchar(100) NOT NULL,
        action varchar(63) NOT NULL,
        actor_type varchar(10) NOT NULL CHECK (actor_type IN ('user', 'client', 'system')),
        actor_id varchar(100),
        ip varchar(64),
        user_agent text,
        before_state jsonb,
        after_state jsonb,
        metadata jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        delivered_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(
      `CREATE INDEX audit_outbox_pending_idx ON audit_outbox (position) WHERE delivered_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX audit_outbox_entity_idx ON audit_outbox (tenant_id, entity_type, entity_id, position)`,
    );
    await q.query(
      `CREATE INDEX audit_outbox_tenant_time_idx ON audit_outbox (tenant_id, occurred_at, position)`,
    );

    await q.query(`
      CREATE TABLE tenant_event_counters (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        last_sequence bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE domain_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        sequence bigint NOT NULL,
        type varchar(100) NOT NULL,
        entity_type varchar(63) NOT NULL,
        entity_id varchar(100) NOT NULL,
        channels text[] NOT NULL DEFAULT '{}',
        payload jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (tenant_id, sequence)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'domain_events',
      'tenant_event_counters',
      'audit_outbox',
      'task_dependencies',
      'tasks',
      'programs',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
