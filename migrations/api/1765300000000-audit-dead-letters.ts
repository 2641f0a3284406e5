import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dead letters of the audit relay: an outbox event the certification service refuses for what it is
 * (400/413/422) is set aside (`audit_outbox.dead_lettered_at`) with the reason in `audit_dead_letters`,
 * so the relay moves past it instead of retrying the same batch for ever. Replaying clears the mark.
 */
export class AuditDeadLetters1765300000000 implements MigrationInterface {
  name = 'AuditDeadLetters1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_outbox ADD COLUMN dead_lettered_at timestamptz`);
    await q.query(`DROP INDEX audit_outbox_pending_idx`);
    await q.query(
      `CREATE INDEX audit_outbox_pending_idx ON audit_outbox (position)
        WHERE delivered_at IS NULL AND dead_lettered_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE audit_dead_letters (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES audit_outbox(event_id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        status integer NOT NULL,
        reason text NOT NULL,
        dead_lettered_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz
      )`);
    await q.query(`CREATE INDEX audit_dead_letters_event_idx ON audit_dead_letters (event_id)`);
    await q.query(
      `CREATE INDEX audit_dead_letters_open_idx ON audit_dead_letters (dead_lettered_at) WHERE replayed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_dead_letters`);
    await q.query(`DROP INDEX audit_outbox_pending_idx`);
    await q.query(
      `CREATE INDEX audit_outbox_pending_idx ON audit_outbox (position) WHERE delivered_at IS NULL`,
    );
    await q.query(`ALTER TABLE audit_outbox DROP COLUMN dead_lettered_at`);
  }
}
