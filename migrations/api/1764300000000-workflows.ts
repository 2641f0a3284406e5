import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workflows: per-tenant definitions (states and guarded transitions), one instance per task holding its
 * current state, and the votes cast on a transition during the instance's current round (a round starts
 * each time the instance enters a state, so old votes never count twice).
 */
export class Workflows1764300000000 implements MigrationInterface {
  name = 'Workflows1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        is_default boolean NOT NULL DEFAULT false,
        allow_open_blockers boolean NOT NULL DEFAULT false,
        initial_state_key varchar(50) NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, name)
      )`);
    await q.query(`CREATE UNIQUE INDEX workflows_one_default_idx ON workflows (tenant_id) WHERE is_default`);
    await q.query(`CREATE INDEX workflows_tenant_created_idx ON workflows (tenant_id, created_at, id)`);

    await q.query(`
      CREATE TABLE workflow_states (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        workflow_id uuid NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
        key varchar(50) NOT NULL,
        name varchar(100) NOT NULL,
        category varchar(20) NOT NULL
          CHECK (category IN ('todo', 'in_progress', 'blocked', 'done', 'cancelled')),
        requires_certification boolean NOT NULL DEFAULT false,
        position integer NOT NULL,
        UNIQUE (workflow_id, key)
      )`);

    await q.query(`
      CREATE TABLE workflow_transitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        workflow_id uuid NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
        from_state_id uuid NOT NULL REFERENCES workflow_states(id) ON DELETE CASCADE,
        to_state_id uuid NOT NULL REFERENCES workflow_states(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        required_roles text[] NOT NULL DEFAULT '{}',
        required_fields text[] NOT NULL DEFAULT '{}',
        quorum integer NOT NULL DEFAULT 0 CHECK (quorum >= 0),
        approvals_required integer NOT NULL DEFAULT 0 CHECK (approvals_required >= 0),
        approver_role varchar(63),
        approver_user_ids uuid[] NOT NULL DEFAULT '{}',
        UNIQUE (workflow_id, from_state_id, to_state_id),
        CHECK (from_state_id <> to_state_id)
      )`);

    await q.query(`
      CREATE TABLE workflow_instances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        workflow_id uuid NOT NULL REFERENCES workflows(id) ON DELETE RESTRICT,
        task_id uuid NOT NULL UNIQUE REFERENCES tasks(id) ON DELETE CASCADE,
        current_state_id uuid NOT NULL REFERENCES workflow_states(id) ON DELETE RESTRICT,
        round integer NOT NULL DEFAULT 1,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX workflow_instances_workflow_idx ON workflow_instances (tenant_id, workflow_id)`,
    );

    await q.query(`
      CREATE TABLE workflow_instance_votes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        instance_id uuid NOT NULL REFERENCES workflow_instances(id) ON DELETE CASCADE,
        transition_id uuid NOT NULL REFERENCES workflow_transitions(id) ON DELETE CASCADE,
        round integer NOT NULL,
        voter_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        decision varchar(10) NOT NULL CHECK (decision IN ('approve', 'reject')),
        comment text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (instance_id, transition_id, round, voter_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'workflow_instance_votes',
      'workflow_instances',
      'workflow_transitions',
      'workflow_states',
      'workflows',
    ])
      await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
