import { MigrationInterface, QueryRunner } from 'typeorm';

/** Apps of the realtime server (Pusher "apps"): credentials, origins, limits, webhooks. */
export class RealtimeApps1764200000000 implements MigrationInterface {
  name = 'RealtimeApps1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE realtime_apps (
        id varchar(64) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]+$'),
        key varchar(128) NOT NULL UNIQUE,
        secret_encrypted text NOT NULL,
        allowed_origins text[] NOT NULL DEFAULT '{}',
        allow_no_origin boolean NOT NULL DEFAULT false,
        max_connections integer CHECK (max_connections IS NULL OR max_connections > 0),
        client_events_enabled boolean NOT NULL DEFAULT true,
        max_client_events_per_second integer NOT NULL DEFAULT 10 CHECK (max_client_events_per_second > 0),
        webhook_url text,
        webhook_events text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE realtime_apps`);
  }
}
