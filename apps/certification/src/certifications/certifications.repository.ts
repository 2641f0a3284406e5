import { RequestContext } from '@oversing/platform';
import { Queryable } from '../infrastructure/audit-database';
import { CertificationEventKind, OutputVersionSource } from '../log/leaf-data';

export interface CertificationRow {
  id: string;
  tenant_id: string;
  number: string;
  number_seq: number;
  task_id: string | null;
  policy_id: string;
  policy_version: number;
  policy_hash: string;
  input_hash: string;
  output_hash: string;
  provider: string;
  model: string;
  risk_score: number;
  policy_results: unknown;
  metadata: Record<string, unknown>;
  certificate: Record<string, unknown>;
  jws: string;
  key_id: string;
  timestamp_token: Buffer;
  parent_certification_id: string | null;
  expires_at: Date | null;
  created_by: string | null;
  created_at: Date;
}

export interface CertificationEventRow {
  id: string;
  tenant_id: string;
  certification_id: string;
  kind: CertificationEventKind;
  reason: string | null;
  actor_type: string;
  actor_id: string | null;
  ip: string | null;
  user_agent: string | null;
  leaf_index: string | null;
  /** Leaf format (libs/verifier): 2 for new events, 1 for events written before it. */
  leaf_version: number;
  created_at: Date;
}

export type NewCertificationEvent = Omit<CertificationEventRow, 'leaf_index'> & { leaf_index: number | null };

export interface CertificationListFilter {
  status?: string;
  task_id?: string;
  /** `metadata.certification_request_id`: what an automatic request of the API obtained. */
  request_id?: string;
  created_from?: Date;
  created_to?: Date;
  after?: { created_at: Date; id: string };
  limit: number;
}

/** Current status: the latest status event (views excluded); a valid certificate past expires_at is expired. */
export const CURRENT_STATUS_SQL = `
  CASE WHEN s.kind IN ('certified', 'approved') AND c.expires_at IS NOT NULL AND c.expires_at <= now()
       THEN 'expired' ELSE s.kind END`;

const WITH_STATUS = `
  SELECT c.*, ${CURRENT_STATUS_SQL} AS status
  FROM certifications c
  CROSS JOIN LATERAL (
    SELECT kind FROM certification_events e
    WHERE e.certification_id = c.id AND e.kind <> 'viewed'
    ORDER BY e.created_at DESC, e.leaf_index DESC NULLS LAST LIMIT 1
  ) s`;

export type CertificationWithStatus = CertificationRow & {
  status: Exclude<CertificationEventKind, 'viewed'>;
};

/** certifications, certification_events and llm_output_versions, always scoped by the context's tenant. */
export class CertificationsRepository {
  constructor(private readonly db: Queryable) {}

  async find(id: string, db: Queryable = this.db): Promise<CertificationWithStatus | undefined> {
    const { rows } = await db.query<CertificationWithStatus>(
      `${WITH_STATUS} WHERE c.tenant_id = $1 AND c.id = $2`,
      [RequestContext.tenantId(), id],
    );
    return rows[0];
  }

  async list(filter: CertificationListFilter): Promise<CertificationWithStatus[]> {
    const where = ['c.tenant_id = $1'];
    const values: unknown[] = [RequestContext.tenantId()];
    const add = (sql: string, value: unknown): void => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (filter.task_id) add('c.task_id = ?', filter.task_id);
    if (filter.request_id) add(`c.metadata->>'certification_request_id' = ?`, filter.request_id);
    if (filter.created_from) add('c.created_at >= ?', filter.created_from);
    if (filter.created_to) add('c.created_at < ?', filter.created_to);
    if (filter.status) add(`(${CURRENT_STATUS_SQL}) = ?`, filter.status);
    if (filter.after) {
      values.push(filter.after.created_at, filter.after.id);
      where.push(`(c.created_at, c.id) < ($${values.length - 1}, $${values.length})`);
    }
    values.push(filter.limit);
    const { rows } = await this.db.query<CertificationWithStatus>(
      `${WITH_STATUS} WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT $${values.length}`,
      values,
    );
    return rows;
  }

