import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Client events (`client-*`, sent by one browser to the others on a channel) are off unless an app turns
 * them on: nothing in Oversing uses them, and on a data channel they let one member inject events into
 * colleagues' sessions. Existing apps never chose them (the seed took the column's old default).
 */
export class RealtimeClientEventsOff1765300000001 implements MigrationInterface {
  name = 'RealtimeClientEventsOff1765300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE realtime_apps ALTER COLUMN client_events_enabled SET DEFAULT false`);
    await q.query(`UPDATE realtime_apps SET client_events_enabled = false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE realtime_apps ALTER COLUMN client_events_enabled SET DEFAULT true`);
  }
}
