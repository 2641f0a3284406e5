import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web Push subscriptions of the PWA: one row per browser push endpoint and tenant, owned by the user
 * who subscribed last from that browser. The endpoint is unique per tenant (subscribing again is
 * idempotent); the keys are the browser's public ECDH key and auth secret (not secrets of ours).
 */
export class PushSubscriptions1764970000000 implements MigrationInterface {
  name = 'PushSubscriptions1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE push_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        endpoint text NOT NULL,
        p256dh text NOT NULL,
        auth text NOT NULL,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT push_subscriptions_endpoint_key UNIQUE (tenant_id, endpoint)
      )`);
    await q.query(`CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (tenant_id, user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS push_subscriptions`);
  }
}
