import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations by mail: a user can wait for a password (status `invited`), and a mailed single-use
 * link says what it is for (`password_reset` or `invitation`).
 */
export class Invitations1765500000000 implements MigrationInterface {
  name = 'Invitations1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_status_check`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('invited', 'active', 'disabled', 'erased'))`,
    );
    await q.query(`
      ALTER TABLE password_reset_tokens
        ADD COLUMN purpose varchar(20) NOT NULL DEFAULT 'password_reset'
        CHECK (purpose IN ('password_reset', 'invitation'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE password_reset_tokens DROP COLUMN purpose`);
    await q.query(`UPDATE users SET status = 'disabled' WHERE status = 'invited'`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_status_check`);
    await q.query(
      `ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status IN ('active', 'disabled', 'erased'))`,
    );
  }
}
