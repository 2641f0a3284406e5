import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing webhooks: subscriptions per tenant (URL, event type filters with `task.*` wildcards, a
 * signing secret stored encrypted under KEY_ENCRYPTION_KEY) and one delivery row per (domain event,
 * subscription), written in the transaction of the event. The worker claims due rows with
 * FOR UPDATE SKIP LOCKED and retries with exponential backoff until delivered or dead.
 *
 * Also grants the two permissions added with this change (`webhooks:manage`, `users:erase`) to the
 * system admin role of every existing tenant (new tenants get them from the role template).
 */
export class Webhooks1764600000000 implements MigrationInterface {
  name = 'Webhooks1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        url text NOT NULL CHECK (length(url) <= 2000),
        description varchar(500) NOT NULL DEFAULT '',
        event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 50),
        secret_encrypted text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX webhook_subscriptions_tenant_idx ON webhook_subscriptions (tenant_id, created_at, id)`,
    );
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type varchar(100) NOT NULL,
        body text NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
        last_attempt_at timestamptz(3),
        last_response_code integer,
        last_error text,
        last_duration_ms integer,
        delivered_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (tenant_id, subscription_id, created_at DESC, id)`,
    );
    await q.query(`
      INSERT INTO access_permissions (tenant_id, role_id, permission)
      SELECT r.tenant_id, r.id, p.permission
        FROM access_roles r
        CROSS JOIN (VALUES ('webhooks:manage'), ('users:erase')) AS p(permission)
       WHERE r.key = 'admin' AND r.system
      ON CONFLICT (role_id, permission) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM access_permissions WHERE permission IN ('webhooks:manage', 'users:erase')`);
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS webhook_subscriptions`);
  }
}
