import { createDataSource } from '@oversing/platform';
import { apiMigrations } from '@oversing/migrations';
import { DataSource } from 'typeorm';
import { apiEntities } from './entities';

export function createApiDataSource(
  url: string,
  poolSize = 10,
  applicationName = 'oversing-api',
): DataSource {
  return createDataSource({
    url,
    entities: apiEntities,
    migrations: apiMigrations,
    poolSize,
    applicationName,
  });
}
