import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search across the tenant (GET /api/v1/search): full-text search on tasks' existing `search` vector,
 * plus pg_trgm word similarity for typo tolerance ("lanch" finds "Launch") on the names people type:
 * task titles, program names, user names and e-mails, contract clients and invoice numbers. pg_trgm is a
 * trusted extension, so the database owner may create it.
 */
export class SearchIndexes1765600000000 implements MigrationInterface {
  name = 'SearchIndexes1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX tasks_title_trgm_idx ON tasks USING gin (title gin_trgm_ops)`);
    await q.query(`CREATE INDEX programs_name_trgm_idx ON programs USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX users_name_trgm_idx ON users USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops)`);
    await q.query(`CREATE INDEX contracts_client_trgm_idx ON contracts USING gin (client_name gin_trgm_ops)`);
    await q.query(`CREATE INDEX invoices_number_trgm_idx ON invoices USING gin (number gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'invoices_number_trgm_idx',
      'contracts_client_trgm_idx',
      'users_email_trgm_idx',
      'users_name_trgm_idx',
      'programs_name_trgm_idx',
      'tasks_title_trgm_idx',
    ])
      await q.query(`DROP INDEX IF EXISTS ${index}`);
  }
}
