import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateAll } from '../migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    auditDatabaseUrl: string;
    redisUrl: string;
  }
}

const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** One fresh database per run (and one audit database), migrated once, dropped at the end; dist/ built once. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Some specs start the built processes (the worker, the API's main.js): build once, before any spec
  // runs, never during the run (a build replaces dist/ while other specs use it).
  execFileSync(process.execPath, ['tools/build.mjs'], { stdio: 'ignore' });
  const suffix = `${Date.now().toString(36)}_${process.pid}`;
  const databaseUrl = `${SERVER}/oversing_test_${suffix}`;
  const auditDatabaseUrl = `${SERVER}/runcible_audit_test_${suffix}`;
  await migrateAll({ ...process.env, DATABASE_URL: databaseUrl, AUDIT_DATABASE_URL: auditDatabaseUrl });
  project.provide('databaseUrl', databaseUrl);
  project.provide('auditDatabaseUrl', auditDatabaseUrl);
  project.provide('redisUrl', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  return async () => {
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    for (const url of [databaseUrl, auditDatabaseUrl]) {
      const name = new URL(url).pathname.slice(1);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  };
}
