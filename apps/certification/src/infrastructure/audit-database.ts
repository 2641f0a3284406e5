import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, PoolClient, QueryResultRow } from 'pg';
import type { IdempotencySql } from '@oversing/platform';

/** Something that runs SQL: the pool, or the client of an open transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** The transaction a request runs in (see AuditDatabase.transaction), with what runs after it commits. */
interface AmbientTransaction {
  client: PoolClient;
  afterCommit: (() => void)[];
  savepoints: number;
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
  private readonly ambient = new AsyncLocalStorage<AmbientTransaction>();

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

  /** Runs on the current transaction's connection inside `transaction`, on the pool outside one. */
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }> {
    const ambient = this.ambient.getStore();
    return ambient ? ambient.client.query<R>(text, values) : this.pool.query<R>(text, values);
  }

  /**
   * Runs `work` in one transaction on one connection; rolls back when it throws. Everything `work` does
   * through this object (`query`, nested `transaction`) joins that transaction, the way the API's unit of
   * work does: so an HTTP request's write and its stored Idempotency-Key response commit together. A
   * nested call is a savepoint: its failure rolls back its own statements and propagates.
   */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const ambient = this.ambient.getStore();
    if (ambient) return this.savepoint(ambient, work);
    const client = await this.pool.connect();
    const state: AmbientTransaction = { client, afterCommit: [], savepoints: 0 };
    let result: T;
    try {
      await client.query('BEGIN');
      result = await this.ambient.run(state, () => work(client));
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    for (const task of state.afterCommit) task();
    return result;
  }

  /** Runs `task` once the current transaction has committed (never if it rolls back); at once outside one. */
  afterCommit(task: () => void): void {
    const ambient = this.ambient.getStore();
    if (ambient) ambient.afterCommit.push(task);
    else task();
  }

  /**
   * Runs `work` outside any current transaction: for work done on behalf of several requests (the group
   * commit of certifications), which must never join the transaction of the request that happened to
   * start it.
   */
  detached<T>(work: () => Promise<T>): Promise<T> {
    return this.ambient.exit(work);
  }

  private async savepoint<T>(
    ambient: AmbientTransaction,
    work: (client: PoolClient) => Promise<T>,
  ): Promise<T> {
    const name = `nested_${++ambient.savepoints}`;
    await ambient.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(ambient.client);
      await ambient.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await ambient.client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The Idempotency-Key store's view of a connection (libs/platform IdempotencyStore). */
export function sqlOn(db: Queryable): IdempotencySql {
  return { query: async (text, values) => (await db.query(text, values)).rows };
}

/** Serializes every append to the log (leaf indexes and certificate numbers are gap-free). */
export const LOG_APPEND_LOCK = 7_340_001;
