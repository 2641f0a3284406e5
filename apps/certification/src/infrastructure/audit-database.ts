import { Pool, PoolClient, QueryResultRow } from 'pg';

/** Something that runs SQL: the pool, or the client of an open transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface AuditDatabaseOptions {
  url: string;
  /** Role assumed on every connection (`-c role=…` startup parameter); empty for the URL's user. */
  role: string;
  poolSize: number;
  applicationName: string;
}

/**
 * The audit database, reached only through repositories. Every pooled connection runs as the
 * append-only application role: the role is set as a startup parameter, so it is in force before the
 * first statement and cannot be forgotten by a code path. On a trust-auth local PostgreSQL the URL's
 * user (postgres) switches to the NOLOGIN role; in production the URL names a login role that is a
 * member of it (or is itself limited, with AUDIT_DATABASE_ROLE empty).
 */
export class AuditDatabase implements Queryable {
  readonly pool: Pool;

  constructor(options: AuditDatabaseOptions) {
    this.pool = new Pool({
      connectionString: options.url,
      max: options.poolSize,
      application_name: options.applicationName,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      ...(options.role ? { options: `-c role=${options.role}` } : {}),
    });
    this.pool.on('error', () => undefined);
  }

  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }> {
    return this.pool.query<R>(text, values);
  }

  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Serializes every append to the log (leaf indexes and certificate numbers are gap-free). */
export const LOG_APPEND_LOCK = 7_340_001;
