import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { inject } from 'vitest';
/* eslint-disable-next-line @nx/enforce-module-boundaries -- test support: the same migrations as npm start */
import { migrateAll } from '../../../../tools/migrate';

/**
 * A primary database of the suite's own, migrated, for worker tests whose processes drain whole tables
 * (the outbox relay, maintenance): the run's shared database holds other suites' rows.
 */
export async function privateDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const shared = new URL(inject('databaseUrl'));
  const name = `${shared.pathname.slice(1)}_w${randomUUID().slice(0, 8)}`;
  const url = new URL(`/${name}`, shared).toString();
  await migrateAll({ ...process.env, DATABASE_URL: url, AUDIT_DATABASE_URL: inject('auditDatabaseUrl') });
  return {
    url,
    drop: async () => {
      const admin = new Client({ connectionString: new URL('/postgres', shared).toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    },
  };
}
