import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification centre: what each user was told (one row per user and cause, read or not), and each
 * user's choice of channels per notification type (no row: the type's defaults).
 */
export class Notifications1765500000001 implements MigrationInterface {
  name = 'Notifications1765500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        type varchar(60) NOT NULL,
        cause varchar(120) NOT NULL,
        title varchar(300) NOT NULL,
        body text NOT NULL,
        url varchar(500) NOT NULL,
        task_id uuid,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notifications_cause_key UNIQUE (tenant_id, user_id, cause)
      )`);
    await q.query(
      `CREATE INDEX notifications_user_recent_idx ON notifications (tenant_id, user_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX notifications_user_unread_idx ON notifications (tenant_id, user_id) WHERE read_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE notification_preferences (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        type varchar(60) NOT NULL,
        push boolean NOT NULL,
        email boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id, type)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_preferences`);
    await q.query(`DROP TABLE IF EXISTS notifications`);
  }
}