  /** The certification and its descendants and ancestors (one version chain), oldest first. */
  async versions(id: string): Promise<CertificationWithStatus[]> {
    const { rows } = await this.db.query<CertificationWithStatus>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_certification_id FROM certifications WHERE tenant_id = $1 AND id = $2
         UNION SELECT p.id, p.parent_certification_id FROM certifications p JOIN up ON p.id = up.parent_certification_id
           WHERE p.tenant_id = $1
       ), root AS (SELECT id FROM up WHERE parent_certification_id IS NULL),
       down AS (
         SELECT id FROM root
         UNION SELECT c.id FROM certifications c JOIN down ON c.parent_certification_id = down.id WHERE c.tenant_id = $1
       )
       ${WITH_STATUS} WHERE c.tenant_id = $1 AND c.id IN (SELECT id FROM down) ORDER BY c.created_at, c.id`,
      [RequestContext.tenantId(), id],
    );
    return rows;
  }

  async events(id: string): Promise<CertificationEventRow[]> {
    const { rows } = await this.db.query<CertificationEventRow>(
      `SELECT * FROM certification_events WHERE tenant_id = $1 AND certification_id = $2
       ORDER BY created_at, leaf_index NULLS LAST, id`,
      [RequestContext.tenantId(), id],
    );
    return rows;
  }

  /** The latest status event that is a log leaf. */
  async latestLoggedEvent(id: string): Promise<CertificationEventRow | undefined> {
    const { rows } = await this.db.query<CertificationEventRow>(
      `SELECT * FROM certification_events WHERE tenant_id = $1 AND certification_id = $2 AND leaf_index IS NOT NULL
       ORDER BY leaf_index DESC LIMIT 1`,
      [RequestContext.tenantId(), id],
    );
    return rows[0];
  }

  /** The stored output version of a certification, as stored (for its leaves' output_version_sha256). */
  async outputVersion(id: string, db: Queryable = this.db): Promise<OutputVersionSource | undefined> {
    const { rows } = await db.query<OutputVersionSource>(
      `SELECT id, certification_id, parent_certification_id, input, output, sealed, created_at FROM llm_output_versions
       WHERE tenant_id = $1 AND certification_id = $2`,
      [RequestContext.tenantId(), id],
    );
    return rows[0];
  }

  async maxNumber(tenantId: string, db: Queryable): Promise<number> {
    const { rows } = await db.query<{ max: number | null }>(
      'SELECT max(number_seq) AS max FROM certifications WHERE tenant_id = $1',
      [tenantId],
    );
    return rows[0].max ?? 0;
  }

  async insertEvents(db: Queryable, list: NewCertificationEvent[]): Promise<void> {
    if (list.length === 0) return;
    await db.query(
      `INSERT INTO certification_events (id, tenant_id, certification_id, kind, reason, actor_type, actor_id, ip,
         user_agent, leaf_index, created_at, leaf_version)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::bigint[], $11::timestamptz[], $12::smallint[])`,
      [
        list.map((e) => e.id),
        list.map((e) => e.tenant_id),
        list.map((e) => e.certification_id),
        list.map((e) => e.kind),
        list.map((e) => e.reason),
        list.map((e) => e.actor_type),
        list.map((e) => e.actor_id),
        list.map((e) => e.ip),
        list.map((e) => e.user_agent),
        list.map((e) => e.leaf_index),
        list.map((e) => e.created_at),
        list.map((e) => e.leaf_version),
      ],
    );
  }

  async insertCertifications(db: Queryable, rows: CertificationRow[]): Promise<void> {
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO certifications (id, tenant_id, number, number_seq, task_id, policy_id, policy_version, policy_hash,
         input_hash, output_hash, provider, model, risk_score, policy_results, metadata, certificate, jws, key_id,
         timestamp_token, parent_certification_id, expires_at, created_by, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::uuid[], $7::int[],
         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::float8[], $14::jsonb[], $15::jsonb[],
         $16::jsonb[], $17::text[], $18::text[], $19::bytea[], $20::uuid[], $21::timestamptz[], $22::text[],
         $23::timestamptz[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.tenant_id),
        rows.map((r) => r.number),
        rows.map((r) => r.number_seq),
        rows.map((r) => r.task_id),
        rows.map((r) => r.policy_id),
        rows.map((r) => r.policy_version),
        rows.map((r) => r.policy_hash),
        rows.map((r) => r.input_hash),
        rows.map((r) => r.output_hash),
        rows.map((r) => r.provider),
        rows.map((r) => r.model),
        rows.map((r) => r.risk_score),
        rows.map((r) => JSON.stringify(r.policy_results)),
        rows.map((r) => JSON.stringify(r.metadata)),
        rows.map((r) => JSON.stringify(r.certificate)),
        rows.map((r) => r.jws),
        rows.map((r) => r.key_id),
        rows.map((r) => r.timestamp_token),
        rows.map((r) => r.parent_certification_id),
        rows.map((r) => r.expires_at),
        rows.map((r) => r.created_by),
        rows.map((r) => r.created_at),
      ],
    );
  }

  async insertOutputs(
    db: Queryable,
    rows: {
      id: string;
      tenant_id: string;
      certification_id: string;
      parent_certification_id: string | null;
      input: unknown;
      output: unknown;
      sealed: unknown;
      created_at: Date;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO llm_output_versions (id, tenant_id, certification_id, parent_certification_id, input, output, sealed,
         created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::jsonb[], $6::jsonb[], $7::jsonb[],
         $8::timestamptz[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.tenant_id),
        rows.map((r) => r.certification_id),
        rows.map((r) => r.parent_certification_id),
        rows.map((r) => (r.sealed ? null : JSON.stringify(r.input))),
        rows.map((r) => (r.sealed ? null : JSON.stringify(r.output))),
        rows.map((r) => (r.sealed ? JSON.stringify(r.sealed) : null)),
        rows.map((r) => r.created_at),
      ],
    );
  }
}
