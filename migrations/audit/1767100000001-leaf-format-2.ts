import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leaf format 2 for certification status events (libs/verifier bundle.ts): the leaf also commits to the
 * actor, reason, hashed ip and user agent, requester, risk score and the digests of the policy results,
 * metadata and stored output version. Events written before keep format 1 (their leaves are already
 * signed); `leaf_version` says which format audit:verify recomputes. Lowering it does not help an
 * attacker: the format-1 hash of the row differs from the logged format-2 leaf.
 */
export class LeafFormat21767100000001 implements MigrationInterface {
  name = 'LeafFormat21767100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE certification_events
      ADD COLUMN leaf_version smallint NOT NULL DEFAULT 1 CHECK (leaf_version IN (1, 2))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE certification_events DROP COLUMN leaf_version');
  }
}
