import { DataSource, DefaultNamingStrategy, MixedList, NamingStrategyInterface } from 'typeorm';

/** Maps camelCase properties to snake_case columns so entities need no per-column names. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    const name = customName ?? propertyName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    return prefixes.length ? `${prefixes.join('_')}_${name}` : name;
  }
  override relationName(propertyName: string): string {
    return propertyName.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  }
  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return `${relationName}_${referencedColumnName}`.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  }
}

export interface DataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName: string;
  migrationsTableName?: string;
}

/** A pooled PostgreSQL DataSource: migrations only, never synchronize. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: options.migrationsTableName ?? 'migrations',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
    },
  });
}

/** One clear sentence when a dependency cannot be reached, instead of a stack trace. */
export function describeConnectionError(what: string, url: string, error: unknown): string {
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  const code = (error as { code?: string }).code;
  const reason = code === '3D000' ? 'the database does not exist' : (code ?? (error as Error).message);
  return `Cannot reach ${what} at ${safeUrl} (${reason}): start it or set the right URL, then try again.`;
}
