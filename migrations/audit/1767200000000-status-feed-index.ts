import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The status feed (GET /api/v1/certification-events?after=N) reads certification events by log index
 * across tenants; this index serves it (views have no log index and are not in it).
 */
export class StatusFeedIndex1767200000000 implements MigrationInterface {
  name = 'StatusFeedIndex1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX certification_events_leaf ON certification_events (leaf_index) WHERE leaf_index IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX certification_events_leaf`);
  }
}
