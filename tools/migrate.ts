import 'reflect-metadata';
import { createDataSource, describeConnectionError } from '@oversing/platform';
import { auditMigrations } from '@oversing/migrations';
import { createApiDataSource } from '../apps/api/src/infrastructure/api-data-source';
import { ensureDatabase } from './database-bootstrap';

/** Creates the databases if absent and applies every pending migration. */
export async function migrateAll(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const applied: string[] = [];
  const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/oversing';
  if (await ensureDatabase(databaseUrl))
    applied.push(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  const api = await createApiDataSource(databaseUrl, 2, 'oversing-migrate').initialize();
  try {
    for (const m of await api.runMigrations({ transaction: 'each' })) applied.push(`api: ${m.name}`);
  } finally {
    await api.destroy();
  }
  const auditUrl = env.AUDIT_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/runcible_audit';
  if (await ensureDatabase(auditUrl)) applied.push(`created database ${new URL(auditUrl).pathname.slice(1)}`);
  const audit = await createDataSource({
    url: auditUrl,
    entities: [],
    migrations: auditMigrations,
    migrationsTableName: 'audit_migrations',
    poolSize: 2,
    applicationName: 'runcible-migrate',
  }).initialize();
  try {
    for (const m of await audit.runMigrations({ transaction: 'each' })) applied.push(`audit: ${m.name}`);
  } finally {
    await audit.destroy();
  }
  return applied;
}

if (require.main === module) {
  migrateAll()
    .then((applied) => {
      process.stdout.write(applied.length ? `${applied.join('\n')}\n` : 'database schema is up to date\n');
    })
    .catch((error: unknown) => {
      const code = (error as { code?: string }).code;
      if (code === 'ECONNREFUSED' || code === '28P01' || code === 'ENOTFOUND') {
        process.stderr.write(
          `${describeConnectionError('PostgreSQL', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/oversing', error)}\n`,
        );
      } else {
        process.stderr.write(`migration failed: ${(error as Error).message}\n`);
      }
      process.exit(1);
    });
}
