import { createHash } from 'node:crypto';
import { AppException } from '../../errors/app-exception';

/** Who a key belongs to: keys of different tenants or principals never meet. */
export interface IdempotencyScope {
  tenantId: string;
  /** `user:<id>` or `client:<id>` */
  principal: string;
  key: string;
}

export interface StoredResponse {
  fingerprint: string;
  status: number;
  headers: Record<string, string>;
  /** the JSON body as sent, or null for an empty response */
  body: string | null;
}

/**
 * Runs one SQL statement and returns its rows. The store is handed the connection of the write's own
 * transaction (the API's unit of work; the certification service's audit-database transaction or its
 * group commit), so a record commits or rolls back with the write it describes.
 */
export interface IdempotencySql {
  query(sql: string, params: unknown[]): Promise<unknown[]>;
}

/**
 * Idempotency records in PostgreSQL (`idempotency_keys`: the API's database, and the certification
 * service's audit database, where it is an operational table outside the log). Every method runs on the
 * executor it is given, by default the one of the current transaction.
 */
export interface IdempotencyStoreOptions {
  /** How long a record is kept (at least); 24 by default. */
  retentionHours?: number;
  /**
   * The store may only INSERT (the certification service's append-only role): a record past its retention
   * is not updated in place but removed by the database (a trigger on insert, a pruning function).
   */
  insertOnly?: boolean;
}

export class IdempotencyStore {
  private readonly retentionHours: number;
  private readonly insertOnly: boolean;

  constructor(
    private readonly sql: IdempotencySql,
    options: IdempotencyStoreOptions = {},
  ) {
    this.retentionHours = options.retentionHours ?? 24;
    this.insertOnly = options.insertOnly ?? false;
  }

  /**
   * Takes the key for the current transaction (a transaction-scoped advisory lock); false when another
   * request with the same key holds it, i.e. is still running.
   */
  async tryLock(scope: IdempotencyScope, sql: IdempotencySql = this.sql): Promise<boolean> {
    const lockKey = createHash('sha256')
      .update(`${scope.tenantId}\n${scope.principal}\n${scope.key}`)
      .digest()
      .readBigInt64BE(0);
    const rows = (await sql.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [
      lockKey.toString(),
    ])) as Array<{ locked: boolean }>;
    return rows[0]?.locked === true;
  }

  /**
   * Takes the key in the current transaction and reads its record: 409 when a request holding the key
   * still runs, 422 when the key was used for another request, the stored response for a repeat, and
   * undefined when the key is new (the caller then does the work and saves its outcome before commit).
   */
  async acquire(
    scope: IdempotencyScope,
    fingerprint: string,
    sql: IdempotencySql = this.sql,
  ): Promise<StoredResponse | undefined> {
    if (!(await this.tryLock(scope, sql))) throw keyInUse();
    const stored = await this.find(scope, sql);
    if (stored && stored.fingerprint !== fingerprint) throw keyReused();
    return stored;
  }

  async find(scope: IdempotencyScope, sql: IdempotencySql = this.sql): Promise<StoredResponse | undefined> {
    const rows = (await sql.query(
      `SELECT fingerprint, response_status, response_headers, response_body
         FROM idempotency_keys
        WHERE tenant_id = $1 AND principal = $2 AND key = $3 AND expires_at > now()`,
      [scope.tenantId, scope.principal, scope.key],
    )) as Array<{
      fingerprint: string;
      response_status: number;
      response_headers: Record<string, string>;
      response_body: string | null;
    }>;
    const row = rows[0];
    if (!row) return undefined;
    return {
      fingerprint: row.fingerprint,
      status: row.response_status,
      headers: row.response_headers,
      body: row.response_body,
    };
  }

  /**
   * Records the outcome; an expired record of the same key is replaced (in place, or, insert-only, by the
   * database before the insert).
   */
  async save(
    scope: IdempotencyScope,
    request: { method: string; path: string },
    response: StoredResponse,
    sql: IdempotencySql = this.sql,
  ): Promise<void> {
    await sql.query(
      `INSERT INTO idempotency_keys
         (tenant_id, principal, key, fingerprint, method, path, response_status, response_headers,
          response_body, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(hours => $10))
       ON CONFLICT (tenant_id, principal, key) ${
         this.insertOnly
           ? 'DO NOTHING'
           : `DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint, method = EXCLUDED.method, path = EXCLUDED.path,
              response_status = EXCLUDED.response_status, response_headers = EXCLUDED.response_headers,
              response_body = EXCLUDED.response_body, created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE idempotency_keys.expires_at <= now()`
       }`,
      [
        scope.tenantId,
        scope.principal,
        scope.key,
        response.fingerprint,
        request.method,
        request.path.slice(0, 2048),
        response.status,
        JSON.stringify(response.headers),
        response.body,
        this.retentionHours,
      ],
    );
  }
}

export function keyInUse(): AppException {
  return AppException.conflict(
    'A request with this Idempotency-Key is still being processed: retry once it has completed',
    [{ field: 'Idempotency-Key', message: 'in use by a request that has not completed' }],
  );
}

export function keyReused(): AppException {
  return AppException.unprocessable(
    'This Idempotency-Key was already used for a different request: use a new key for a new request',
    [{ field: 'Idempotency-Key', message: 'already used with another method, path or body' }],
  );
}
